import type { Bench } from '../src/cli/bench.ts';
import { medianIncomeOf } from '../src/codes/wages.ts';
import { Rng } from '../src/demo/rng.ts';
import { type Applicant, decider, type EligibilityRules } from '../src/features/publicjobs/eligibility.ts';
import { rfc3797OrderReference } from '../src/features/publicjobs/rfc3797.reference.ts';
import { keyStringOf, rfc3797Order } from '../src/features/publicjobs/rfc3797.ts';
import { candidateListText, rankCandidates, sha256Hex } from '../src/features/publicjobs/selection.ts';

/**
 * `npm run bench -- public-jobs [--samples N] [--seed S]`: N applications (100,000) decided
 * by a 신중년 rule set (ages 50–64, income ≤ 100 % of 2026's 기준중위소득 by household size,
 * property ≤ 4억, two exclusions, 가산점, repeat participation), then the selection over the
 * eligible ones: the frozen list's SHA-256, the RFC 3797 draw over all of them (past
 * 65,536 with the four-byte counter of rfc3797.ts) and the score-then-lottery ranking. The peer, in the same run: the
 * same draw by the straightforward RFC 3797 (BigInt of the MD5 hex, splice from an array) —
 * its order must be the same; and the eligibility written inline for these rules, whose verdicts
 * must be the same. One JSON line.
 */
export const run: Bench['run'] = async ({ seed, options }) => {
  const n = Number(options.samples ?? 100_000);
  const rng = new Rng(seed);
  const rules: EligibilityRules = {
    minAge: 50,
    maxAge: 64,
    incomePctOfMedian: 100,
    propertyMax: 400_000_000,
    excludeFlags: ['unemployment_benefit', 'basic_livelihood'],
    scoring: [
      { flag: 'disabled', points: 5 },
      { flag: 'single_parent', points: 3 },
      { flag: 'long_term_unemployed', points: 2 },
    ],
    repeat: { lookbackYears: 1, action: 'deduct', points: 2 },
    over65MaxHoursPerWeek: 15,
  };
  const flagsOf = [
    'unemployment_benefit',
    'basic_livelihood',
    'disabled',
    'single_parent',
    'long_term_unemployed',
  ];
  const applicants: Applicant[] = Array.from({ length: n }, () => ({
    age: rng.int(48, 66),
    householdSize: rng.int(1, 5),
    monthlyIncome: rng.int(300_000, 3_000_000),
    property: rng.int(0, 450_000_000),
    flags: flagsOf.filter(() => rng.chance(0.05)),
    repeat: rng.chance(0.125),
  }));

  const decide = decider(rules, 2026);
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes.
  const timed = <T>(f: () => T) => {
    const c = process.cpuUsage();
    const t = performance.now();
    const value = f();
    const u = process.cpuUsage(c);
    return { value, ms: performance.now() - t, cpuMs: (u.user + u.system) / 1000 };
  };
  const verdicts = timed(() => applicants.map((a) => decide(a, { words: false })));
  const worded = timed(() => applicants.map((a) => decide(a)));
  // Peer in the same run: the same rules written inline for this rule set (no rule-set data, no
  // decider), the floor any implementation of these rules can reach.
  const caps = [0, 1, 2, 3, 4, 5, 6, 7].map((size) =>
    Math.floor(((medianIncomeOf(2026, size) ?? 0) * 100) / 100),
  );
  const plain = timed(() =>
    applicants.map((a) => {
      let ok = a.age >= 50 && a.age <= 64 && a.monthlyIncome <= (caps[a.householdSize] as number);
      ok &&= a.property <= 400_000_000;
      let score = a.repeat ? -2 : 0;
      for (const f of a.flags) {
        if (f === 'unemployment_benefit' || f === 'basic_livelihood') ok = false;
        else if (f === 'disabled') score += 5;
        else if (f === 'single_parent') score += 3;
        else if (f === 'long_term_unemployed') score += 2;
      }
      return { eligible: ok, score };
    }),
  );
  const decisions = verdicts.value;
  const plainSame = plain.value.every(
    (p, i) => p.eligible === decisions[i]?.eligible && (!p.eligible || p.score === decisions[i]?.score),
  );
  if (worded.value.some((d, i) => d.eligible !== decisions[i]?.eligible || d.score !== decisions[i]?.score)) {
    throw new Error('the worded decisions differ from the verdicts');
  }
  const eligible = decisions.flatMap((d, i) => (d.eligible ? [{ no: i + 1, score: d.score }] : []));
  const nos = eligible.map((e) => e.no);
  const scores = eligible.map((e) => e.score);

  const key = keyStringOf([[1203], [3, 11, 19, 25, 38, 42], [7]]);
  const draw = timed(() => ({
    sha: sha256Hex(candidateListText(nos, scores)),
    lottery: rfc3797Order(key, nos.length),
  }));
  const lottery = draw.value.lottery;
  const ranked = timed(() => rankCandidates('score_then_lottery', scores, key));
  const reference = timed(() => rfc3797OrderReference(key, nos.length));
  const same = reference.value.length === lottery.length && reference.value.every((v, i) => v === lottery[i]);
  const ms = (x: number) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      bench: 'public-jobs',
      applications: n,
      eligible: nos.length,
      eligibility: { ms: ms(verdicts.ms), cpuMs: ms(verdicts.cpuMs) },
      eligibilityWithReasons: { ms: ms(worded.ms), cpuMs: ms(worded.cpuMs) },
      eligibilityPeer: {
        name: 'the same rules inline (no rule-set data)',
        ms: ms(plain.ms),
        cpuMs: ms(plain.cpuMs),
        sameVerdicts: plainSame,
      },
      draws: lottery.length,
      draw: { ms: ms(draw.ms), cpuMs: ms(draw.cpuMs) },
      scoreThenLottery: { ms: ms(ranked.ms), cpuMs: ms(ranked.cpuMs) },
      selected40: ranked.value.ranked.slice(0, 40).map((i) => nos[i]),
      inputSha256: draw.value.sha,
      peer: {
        name: 'RFC 3797 reference (BigInt + splice)',
        draw: { ms: ms(reference.ms), cpuMs: ms(reference.cpuMs) },
        sameOrder: same,
      },
      eligibilityUnder1s: verdicts.ms < 1000,
      drawUnder1s: draw.ms < 1000,
      under1sInCpuTime: { eligibility: verdicts.cpuMs < 1000, draw: draw.cpuMs < 1000 },
    }),
  );
  if (!same || !plainSame) process.exitCode = 1;
};
