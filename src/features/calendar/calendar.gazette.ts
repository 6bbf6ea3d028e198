import * as gazette from '@hyunbinseo/holidays-kr/all';

/** The kinds of a closed day (API.md "Reference data (dated)"). */
export type HolidayKind = 'public' | 'substitute' | 'temporary' | 'election';
export type ClosedKind = HolidayKind | 'closure';

export interface GazetteHoliday {
  date: string;
  name: string;
  kind: HolidayKind;
}

/**
 * The kind of a gazette entry by its name: "대체공휴일(…)" substitutes, election days
 * ("…선거", also "임시공휴일(대통령선거)"), other "임시공휴일", and the statutory days.
 */
export function gazetteKind(name: string): HolidayKind {
  if (name.includes('대체공휴일')) return 'substitute';
  if (name.includes('선거')) return 'election';
  if (name.includes('임시공휴일')) return 'temporary';
  return 'public';
}

/**
 * Every day of the official gazette data shipped by `@hyunbinseo/holidays-kr` (관보 고시; it
 * matches the gazette where `date-holidays` does not, FIELD.md §e.6), one row per name: a day
 * can carry two (2025-05-05 어린이날, 부처님 오신 날). A newer package adds its years here.
 */
export function gazetteHolidays(): GazetteHoliday[] {
  const out: GazetteHoliday[] = [];
  for (const [key, days] of Object.entries(gazette)) {
    if (!/^y\d{4}$/.test(key)) continue;
    for (const [date, names] of Object.entries(days as Record<string, readonly string[]>)) {
      for (const name of names) out.push({ date, name, kind: gazetteKind(name) });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

/** The years the gazette data covers, ascending. */
export function gazetteYears(): number[] {
  return [...new Set(gazetteHolidays().map((h) => Number(h.date.slice(0, 4))))].sort((a, b) => a - b);
}
