import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/rng.ts';
import { type Applicant, decider, type EligibilityRules } from './eligibility.ts';

// The batch path (verdicts only, no reasons) and the worded path of the decider must agree on
// every application: the bench and the API use one or the other.
describe('eligibility decider', () => {
  const rules: EligibilityRules = {
    minAge: 50,
    maxAge: 64,
    incomePctOfMedian: 100,
    propertyMax: 400_000_000,
    excludeFlags: ['unemployment_benefit', 'basic_livelihood'],
    scoring: [
      { flag: 'disabled', points: 5 },
      { flag: 'single_parent', points: 3 },
    ],
    repeat: { lookbackYears: 1, action: 'deduct', points: 2 },
    over65MaxHoursPerWeek: 15,
  };

  it('gives the same verdict and score with and without the reasons, for 5,000 random applicants', () => {
    const rng = new Rng(20);
    const flags = ['unemployment_benefit', 'basic_livelihood', 'disabled', 'single_parent', 'veteran'];
    for (const r of [
      rules,
      { ...rules, repeat: { ...rules.repeat!, action: 'exclude' as const }, minAge: null },
    ]) {
      const decide = decider(r, 2026);
      for (let i = 0; i < 5000; i++) {
        const a: Applicant = {
          age: rng.int(45, 70),
          householdSize: rng.int(1, 9),
          monthlyIncome: rng.int(500_000, 9_000_000),
          property: rng.int(0, 500_000_000),
          flags: flags.filter(() => rng.chance(0.15)),
          repeat: rng.chance(0.2),
        };
        const worded = decide(a);
        const verdict = decide(a, { words: false });
        expect([verdict.eligible, verdict.score]).toEqual([worded.eligible, worded.score]);
        expect(worded.eligible).toBe(worded.reasons.every((x) => x.met));
      }
    }
  });

  it('answers a household size with no 기준중위소득 figure as not eligible on both paths', () => {
    const decide = decider(rules, 2031);
    const a: Applicant = {
      age: 55,
      householdSize: 2,
      monthlyIncome: 1,
      property: 0,
      flags: [],
      repeat: false,
    };
    expect(decide(a, { words: false }).eligible).toBe(false);
    expect(decide(a).reasons.find((x) => x.code === 'income')?.text).toContain('자료가 없어');
  });
});
