import { medianIncomeOf } from '../../codes/wages.ts';
import {
  APPLICANT_FLAGS,
  type ApplicantFlag,
  REPEAT_ACTIONS,
  type RepeatAction,
} from './publicjobs.codes.ts';

// A programme's eligibility rule set, stored as data (one version per change, FIELD.md P5), and
// the decision it gives on one application. Pure: the bench runs it over 100,000 applications.

/** The rules notices actually use (FIELD.md §f.2): ages, income as % of 기준중위소득, property, exclusions, 가산점. */
export interface EligibilityRules {
  /** 만 나이 on the programme's first day, both ends included. */
  minAge: number | null;
  maxAge: number | null;
  /** Monthly household income at most this percentage of that year's 기준중위소득 for the household size. */
  incomePctOfMedian: number | null;
  /** Property (재산 합계, KRW) at most this. */
  propertyMax: number | null;
  /** Declared circumstances that exclude (실업급여 수급, 기초생활수급 …). */
  excludeFlags: ApplicantFlag[];
  /** 가산점 per declared circumstance. */
  scoring: { flag: ApplicantFlag; points: number }[];
  /** Repeat participation: placed in a public job programme within the last `lookbackYears` years. */
  repeat: { lookbackYears: number; action: RepeatAction; points: number } | null;
  /** Weekly hours a participant aged 65 or over may work (checked at placement; 지침: 15 h). */
  over65MaxHoursPerWeek: number | null;
}

export interface Applicant {
  /** 만 나이 on the programme's first day. */
  age: number;
  householdSize: number;
  monthlyIncome: number;
  property: number;
  flags: readonly string[];
  /** Placed in a public job programme within the rules' look-back. */
  repeat: boolean;
}

/** One rule checked, in Korean (what the applicant is told). */
export interface Reason {
  code: string;
  met: boolean;
  text: string;
}

export interface Decision {
  eligible: boolean;
  score: number;
  reasons: Reason[];
}

/** 만 나이 on a day from a birth date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 1234567 → "1,234,567" (no Intl, no regex: the bench decides 100,000 applications). */
export function won(n: number): string {
  const s = String(Math.round(n));
  let out = '';
  let i = s.length % 3 || 3;
  out = s.slice(0, i);
  for (; i < s.length; i += 3) out += `,${s.slice(i, i + 3)}`;
  return out;
}

function flagName(flag: string): string {
  return (APPLICANT_FLAGS as Record<string, readonly [string, string]>)[flag]?.[0] ?? flag;
}

function ageRange(r: EligibilityRules): string {
  if (r.minAge !== null && r.maxAge !== null) return `만 ${r.minAge}~${r.maxAge}세`;
  if (r.minAge !== null) return `만 ${r.minAge}세 이상`;
  return `만 ${r.maxAge}세 이하`;
}

/**
 * A decider for one programme year: the 기준중위소득 row is read once, then each application is
 * a handful of comparisons. Every rule the set holds gives one reason, met or not; eligible
 * when all are met. Score = the 가산점 of the declared circumstances (minus a repeat
 * participant's deduction when the rules say so).
 */
export function decider(
  rules: EligibilityRules,
  year: number,
): (a: Applicant, opts?: { words?: boolean }) => Decision {
  const excluded = new Set<string>(rules.excludeFlags);
  const points = new Map<string, number>(rules.scoring.map((s) => [s.flag, s.points]));
  const hasAge = rules.minAge !== null || rules.maxAge !== null;
  const ageText = hasAge ? ageRange(rules) : '';
  // What does not depend on the applicant is worded once: the cap and its text per household size.
  const caps = new Map<number, { cap: number; text: string } | null>();
  const capOf = (size: number) => {
    let c = caps.get(size);
    if (c === undefined) {
      const m = medianIncomeOf(year, size);
      const pct = rules.incomePctOfMedian as number;
      const cap = m === null ? 0 : Math.floor((m * pct) / 100);
      c = m === null ? null : { cap, text: `${year}년 ${size}인 가구 기준중위소득 ${pct}% (${won(cap)}원)` };
      caps.set(size, c);
    }
    return c;
  };
  const propertyText = rules.propertyMax === null ? '' : `상한 ${won(rules.propertyMax)}원`;
  const repeatText = rules.repeat
    ? `최근 ${rules.repeat.lookbackYears}년 안에 공공일자리 참여 이력(반복 참여)`
    : '';
  // The verdict alone (a batch, the bench): the same rules as the worded path below, with no
  // closure or reason allocated per application — what made 100,000 verdicts cost ~3.5 µs each.
  const { minAge, maxAge, propertyMax, repeat } = rules;
  const capBySize: ({ cap: number } | null | undefined)[] = [];
  const verdict = (a: Applicant): Decision => {
    let eligible = !(
      (minAge !== null && a.age < minAge) ||
      (maxAge !== null && a.age > maxAge) ||
      (propertyMax !== null && a.property > propertyMax)
    );
    if (eligible && rules.incomePctOfMedian !== null) {
      let c = capBySize[a.householdSize];
      if (c === undefined) {
        c = capOf(a.householdSize);
        if (a.householdSize >= 0 && a.householdSize < 64) capBySize[a.householdSize] = c;
      }
      if (c === null || a.monthlyIncome > c.cap) eligible = false;
    }
    let score = 0;
    for (const flag of a.flags) {
      if (excluded.has(flag)) eligible = false;
      const p = points.get(flag);
      if (p !== undefined) score += p;
    }
    if (repeat && a.repeat) {
      if (repeat.action === 'exclude') eligible = false;
      else if (repeat.action === 'deduct') score -= repeat.points;
    }
    return { eligible, score, reasons: [] };
  };
  return (a, opts) => {
    if (opts?.words === false) return verdict(a);
    const reasons: Reason[] = [];
    let eligible = true;
    const add = (code: string, met: boolean, text: () => string) => {
      reasons.push({ code, met, text: text() });
      if (!met) eligible = false;
    };
    if (hasAge) {
      const met =
        (rules.minAge === null || a.age >= rules.minAge) && (rules.maxAge === null || a.age <= rules.maxAge);
      add('age', met, () => `나이 만 ${a.age}세: 기준 ${ageText}${met ? ' 충족' : '에 해당하지 않음'}`);
    }
    if (rules.incomePctOfMedian !== null) {
      const c = capOf(a.householdSize);
      if (c === null) {
        add(
          'income',
          false,
          () => `${year}년 ${a.householdSize}인 가구 기준중위소득 자료가 없어 소득 기준을 확인할 수 없음`,
        );
      } else {
        const met = a.monthlyIncome <= c.cap;
        add('income', met, () => `가구 월소득 ${won(a.monthlyIncome)}원: ${c.text} ${met ? '이하' : '초과'}`);
      }
    }
    if (rules.propertyMax !== null) {
      const met = a.property <= rules.propertyMax;
      add('property', met, () => `재산 ${won(a.property)}원: ${propertyText} ${met ? '이하' : '초과'}`);
    }
    for (const flag of a.flags) {
      if (excluded.has(flag)) add(`exclude.${flag}`, false, () => `${flagName(flag)}: 참여 제외 대상`);
    }
    let score = 0;
    for (const flag of a.flags) {
      const p = points.get(flag);
      if (p !== undefined) {
        score += p;
        add(`points.${flag}`, true, () => `가산점 ${flagName(flag)} +${p}점`);
      }
    }
    if (rules.repeat && a.repeat) {
      const r = rules.repeat;
      const what = repeatText;
      if (r.action === 'exclude') add('repeat', false, () => `${what}: 참여 제외 대상`);
      else if (r.action === 'deduct') {
        score -= r.points;
        add('repeat', true, () => `${what}: 감점 -${r.points}점`);
      } else add('repeat', true, () => `${what}: ${REPEAT_ACTIONS.flag[0]}`);
    }
    return { eligible, score, reasons };
  };
}
