import type { Db } from '../../platform/db/pool.ts';
import { addDays, daysBetween, isoWeekday } from '../../platform/domain/dates.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { type FieldProblem, invalid } from '../../platform/errors.ts';
import { type ClosedDay, closedDays } from '../calendar/calendar.service.ts';
import { MAX_SESSIONS } from './programmes.service.ts';
import './programmes.messages.ts';

// A programme's sessions from a weekly pattern, as staff set a cohort up on a page: from the
// first to the last Seoul day, on the chosen weekdays (1 = Monday … 7 = Sunday), at the same
// Seoul times; public holidays and the centre's closures are skipped and named.

export interface WeeklyPattern {
  /** Whose closures are skipped (null: the public holidays alone). */
  centreId: string | null;
  firstDay: string;
  lastDay: string;
  weekdays: number[];
  /** "HH:MM", Seoul time. */
  startTime: string;
  endTime: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The sessions of a weekly pattern and the closed days it skipped. Problems name the form's
 * fields (firstDay, lastDay, weekdays, startTime, endTime); at most MAX_SESSIONS sessions.
 */
export async function weeklySessions(
  db: Db,
  o: WeeklyPattern,
): Promise<{ sessions: { startsAt: string; endsAt: string }[]; skipped: ClosedDay[] }> {
  const problems: FieldProblem[] = [];
  if (!isRealDate(o.firstDay)) problems.push({ field: 'firstDay', key: 'field.date' });
  if (!isRealDate(o.lastDay)) problems.push({ field: 'lastDay', key: 'field.date' });
  else if (isRealDate(o.firstDay) && (o.lastDay < o.firstDay || daysBetween(o.firstDay, o.lastDay) > 366)) {
    problems.push({ field: 'lastDay', key: 'programme.scheduleRange' });
  }
  const weekdays = new Set(o.weekdays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7));
  if (weekdays.size === 0) problems.push({ field: 'weekdays', key: 'programme.weekdays' });
  if (!HHMM.test(o.startTime)) problems.push({ field: 'startTime', key: 'programme.time' });
  if (!HHMM.test(o.endTime)) problems.push({ field: 'endTime', key: 'programme.time' });
  else if (HHMM.test(o.startTime) && o.endTime <= o.startTime) {
    problems.push({ field: 'endTime', key: 'programme.sessionOrder' });
  }
  if (problems.length) throw invalid(problems);
  const closed = await closedDays({ db }, { centreId: o.centreId, from: o.firstDay, to: o.lastDay });
  const closedOn = new Map(closed.map((c) => [c.date, c]));
  const sessions: { startsAt: string; endsAt: string }[] = [];
  const skipped: ClosedDay[] = [];
  for (let d = o.firstDay; d <= o.lastDay; d = addDays(d, 1)) {
    if (!weekdays.has(isoWeekday(d))) continue;
    const c = closedOn.get(d);
    if (c) {
      skipped.push(c);
      continue;
    }
    sessions.push({
      startsAt: new Date(`${d}T${o.startTime}:00+09:00`).toISOString(),
      endsAt: new Date(`${d}T${o.endTime}:00+09:00`).toISOString(),
    });
  }
  if (sessions.length === 0) throw invalid([{ field: 'weekdays', key: 'programme.noSessions' }]);
  if (sessions.length > MAX_SESSIONS) {
    throw invalid([{ field: 'lastDay', key: 'programme.tooManySessions', params: { max: MAX_SESSIONS } }]);
  }
  return { sessions, skipped };
}
