// Days and times of the calendar pages, in Asia/Seoul (UTC+9 all year, no daylight saving).

const KST_MS = 9 * 3_600_000;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDaysTo(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDaysTo(date, w === 0 ? -6 : 1 - w);
}

/** The instant a Seoul day begins. */
export function seoulDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - KST_MS);
}

/** HH:MM in Seoul of an ISO instant. */
export function seoulTime(iso: string): string {
  return new Date(new Date(iso).getTime() + KST_MS).toISOString().slice(11, 16);
}

/** The value of a datetime-local control (Seoul) for an ISO instant. */
export function localInput(iso: string): string {
  return new Date(new Date(iso).getTime() + KST_MS).toISOString().slice(0, 16);
}
