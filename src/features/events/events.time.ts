// Seoul calendar arithmetic for hiring events (Asia/Seoul is UTC+9 all year: no summer time).

const SEOUL_MS = 9 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The Seoul calendar date (YYYY-MM-DD) of an instant. */
export function seoulDate(at: Date): string {
  return new Date(at.getTime() + SEOUL_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Midnight of a Seoul date as an instant. */
export function seoulMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SEOUL_MS);
}
