import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { conflict, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreInScope } from '../accounts/centres.service.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { isStaffActor } from '../seekers/participant.service.ts';
import { emitWebhookEvent } from '../webhooks/webhooks.service.ts';
import { EVENT_KINDS, type EventKind, nameOf } from './events.codes.ts';
import { findEvent, findEvents, insertEvents, markPublished } from './events.repository.ts';
import { addDays, DAY_MS, daysBetween, isoWeekday, seoulDate, seoulMidnight } from './events.time.ts';
import { type EventTotals, eventTotals, eventTotalsGrouped } from './events-totals.repository.ts';
import './events.messages.ts';

/** A weekly recurrence creates at most this many dates at once. */
export const MAX_OCCURRENCES = 60;
/** A list of events covers at most this many days. */
export const LIST_MAX_DAYS = 400;

export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;
type ReadCtx = { db: Db; lang?: Lang; actor?: Actor | null };

export const isStaff = isStaffActor;

export function presentEvent(e: EventRow, lang: Lang = 'ko') {
  return {
    id: e.id,
    centreId: e.centre_id,
    seriesId: e.series_id,
    title: e.title,
    kind: e.kind,
    kindName: nameOf(EVENT_KINDS, e.kind, lang),
    startsAt: new Date(e.starts_at).toISOString(),
    endsAt: new Date(e.ends_at).toISOString(),
    venue: e.venue,
    onlineUrl: e.online_url,
    capacity: e.capacity,
    description: e.description,
    published: e.published,
    cancelledAt: e.cancelled_at ? new Date(e.cancelled_at).toISOString() : null,
    cancelReason: e.cancel_reason,
  };
}
export type EventView = ReturnType<typeof presentEvent>;

export interface EventInput {
  title: string;
  kind: EventKind;
  startsAt: string;
  endsAt: string;
  venue?: string | null;
  onlineUrl?: string | null;
  capacity?: number | null;
  description?: string | null;
  published?: boolean;
  recurrence?: { byWeekday: number[]; until: string } | null;
  centreId?: string;
}

/** The dates of a weekly series from the first event's day to `until`, holidays and closures left out. */
async function seriesDates(
  ctx: { db: Db },
  centreId: string,
  first: string,
  r: { byWeekday: number[]; until: string },
) {
  if (!isRealDate(r.until) || r.until < first || daysBetween(first, r.until) > 366) {
    throw invalid([{ field: 'recurrence.until', key: 'event.recurrenceUntil' }]);
  }
  const closed = await closedDays(ctx, { centreId, from: first, to: r.until });
  const off = new Map(closed.map((c) => [c.date, c.name]));
  const dates: string[] = [];
  const skipped: { date: string; name: string }[] = [];
  const weekdays = new Set(r.byWeekday);
  for (let d = first; d <= r.until; d = addDays(d, 1)) {
    if (!weekdays.has(isoWeekday(d))) continue;
    const name = off.get(d);
    if (name !== undefined) skipped.push({ date: d, name });
    else dates.push(d);
  }
  if (dates.length === 0) throw invalid([{ field: 'recurrence', key: 'event.recurrenceEmpty' }]);
  if (dates.length > MAX_OCCURRENCES) {
    throw invalid([
      { field: 'recurrence.until', key: 'event.recurrenceDays', params: { max: MAX_OCCURRENCES } },
    ]);
  }
  return { dates, skipped };
}

/**
 * An event's own fields cleaned (trimmed; empty place fields null) with the problems of their
 * values: a title, a start and an end at most 31 days after it, a venue or an https:// link.
 * Setting up and changing an event (event-changes.service.ts) check the same way.
 */
export function eventFields(o: {
  title: string;
  startsAt: string | Date;
  endsAt: string | Date;
  venue?: string | null;
  onlineUrl?: string | null;
}) {
  const problems: FieldProblem[] = [];
  const title = o.title.trim();
  const start = new Date(o.startsAt);
  const end = new Date(o.endsAt);
  const venue = o.venue?.trim() || null;
  const onlineUrl = o.onlineUrl?.trim() || null;
  if (!title) problems.push({ field: 'title', key: 'field.required' });
  for (const [field, value, limit] of [
    ['title', title, 200],
    ['venue', venue, 300],
    ['onlineUrl', onlineUrl, 500],
  ] as const) {
    if (value && value.length > limit) problems.push({ field, key: 'field.maxLength', params: { limit } });
  }
  if (Number.isNaN(start.getTime())) problems.push({ field: 'startsAt', key: 'field.invalid' });
  if (Number.isNaN(end.getTime())) problems.push({ field: 'endsAt', key: 'field.invalid' });
  else if (end <= start || end.getTime() - start.getTime() > 31 * DAY_MS) {
    problems.push({ field: 'endsAt', key: 'event.endsBeforeStart' });
  }
  if (!venue && !onlineUrl) problems.push({ field: 'venue', key: 'event.placeRequired' });
  if (onlineUrl && !/^https:\/\/[^\s]+$/i.test(onlineUrl)) {
    problems.push({ field: 'onlineUrl', key: 'event.onlineUrl' });
  }
  return { title, start, end, venue, onlineUrl, problems };
}

/**
 * Staff set up a hiring event (API: POST /events). A weekly recurrence {byWeekday, until}
 * creates one event per matching day from the first day to `until` at the same Seoul time,
 * skipping public holidays, 임시공휴일 and the centre's closures (the calendar feature); the
 * answer is the first event with the series' dates and the days skipped. Published events
 * announce `event.published` to subscribed webhooks in the same transaction.
 */
export async function createEvent(ctx: RequestContext, o: EventInput) {
  authorize(ctx.actor, 'events.manage');
  const centreId = ctx.actor.centreScope === null ? (o.centreId ?? ctx.actor.centreId) : ctx.actor.centreId;
  if (o.centreId && !(await centreInScope(ctx.db, ctx.actor, o.centreId)))
    throw notFound('calendar.centreNotFound');
  const { title, start, end, venue, onlineUrl, problems } = eventFields(o);
  if (!centreId) problems.unshift({ field: 'centreId', key: 'event.centreRequired' });
  if (problems.length || !centreId) throw invalid(problems);
  const first = seoulDate(start);
  const series = o.recurrence ? await seriesDates(ctx, centreId, first, o.recurrence) : null;
  const dates = series?.dates ?? [first];
  const seriesId = series ? uuidv7() : null;
  const published = o.published ?? false;
  const rows = dates.map((d) => {
    const shift = daysBetween(first, d) * DAY_MS;
    return {
      id: uuidv7(),
      centre_id: centreId,
      series_id: seriesId,
      title,
      kind: o.kind,
      starts_at: new Date(start.getTime() + shift),
      ends_at: new Date(end.getTime() + shift),
      venue,
      online_url: onlineUrl,
      capacity: o.capacity ?? null,
      description: o.description?.trim() || null,
      published,
      published_at: published ? new Date() : null,
      created_by: ctx.actor.userId,
    };
  });
  const saved = await ctx.db.transaction().execute(async (tx) => {
    const out = await insertEvents(tx, rows);
    if (published) {
      for (const e of out) await emitWebhookEvent(tx, { type: 'event.published', subjectId: e.id, centreId });
    }
    return out;
  });
  const [head] = saved.sort((a, b) => new Date(a.starts_at).getTime() - new Date(b.starts_at).getTime());
  return {
    ...presentEvent(head as EventRow, ctx.lang),
    occurrences: saved.map((e) => ({ id: e.id, startsAt: new Date(e.starts_at).toISOString() })),
    skipped: series?.skipped ?? [],
  };
}

/**
 * An event as the actor may see it: published ones for everyone, unpublished ones for staff in
 * scope. `open`: the event must not be cancelled (409 event.cancelled) — what changes it needs.
 */
export async function requireEvent(
  ctx: ReadCtx,
  id: string,
  opts: { manage?: boolean; open?: boolean } = {},
) {
  const e = await findEvent(ctx.db, id);
  const staffInScope = isStaff(ctx.actor) && inScope(ctx.actor, e?.centre_id ?? null);
  if (!e || (!e.published && !staffInScope) || (opts.manage && !staffInScope))
    throw notFound('event.notFound');
  if (opts.open && e.cancelled_at) throw conflict('event.cancelled');
  return e;
}

export async function getEvent(ctx: ReadCtx, o: { id: string }) {
  return presentEvent(await requireEvent(ctx, o.id), ctx.lang);
}

/**
 * Events over Seoul days [from, to] (API: GET /events): published events for everyone; staff
 * also see their centres' unpublished ones.
 */
export async function listEvents(ctx: ReadCtx, o: { from: string; to: string; kind?: EventKind }) {
  const problems = [];
  if (!isRealDate(o.from)) problems.push({ field: 'from', key: 'field.date' as const });
  if (!isRealDate(o.to)) problems.push({ field: 'to', key: 'field.date' as const });
  else if (isRealDate(o.from) && (o.to < o.from || daysBetween(o.from, o.to) > LIST_MAX_DAYS)) {
    problems.push({ field: 'to', key: 'event.range' as const, params: { days: LIST_MAX_DAYS } });
  }
  if (problems.length) throw invalid(problems);
  const range = { from: seoulMidnight(o.from), to: seoulMidnight(addDays(o.to, 1)), kind: o.kind };
  const published = await findEvents(ctx.db, { ...range, centreIds: null, publishedOnly: true });
  const own = isStaff(ctx.actor)
    ? await findEvents(ctx.db, { ...range, centreIds: ctx.actor.centreScope, publishedOnly: false })
    : [];
  const byId = new Map([...published, ...own].map((e) => [e.id, e]));
  return [...byId.values()]
    .sort(
      (a, b) => new Date(a.starts_at).getTime() - new Date(b.starts_at).getTime() || a.id.localeCompare(b.id),
    )
    .map((e) => presentEvent(e, ctx.lang));
}

/** Staff publish an event (API: POST /events/{id}/publish); announces `event.published` once. */
export async function publishEvent(ctx: RequestContext, o: { id: string }) {
  authorize(ctx.actor, 'events.manage');
  const e = await requireEvent(ctx, o.id, { manage: true, open: true });
  const row = await ctx.db.transaction().execute(async (tx) => {
    const done = await markPublished(tx, e.id);
    if (done) await emitWebhookEvent(tx, { type: 'event.published', subjectId: e.id, centreId: e.centre_id });
    return done ?? e;
  });
  return presentEvent(row, ctx.lang);
}

/** An event's totals (API: GET /events/{id}/summary): {employers, seekers, interviews, passedFirst, hired}. */
export async function eventSummary(
  ctx: ReadCtx,
  o: { id: string },
): Promise<EventTotals & { eventId: string }> {
  const e = await requireEvent(ctx, o.id);
  return { eventId: e.id, ...(await eventTotals(ctx.db, { eventId: e.id })) };
}

export interface EventKpis {
  eventEmployers: number;
  eventSeekers: number;
  eventInterviews: number;
  eventPassedFirst: number;
  eventHires: number;
}

/**
 * The event KPIs of API.md over events held (starting) in Seoul days [from, to] at the given
 * centres (null: all): eventEmployers, eventSeekers, eventInterviews, eventPassedFirst,
 * eventHires. For the reports feature; the caller has already decided the actor's scope.
 */
export async function eventKpis(
  db: Db,
  o: { from: string; to: string; centreIds: readonly string[] | null },
): Promise<EventKpis> {
  const t = await eventTotals(db, {
    from: seoulMidnight(o.from),
    to: seoulMidnight(addDays(o.to, 1)),
    centreIds: o.centreIds,
  });
  return {
    eventEmployers: t.employers,
    eventSeekers: t.seekers,
    eventInterviews: t.interviews,
    eventPassedFirst: t.passedFirst,
    eventHires: t.hired,
  };
}

/**
 * The report's event rows over events held (starting) in Seoul days [from, to] at the given
 * centres: per event (the latest `limit`, with title, kind and start) or per kind, each with
 * its number of events and the totals of `eventTotals`. For the reports feature, which has
 * already decided the actor's scope.
 */
export async function eventRows(
  db: Db,
  o: { from: string; to: string; centreIds: readonly string[] | null; by: 'event' | 'kind'; limit?: number },
  lang: Lang = 'ko',
) {
  const rows = await eventTotalsGrouped(db, {
    from: seoulMidnight(o.from),
    to: seoulMidnight(addDays(o.to, 1)),
    centreIds: o.centreIds,
    by: o.by,
    limit: o.limit ?? 50,
  });
  return rows.map((r) => ({
    ...r,
    kindName: nameOf(EVENT_KINDS, r.kind as EventKind, lang),
    startsAt: r.startsAt ? new Date(r.startsAt).toISOString() : null,
  }));
}
export type EventReportRow = Awaited<ReturnType<typeof eventRows>>[number];
