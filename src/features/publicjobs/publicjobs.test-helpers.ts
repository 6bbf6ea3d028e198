import type { Db } from '../../platform/db/pool.ts';
import { seoulToday } from '../../platform/domain/dates.ts';

// Shared by the public job tests (API, pages, browser): dates relative to today, so the
// application window is open whenever the tests run, and closing it as time would.

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A 신중년 programme body (API.md) opening today, starting in 30 days, for 50–64-year-olds. */
export function newMiddleAgedProgramme(over: Record<string, unknown> = {}) {
  const today = seoulToday();
  const startsOn = addDays(today, 30);
  return {
    name: '신중년 경력형 일자리',
    kind: 'new_middle_aged',
    year: Number(startsOn.slice(0, 4)),
    quota: 40,
    startsOn,
    endsOn: addDays(startsOn, 120),
    hoursPerWeek: 35,
    hourlyWage: 10_700,
    selection: 'lottery',
    applyFrom: today,
    applyTo: addDays(today, 10),
    eligibility: {
      minAge: 50,
      maxAge: 64,
      incomePctOfMedian: 100,
      propertyMax: 400_000_000,
      excludeFlags: ['unemployment_benefit', 'basic_livelihood'],
      repeat: { lookbackYears: 1, action: 'flag', points: 0 },
      over65MaxHoursPerWeek: 15,
    },
    scoring: [
      { flag: 'disabled', points: 5 },
      { flag: 'single_parent', points: 3 },
    ],
    ruleSource: '광명시 공고 제2026-1호(시험)',
    ...over,
  };
}

/** Closes the application window (yesterday), as the calendar would by the time of the draw. */
export async function closeApplications(db: Db, programmeId: string): Promise<void> {
  await db
    .updateTable('public_job_programmes')
    .set({ apply_from: addDays(seoulToday(), -20), apply_to: addDays(seoulToday(), -1) })
    .where('id', '=', programmeId)
    .execute();
}

/** Waits until an ISO instant has passed. */
export async function waitUntil(iso: string): Promise<void> {
  const ms = Date.parse(iso) - Date.now() + 50;
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}
