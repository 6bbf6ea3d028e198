import { type Insertable, type Kysely, sql } from 'kysely';
import { minimumWageFor } from '../codes/wages.ts';
import { ageOn, decider, type EligibilityRules } from '../features/publicjobs/eligibility.ts';
import type { PublicJobApplicationTable } from '../features/publicjobs/publicjobs.tables.ts';
import { keyStringOf } from '../features/publicjobs/rfc3797.ts';
import { candidateListText, rankCandidates, sha256Hex } from '../features/publicjobs/selection.ts';
import type { Tables } from '../platform/db/tables.ts';
import { demoId, Rng } from './rng.ts';

// Public jobs demo (issue 20): two programmes of 광명's kinds (seed 004, FIELD.md §f.2) at the
// 광명 centre. A 신중년 일자리 that ran this half-year: applications decided by its rule set,
// the candidate list announced with a named lottery round, an RFC 3797 draw with the round's
// numbers (illustrative numbers: this is demo data), published, 40 placed at worksites (an
// employment with route public_job each), some since moved to private jobs. And a 행복일자리
// for next year taking applications now. Deterministic per seed.

const STREAM = 902;
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const seoulNoon = (d: string) => new Date(`${d}T12:00:00+09:00`);
const WORKSITES = [
  '광명시청 민원봉사과',
  '철산도서관',
  '광명동굴 관광안내소',
  '하안종합사회복지관',
  '소하동 행정복지센터',
];
const FLAGS = [
  'unemployment_benefit',
  'basic_livelihood',
  'disabled',
  'single_parent',
  'long_term_unemployed',
];

const NEW_MIDDLE: EligibilityRules = {
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
  repeat: { lookbackYears: 1, action: 'flag', points: 0 },
  over65MaxHoursPerWeek: 15,
};
const HAPPY: EligibilityRules = {
  minAge: 19,
  maxAge: 69,
  incomePctOfMedian: 70,
  propertyMax: 400_000_000,
  excludeFlags: ['unemployment_benefit'],
  scoring: [
    { flag: 'basic_livelihood', points: 5 },
    { flag: 'disabled', points: 5 },
    { flag: 'single_parent', points: 3 },
  ],
  repeat: { lookbackYears: 1, action: 'deduct', points: 2 },
  over65MaxHoursPerWeek: 15,
};

/** Inserts the public jobs demo; returns rows per table. */
export async function seedPublicJobs(
  db: Kysely<Tables>,
  o: { seed: number; today: string; centreIds: { id: string; region: string; kind: string }[] },
): Promise<Record<string, number>> {
  const centre = o.centreIds.find((c) => c.region === '41210') ?? o.centreIds.find((c) => c.kind === 'city');
  if (!centre) return {};
  const seekers = await db
    .selectFrom('seekers')
    .select(['id', 'birth_date', 'centre_id'])
    .where('centre_id', '=', centre.id)
    .orderBy('id')
    .limit(420)
    .execute();
  if (seekers.length < 10) return {};
  const rng = new Rng(o.seed, STREAM);
  const ms = seoulNoon(o.today).getTime();
  let n = 0;
  const id = () => demoId(o.seed, STREAM, n++, ms);
  const year = Number(o.today.slice(0, 4));
  const past = { startsOn: addDays(o.today, -150), endsOn: addDays(o.today, -10) };
  const wage = (y: number) => Math.max(10_320, minimumWageFor(y)?.hourly ?? 10_320);
  const programmes = [
    {
      id: id(),
      centre_id: centre.id,
      name: '신중년 경력형 일자리',
      kind: 'new_middle_aged' as const,
      year: Number(past.startsOn.slice(0, 4)),
      quota: 40,
      starts_on: past.startsOn,
      ends_on: past.endsOn,
      hours_per_week: 35,
      hourly_wage: wage(Number(past.startsOn.slice(0, 4))),
      selection: 'lottery' as const,
      apply_from: addDays(past.startsOn, -30),
      apply_to: addDays(past.startsOn, -20),
      description: '만 50~64세 광명시민의 경력을 살린 공공일자리(주 35시간, 1일 7시간).',
      applications: 0,
    },
    {
      id: id(),
      centre_id: centre.id,
      name: '행복일자리(상반기)',
      kind: 'happy' as const,
      year: year + 1,
      quota: 60,
      starts_on: `${year + 1}-02-02`,
      ends_on: `${year + 1}-06-30`,
      hours_per_week: 20,
      hourly_wage: wage(year + 1),
      selection: 'score_then_lottery' as const,
      apply_from: addDays(o.today, -5),
      apply_to: addDays(o.today, 10),
      description: '저소득 취업취약계층·실직자를 위한 행복일자리(1일 4시간, 65세 이상 3시간).',
      applications: 0,
    },
  ];
  const ruleRows = programmes.map((p, i) => ({
    id: id(),
    centre_id: centre.id,
    programme_id: p.id,
    version: 1,
    rules: JSON.stringify(i === 0 ? NEW_MIDDLE : HAPPY),
    source:
      i === 0
        ? '광명시 공고(데모) — 신중년 일자리 참여자 모집'
        : '광명시 공고(데모) — 행복일자리 참여자 모집',
    adopted_at: seoulNoon(programmes[i]!.apply_from),
  }));
  // 300 applicants to the past programme, 120 so far to the open one.
  const apps: (Insertable<PublicJobApplicationTable> & { id: string; score: number; eligible: boolean })[] =
    [];
  const sizes = [Math.min(300, seekers.length), Math.min(120, seekers.length)];
  programmes.forEach((p, pi) => {
    const decide = decider(pi === 0 ? NEW_MIDDLE : HAPPY, p.year);
    const pool = pi === 0 ? seekers.slice(0, sizes[0]) : seekers.slice(seekers.length - (sizes[1] as number));
    pool.forEach((s, i) => {
      const age = ageOn(String(s.birth_date), p.starts_on);
      const applicant = {
        age,
        householdSize: rng.int(1, 4),
        monthlyIncome: rng.int(0, 45) * 100_000,
        property: rng.int(0, 50) * 10_000_000,
        flags: FLAGS.filter(() => rng.chance(0.08)),
        repeat: false,
      };
      const d = decide(applicant);
      apps.push({
        id: id(),
        programme_id: p.id,
        centre_id: centre.id,
        application_no: i + 1,
        seeker_id: s.id,
        channel: rng.chance(0.4) ? 'portal' : 'counsellor',
        household_size: applicant.householdSize,
        monthly_income: applicant.monthlyIncome,
        property: applicant.property,
        flags: applicant.flags,
        age: Math.max(0, age),
        repeat_participation: false,
        eligible: d.eligible,
        score: d.score,
        reasons: JSON.stringify(d.reasons),
        rule_set_id: ruleRows[pi]!.id,
        rule_version: 1,
        created_by: null,
        created_at: seoulNoon(addDays(p.apply_from, i % 10)),
      });
    });
    p.applications = sizes[pi]!;
  });
  await db.insertInto('public_job_programmes').values(programmes).execute();
  await db.insertInto('public_job_rule_sets').values(ruleRows).execute();
  for (let i = 0; i < apps.length; i += 500) {
    await db
      .insertInto('public_job_applications')
      .values(apps.slice(i, i + 500))
      .execute();
  }
  // The past programme's draw: announced before the round's numbers came out.
  const first = programmes[0]!;
  const cands = apps.filter((a) => a.programme_id === first.id && a.eligible);
  const nos = cands.map((c) => c.application_no);
  const scores = cands.map((c) => c.score);
  const seeds = [[1190], [4, 9, 17, 26, 33, 41], [12]];
  const key = keyStringOf(seeds);
  const { ranked, lottery } = rankCandidates('lottery', scores, key);
  const announcedOn = addDays(first.apply_to, 1);
  const announcement = {
    id: id(),
    centre_id: centre.id,
    programme_id: first.id,
    seq: 1,
    candidates: cands.map((c) => c.id),
    candidate_nos: nos,
    candidate_scores: scores,
    input_sha256: sha256Hex(candidateListText(nos, scores)),
    seed_source: '동행복권 로또 6/45 제1190회 당첨번호 6개와 보너스 번호(데모 예시 번호)',
    seeds_available_at: new Date(`${addDays(announcedOn, 2)}T20:45:00+09:00`),
    announced_at: seoulNoon(announcedOn),
  };
  const draw = {
    id: id(),
    centre_id: centre.id,
    programme_id: first.id,
    announcement_id: announcement.id,
    run_no: 1,
    method: 'lottery' as const,
    seed_sources: JSON.stringify(seeds),
    key_string: key,
    lottery_order: lottery,
    ranked: ranked.map((i) => cands[i]!.id),
    quota: first.quota,
  };
  await db.insertInto('public_job_announcements').values(announcement).execute();
  // The draw happened an hour after the numbers came out. The table's trigger stamps a draw with
  // the time it is inserted; a superuser loads the past one with triggers off (as the COPYs do).
  await db.transaction().execute(async (tx) => {
    const su = await sql<{ su: boolean }>`SELECT current_setting('is_superuser') = 'on' AS su`.execute(tx);
    if (su.rows[0]?.su) await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    const drawnAt = new Date(announcement.seeds_available_at.getTime() + 3_600_000);
    await tx
      .insertInto('public_job_draws')
      .values({ ...draw, drawn_at: drawnAt })
      .execute();
  });
  await db
    .insertInto('public_job_publications')
    .values({
      programme_id: first.id,
      centre_id: centre.id,
      draw_id: draw.id,
      published_at: seoulNoon(addDays(announcedOn, 3)),
    })
    .execute();
  // Placements of the selected, each an employment with route public_job; a few ended early in a private job.
  const bySeeker = new Map(cands.map((c) => [c.id, c.seeker_id]));
  const placements = [];
  const employments = [];
  for (const [k, appId] of draw.ranked.slice(0, first.quota).entries()) {
    const worksite = WORKSITES[k % WORKSITES.length]!;
    const empId = id();
    employments.push({
      id: empId,
      seeker_id: bySeeker.get(appId)!,
      centre_id: centre.id,
      employer_id: null,
      employer_name: worksite,
      start_date: first.starts_on,
      route: 'public_job' as const,
      employment_type: '21',
      wage_type: 'H' as const,
      wage: first.hourly_wage,
      created_by: null,
    });
    const outcome = k % 6 === 0 ? 'private_job' : k % 11 === 0 ? 'dropped' : 'completed';
    const endsOn = outcome === 'completed' ? first.ends_on : addDays(first.starts_on, 40 + k);
    // The private job itself is an employment too (found with the counsellor's help: route self).
    const privateId = outcome === 'private_job' ? id() : null;
    if (privateId) {
      employments.push({
        id: privateId,
        seeker_id: bySeeker.get(appId)!,
        centre_id: centre.id,
        employer_id: null,
        employer_name: '(주)광명물류',
        start_date: addDays(endsOn, 1),
        route: 'self' as const,
        employment_type: '10',
        wage_type: 'M' as const,
        wage: 2_400_000,
        created_by: null,
      });
    }
    placements.push({
      id: id(),
      programme_id: first.id,
      centre_id: centre.id,
      application_id: appId,
      seeker_id: bySeeker.get(appId)!,
      worksite,
      starts_on: first.starts_on,
      ends_on: endsOn,
      outcome,
      private_employer: outcome === 'private_job' ? '(주)광명물류' : null,
      employment_id: empId,
      private_employment_id: privateId,
      counsellor_id: null,
      ended_at: seoulNoon(endsOn),
    } as const);
  }
  await db
    .insertInto('employments')
    .values(employments)
    .onConflict((oc) => oc.doNothing())
    .execute();
  const kept = new Set(
    (
      await db
        .selectFrom('employments')
        .select('id')
        .where(
          'id',
          'in',
          employments.map((e) => e.id),
        )
        .execute()
    ).map((e) => e.id),
  );
  await db
    .insertInto('public_job_placements')
    .values(
      placements.map((p) => ({
        ...p,
        employment_id: kept.has(p.employment_id) ? p.employment_id : null,
        private_employment_id:
          p.private_employment_id && kept.has(p.private_employment_id) ? p.private_employment_id : null,
      })),
    )
    .execute();
  await sql`ANALYZE public_job_programmes, public_job_applications, public_job_placements`.execute(db);
  return {
    public_job_programmes: programmes.length,
    public_job_applications: apps.length,
    public_job_draws: 1,
    public_job_placements: placements.length,
    /** Added to the employments the casework demo copied. */
    employments: kept.size,
  };
}
