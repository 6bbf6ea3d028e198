import { authorize } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { addDays, seoulMidnight, seoulToday } from '../../platform/domain/dates.ts';
import { invalid } from '../../platform/errors.ts';
import { employersNotVisitedSince, newBusinesses } from '../employers/outreach-lists.service.ts';
import { visitReportRows } from './outreach.report.service.ts';

// The lists outreach plans from: companies of the actor's centres not visited for N months and
// businesses registered in the last N days (prospects first), each with its last visit held.

/** The first day counted as "visited lately" for `months` months back from today (Seoul). */
export function monthsAgo(months: number, today = seoulToday()): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Companies not visited for `months` months (1–60), or never (API-free: the staff pages). */
export async function staleCompanies(
  ctx: RequestContext,
  o: { months: number; offset: number; limit: number },
) {
  authorize(ctx.actor, 'outreach.read');
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 60) {
    throw invalid([{ field: 'months', key: 'field.invalid' }]);
  }
  return employersNotVisitedSince(ctx.db, {
    centreIds: ctx.actor.centreScope === null ? null : [...ctx.actor.centreScope],
    visits: visitReportRows(),
    before: seoulMidnight(monthsAgo(o.months)),
    offset: o.offset,
    limit: o.limit,
  });
}

/** Businesses registered in the last `days` days (1–730) or marked prospect, not yet visited. */
export async function prospects(ctx: RequestContext, o: { days: number; offset: number; limit: number }) {
  authorize(ctx.actor, 'outreach.read');
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > 730) {
    throw invalid([{ field: 'days', key: 'field.invalid' }]);
  }
  return newBusinesses(ctx.db, {
    centreIds: ctx.actor.centreScope === null ? null : [...ctx.actor.centreScope],
    visits: visitReportRows(),
    since: seoulMidnight(addDays(seoulToday(), -o.days)),
    offset: o.offset,
    limit: o.limit,
  });
}
