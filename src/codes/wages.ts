/**
 * Dated money tables set by law each year: 최저임금 (hourly, 고용노동부 고시) and 기준중위소득
 * (monthly by household size, 보건복지부 고시). Facts, with where they were read; no value is
 * extrapolated: a year that is not here has no figure (callers decide what that means).
 */

export interface MinimumWage {
  readonly year: number;
  readonly hourly: number;
  /** The notice that set it, when we could read its number. */
  readonly notice: string | null;
}

/**
 * Sources: FIELD.md §f.5 and P4 (2024–2026: logzia.com table; 고시 제2025-47호 for 2026); 2027
 * (10,700) as 고용노동부고시 제2026-60호 of 2026-08-05, quoted with the moel.go.kr file link by two
 * independent payroll tables in the public code index, and the +380 원 / 3.7 % rise in press.
 * The notice numbers of 2024 and 2025 were not found and are left out rather than guessed.
 */
export const MINIMUM_WAGES: readonly MinimumWage[] = [
  { year: 2024, hourly: 9_860, notice: null },
  { year: 2025, hourly: 10_030, notice: null },
  { year: 2026, hourly: 10_320, notice: '고용노동부고시 제2025-47호' },
  { year: 2027, hourly: 10_700, notice: '고용노동부고시 제2026-60호' },
];

/** Hours in a month of full-time work at the minimum wage (주 40시간 + 주휴 8시간, the notice's 209). */
export const MONTHLY_HOURS = 209;

export interface MedianIncome {
  readonly year: number;
  readonly householdSize: number;
  readonly monthly: number;
  readonly notice: string | null;
}

/**
 * 기준중위소득 (monthly, KRW) by year for 1–7 person households, FIELD.md §f.2 (MOHW table at
 * mohw.go.kr menu a10708010900, cross-checked with two independent tables; 2026 = 보건복지부
 * 고시 제2025-135호). 2027 was decided on 2026-07-28 (제80차 중앙생활보장위원회; 1·4인 confirmed
 * on korea.kr newsId 148968956, 2·3·5·6인 from the press); its 7인 figure was not found.
 */
const MEDIAN: Readonly<Record<number, { notice: string | null; sizes: readonly (number | null)[] }>> = {
  2024: {
    notice: null,
    sizes: [2_228_445, 3_682_609, 4_714_657, 5_729_913, 6_695_735, 7_618_369, 8_514_994],
  },
  2025: {
    notice: null,
    sizes: [2_392_013, 3_932_658, 5_025_353, 6_097_773, 7_108_192, 8_064_805, 8_988_428],
  },
  2026: {
    notice: '보건복지부고시 제2025-135호',
    sizes: [2_564_238, 4_199_292, 5_359_036, 6_494_738, 7_556_719, 8_555_952, 9_515_150],
  },
  2027: { notice: null, sizes: [2_736_042, 4_480_645, 5_718_091, 6_929_885, 8_063_019, 9_129_201, null] },
};

export const MEDIAN_INCOMES: readonly MedianIncome[] = Object.entries(MEDIAN).flatMap(([year, t]) =>
  t.sizes.flatMap((monthly, i) =>
    monthly === null ? [] : [{ year: Number(year), householdSize: i + 1, monthly, notice: t.notice }],
  ),
);

/** The hourly minimum wage of a year, or null when the year's figure is not in the table. */
export function minimumWageOf(year: number): MinimumWage | null {
  return MINIMUM_WAGES.find((w) => w.year === year) ?? null;
}

/**
 * The minimum wage that applies in a year for a check: the year's own figure, or for a year
 * past the table the latest known one (the minimum wage has never gone down, so the guard
 * stays on while next year's notice is missing). Null before the table starts.
 */
export function minimumWageFor(year: number): MinimumWage | null {
  let found: MinimumWage | null = null;
  for (const w of MINIMUM_WAGES) if (w.year <= year) found = w;
  return found;
}

/**
 * 기준중위소득 of a year and household size. Households of 8 or more add the step from 6 to 7
 * persons for each member past 7 (the MOHW rule); null when the year or size is not known.
 */
export function medianIncomeOf(year: number, householdSize: number): number | null {
  const t = MEDIAN[year];
  if (!t || !Number.isInteger(householdSize) || householdSize < 1) return null;
  if (householdSize <= 7) return t.sizes[householdSize - 1] ?? null;
  const six = t.sizes[5];
  const seven = t.sizes[6];
  if (six == null || seven == null) return null;
  return seven + (seven - six) * (householdSize - 7);
}

/**
 * A wage as an hourly amount, to compare with the minimum wage: monthly ÷ 209, daily ÷ 8,
 * yearly ÷ 12 ÷ 209 (API.md "minimum wage").
 */
export function hourlyEquivalent(type: 'H' | 'D' | 'M' | 'Y', amount: number): number {
  if (type === 'H') return amount;
  if (type === 'D') return amount / 8;
  if (type === 'M') return amount / MONTHLY_HOURS;
  return amount / 12 / MONTHLY_HOURS;
}
