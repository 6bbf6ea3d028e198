/** Asia/Seoul is UTC+9 all year: Korea has kept no daylight saving time since 1988. */
const SEOUL_OFFSET_MS = 9 * 3_600_000;

/**
 * Today's date in Asia/Seoul (YYYY-MM-DD), the date staff see on their calendar. Plain
 * arithmetic: an Intl.DateTimeFormat built per call cost ~0.1 ms, and hot paths (a search,
 * every row of a list) ask for it.
 */
export function seoulToday(now = new Date()): string {
  return new Date(now.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

export const DAY_MS = 86_400_000;

/** The Seoul calendar date (YYYY-MM-DD) of an instant. */
export function seoulDate(at: Date): string {
  return new Date(at.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight at the start of a Seoul date, as an instant. */
export function seoulMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SEOUL_OFFSET_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The date `days` calendar days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
