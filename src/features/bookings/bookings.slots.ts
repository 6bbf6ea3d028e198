import type { OpeningWindow } from './bookings.tables.ts';

/** Pure slot arithmetic over weekly opening hours (Asia/Seoul, UTC+9 all year). */

const KST_MS = 9 * 3_600_000;

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The Seoul day and minute of the day of an instant. */
export function seoulParts(at: Date): { date: string; minute: number } {
  const local = new Date(at.getTime() + KST_MS);
  return { date: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** The instant of a Seoul day and minute. */
export function seoulInstant(date: string, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - KST_MS + minute * 60_000);
}

/** Days between two 'YYYY-MM-DD' days (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function minuteOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm) ?? (hhmm === '24:00' ? [hhmm, '24', '00'] : null);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Problems of a set of opening windows: 'format' or 'overlap'; null when they are sound. */
export function openingHoursProblem(
  windows: OpeningWindow[],
  slotMinutes: number,
): 'format' | 'overlap' | null {
  if (windows.length === 0) return 'format';
  const byDay = new Map<number, [number, number][]>();
  for (const w of windows) {
    const from = minuteOf(w.from);
    const to = minuteOf(w.to);
    if (!Number.isInteger(w.weekday) || w.weekday < 1 || w.weekday > 7) return 'format';
    if (from === null || to === null || to - from < slotMinutes) return 'format';
    byDay.set(w.weekday, [...(byDay.get(w.weekday) ?? []), [from, to]]);
  }
  for (const list of byDay.values()) {
    list.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < list.length; i++)
      if ((list[i] as [number, number])[0] < (list[i - 1] as [number, number])[1]) return 'overlap';
  }
  return null;
}

/** The slot starts (minutes of the day) a day offers: every window cut into whole slots. */
export function slotStartsOn(windows: OpeningWindow[], date: string, slotMinutes: number): number[] {
  const wd = weekday(date);
  const out: number[] = [];
  for (const w of windows) {
    if (w.weekday !== wd) continue;
    const from = minuteOf(w.from) ?? 0;
    const to = minuteOf(w.to) ?? 0;
    for (let m = from; m + slotMinutes <= to; m += slotMinutes) out.push(m);
  }
  return out.sort((a, b) => a - b);
}

/** The Seoul day of `at` when `at` starts a slot of the opening hours; null otherwise. */
export function slotDay(windows: OpeningWindow[], at: Date, slotMinutes: number): string | null {
  if (at.getTime() % 60_000 !== 0) return null;
  const { date, minute } = seoulParts(at);
  return slotStartsOn(windows, date, slotMinutes).includes(minute) ? date : null;
}

/** Opening minutes of a day (for utilisation). */
export function openMinutesOn(windows: OpeningWindow[], date: string, slotMinutes: number): number {
  return slotStartsOn(windows, date, slotMinutes).length * slotMinutes;
}
