import { authorize, inScope } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { DomainError, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { getCentre } from '../accounts/centres.service.ts';
import { addDays, isWeekend, OFFICE_HOURS, seoulInstant, seoulParts } from './calendar.days.ts';
import type { ClosedKind, HolidayKind } from './calendar.gazette.ts';
import {
  closedDaysBetween,
  copyGazette,
  insertClosure,
  insertHoliday,
  lastGazetteYear,
} from './calendar.repository.ts';
import './calendar.messages.ts';

/** What the calendar functions need: the database (reads need no actor). */
export interface CalendarCtx {
  db: Db;
}
export interface CalendarActorCtx extends CalendarCtx {
  actor: Actor | null;
}

export interface ClosedDay {
  date: string;
  name: string;
  kind: ClosedKind;
}

/**
 * Holidays and, with a centre, its closures in [from, to], one entry per name and day
 * (weekends are not listed: every caller knows them).
 */
export async function closedDays(
  ctx: CalendarCtx,
  opts: { centreId?: string | null; from: string; to: string },
): Promise<ClosedDay[]> {
  const rows = await closedDaysBetween(ctx.db, opts.centreId ?? null, opts.from, opts.to);
  return rows
    .map((r) => ({ date: r.date, name: r.name, kind: r.kind as ClosedKind }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

/** Days a centre does not work in [from, to]: weekends, holidays and its closures. */
async function offDays(ctx: CalendarCtx, centreId: string | null | undefined, from: string, to: string) {
  const off = new Set((await closedDays(ctx, { centreId, from, to })).map((d) => d.date));
  return (date: string) => isWeekend(date) || off.has(date);
}

/** True when `date` is not a working day for the centre (weekend, holiday or closure). */
export async function isClosedDay(ctx: CalendarCtx, opts: { centreId?: string | null; date: string }) {
  return (await offDays(ctx, opts.centreId, opts.date, opts.date))(opts.date);
}

/**
 * Walks working days from `from` (inclusive): calls `take` on each until it returns true and
 * answers that day. Loads the calendar a window at a time, so long walks stay a few queries.
 */
async function walkWorkingDays(
  ctx: CalendarCtx,
  centreId: string | null | undefined,
  from: string,
  take: (date: string) => boolean,
): Promise<string> {
  let start = from;
  for (let window = 0; window < 50; window++) {
    const end = addDays(start, 62);
    const closed = await offDays(ctx, centreId, start, end);
    for (let d = start; d <= end; d = addDays(d, 1)) if (!closed(d) && take(d)) return d;
    start = addDays(end, 1);
  }
  throw new Error('no working day within 8 years');
}

/** The first working day on or after `date`. */
export function nextWorkingDay(ctx: CalendarCtx, opts: { centreId?: string | null; date: string }) {
  return walkWorkingDays(ctx, opts.centreId, opts.date, () => true);
}

/**
 * The day on which the `days`-th working day falls, counting `from` itself when it is a
 * working day (민원처리법 시행령 제19조: a limit in days counts the first day and leaves out
 * Saturdays and public holidays). `days` 0 answers `from`.
 */
export async function addWorkingDays(
  ctx: CalendarCtx,
  opts: { centreId?: string | null; from: string; days: number },
): Promise<string> {
  if (opts.days <= 0) return opts.from;
  let left = opts.days;
  return walkWorkingDays(ctx, opts.centreId, opts.from, () => --left === 0);
}

/**
 * The instant `hours` office hours after `from` (09:00–12:00, 13:00–18:00 Seoul on working
 * days): how limits of 5 days or less are counted, 8 hours a day (FIELD.md §a.2).
 */
export async function addWorkingHours(
  ctx: CalendarCtx,
  opts: { centreId?: string | null; from: Date; hours: number },
): Promise<Date> {
  let left = Math.round(opts.hours * 60);
  if (left <= 0) return opts.from;
  const start = seoulParts(opts.from);
  let result: Date | null = null;
  await walkWorkingDays(ctx, opts.centreId, start.date, (date) => {
    const from = date === start.date ? start.minute : 0;
    for (const [open, close] of OFFICE_HOURS) {
      const s = Math.max(from, open);
      if (s >= close) continue;
      if (left <= close - s) {
        result = seoulInstant(date, s + left);
        return true;
      }
      left -= close - s;
    }
    return false;
  });
  return result ?? opts.from;
}

/**
 * The due time of a limit given in days (민원처리법): 5 days or less in office hours from the
 * intake, longer limits in working days counting the intake day, due at 18:00 that day.
 */
export async function dueAfter(
  ctx: CalendarCtx,
  opts: { centreId?: string | null; receivedAt: Date; days: number },
): Promise<Date> {
  if (opts.days <= 5) return addWorkingHours(ctx, { ...opts, from: opts.receivedAt, hours: opts.days * 8 });
  const day = await addWorkingDays(ctx, { ...opts, from: seoulParts(opts.receivedAt).date });
  return seoulInstant(day, 18 * 60);
}

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** Holidays of a year (and the centre's closures with a centre), and whether the gazette covers it. */
export async function holidaysOfYear(ctx: CalendarCtx, opts: { year: number; centreId?: string | null }) {
  if (opts.year < YEAR_MIN || opts.year > YEAR_MAX) {
    throw invalid([{ field: 'year', key: 'calendar.yearRange', params: { from: YEAR_MIN, to: YEAR_MAX } }]);
  }
  const items = await closedDays(ctx, {
    centreId: opts.centreId,
    from: `${opts.year}-01-01`,
    to: `${opts.year}-12-31`,
  });
  const last = await lastGazetteYear(ctx.db);
  return { year: opts.year, gazette: last !== null && last >= opts.year, items, total: items.length };
}

/** The last year the official data covers, and whether next year (from `today`) is missing. */
export async function gazetteCoverage(ctx: CalendarCtx, today: string) {
  const last = await lastGazetteYear(ctx.db);
  const next = Number(today.slice(0, 4)) + 1;
  return { lastYear: last, nextYearMissing: last === null || last < next };
}

/** What a declared holiday or closure changes: Seoul days [from, to], for everyone (centreId null) or one centre. */
export interface ClosedDaysChange {
  from: string;
  to: string;
  centreId: string | null;
}
type ClosedDaysListener = (tx: Db, change: ClosedDaysChange) => Promise<void>;
const closedDaysListeners: ClosedDaysListener[] = [];

/**
 * Calls `listener` with the database of every holiday or closure declared from now on (the
 * routes declare them in a transaction, so the listener's changes commit with the day), so a
 * feature whose records depend on the calendar (due dates, scheduled sessions) follows it in the
 * same step. Registered once, when the listening feature's module loads.
 */
export function onClosedDaysAdded(listener: ClosedDaysListener): void {
  closedDaysListeners.push(listener);
}

async function closedDaysAdded(tx: Db, change: ClosedDaysChange) {
  for (const listener of closedDaysListeners) await listener(tx, change);
}

/** An admin declares a day off for everyone: 임시공휴일 or an election day (API: POST /holidays). */
export async function declareHoliday(
  ctx: CalendarActorCtx,
  opts: { date: string; name: string; kind?: Extract<HolidayKind, 'temporary' | 'election'> },
) {
  authorize(ctx.actor, 'holidays.manage');
  const name = opts.name.trim();
  const problems = [];
  if (!isRealDate(opts.date)) problems.push({ field: 'date', key: 'field.date' });
  if (!name) problems.push({ field: 'name', key: 'field.required' });
  if (problems.length) throw invalid(problems);
  const row = await insertHoliday(ctx.db, {
    date: opts.date,
    name,
    kind: opts.kind ?? 'temporary',
    source: 'admin',
    createdBy: ctx.actor.userId,
  });
  if (!row) throw new DomainError('conflict', 'calendar.holidayExists');
  await closedDaysAdded(ctx.db, { from: opts.date, to: opts.date, centreId: null });
  return { date: row.date, name: row.name, kind: row.kind };
}

/** A manager (or admin) closes a centre of theirs for [from, to] (API: POST /centres/{id}/closures). */
export async function closeCentre(
  ctx: CalendarActorCtx,
  opts: { centreId: string; from: string; to: string; reason: string },
) {
  authorize(ctx.actor, 'centres.settings');
  if (!inScope(ctx.actor, opts.centreId) || !(await getCentre(ctx.db, opts.centreId))) {
    throw notFound('calendar.centreNotFound');
  }
  const reason = opts.reason.trim();
  const problems = [];
  if (!isRealDate(opts.from)) problems.push({ field: 'from', key: 'field.date' });
  if (!isRealDate(opts.to)) problems.push({ field: 'to', key: 'field.date' });
  else if (isRealDate(opts.from) && (opts.to < opts.from || opts.to > addDays(opts.from, 366))) {
    problems.push({ field: 'to', key: 'calendar.closureRange' });
  }
  if (!reason) problems.push({ field: 'reason', key: 'field.required' });
  if (problems.length) throw invalid(problems);
  const row = await insertClosure(ctx.db, {
    id: uuidv7(),
    centreId: opts.centreId,
    from: opts.from,
    to: opts.to,
    reason,
    createdBy: ctx.actor.userId,
  });
  await closedDaysAdded(ctx.db, { from: opts.from, to: opts.to, centreId: opts.centreId });
  return { id: row.id, centreId: row.centre_id, from: row.from_date, to: row.to_date, reason: row.reason };
}

/** Copies gazette days a newer package brought (runs at start); never removes a day. */
export function syncGazette(ctx: CalendarCtx): Promise<number> {
  return copyGazette(ctx.db);
}
