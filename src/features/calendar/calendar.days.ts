/** Date arithmetic on 'YYYY-MM-DD' strings (calendar days, no time zone involved). */

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/** Saturdays and Sundays: a centre is closed (민원처리법 counts neither as a working day). */
export function isWeekend(date: string): boolean {
  return weekday(date) >= 6;
}

const KST_MS = 9 * 3_600_000;

/** The Seoul calendar day and minute of the day of an instant. */
export function seoulParts(at: Date): { date: string; minute: number } {
  const local = new Date(at.getTime() + KST_MS);
  return {
    date: local.toISOString().slice(0, 10),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The instant of a Seoul day and minute of the day. */
export function seoulInstant(date: string, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - KST_MS + minute * 60_000);
}

/**
 * Office hours that 민원처리법 hour counting uses: 8 hours a day, 09:00–12:00 and 13:00–18:00
 * (a limit of 5 days or less is counted in hours, 8 hours = 1 day; FIELD.md §a.2).
 */
export const OFFICE_HOURS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60],
  [13 * 60, 18 * 60],
];
