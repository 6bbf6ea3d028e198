import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.ts';
import type { Lang, MessageKey } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { createBooking } from '../bookings/bookings.service.ts';
import { getResource } from '../bookings/resources.service.ts';
import { employerLabels, requireEmployerServed } from '../employers/employers.service.ts';
import { recommendSeekers } from '../matching/matching.service.ts';
import { getPostingsNamedBy } from '../postings/postings.service.ts';
import { emitWebhookEvent } from '../webhooks/webhooks.service.ts';
import { HALL_REQUEST_STATUSES, type HallRequestStatus, nameOf } from './events.codes.ts';
import { insertEventEmployer, insertEvents, insertSlots } from './events.repository.ts';
import { isStaff } from './events.service.ts';
import { seoulMidnight } from './events.time.ts';
import { eventTotals } from './events-totals.repository.ts';
import { tellCompanyScheduled } from './hiring-hall.notify.ts';
import {
  countHallRequests,
  findHallRequest,
  findHallRequests,
  insertHallRequest,
  markHallCancelled,
  markHallScheduled,
} from './hiring-hall.repository.ts';
import './events.messages.ts';
import './hiring-hall.messages.ts';

/** Rooms a hiring-hall recruitment may be held in (bookings' resource kinds). */
export const HALL_ROOM_KINDS = ['meeting_room', 'video_room'] as const;
/** A request names at most this many preferred days. */
export const MAX_PREFERRED_DATES = 5;

type Row = NonNullable<Awaited<ReturnType<typeof findHallRequest>>>;

async function present(ctx: { db: RequestContext['db']; lang: Lang }, rows: Row[]) {
  const [names, postings] = await Promise.all([
    employerLabels(
      ctx.db,
      rows.map((r) => r.employer_id),
    ),
    getPostingsNamedBy(
      ctx.db,
      rows.map((r) => r.posting_id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    centreId: r.centre_id,
    employerId: r.employer_id,
    employerName: names.get(r.employer_id)?.name ?? null,
    postingId: r.posting_id,
    postingTitle: postings.get(r.posting_id)?.title ?? null,
    preferredDates: r.preferred_dates,
    headcount: r.headcount,
    note: r.note,
    status: r.status,
    statusName: nameOf(HALL_REQUEST_STATUSES, r.status, ctx.lang),
    eventId: r.event_id,
    roomBookingIds: r.room_booking_ids,
    scheduledAt: r.scheduled_at ? new Date(r.scheduled_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
export type HallRequestView = Awaited<ReturnType<typeof present>>[number];

/**
 * A company asks the permanent hiring hall (상설채용관) for a recruitment (API: POST
 * /hiring-hall/requests): an employer account for itself, or staff for a company their centre
 * serves; the posting must be the company's and open; 1–5 different preferred days from today
 * (a day named twice is refused at its second place; stored in date order). The
 * request belongs to the staff member's centre, or the company's own when it asks itself.
 */
export async function requestHall(
  ctx: RequestContext,
  o: {
    employerId: string;
    postingId: string;
    preferredDates: string[];
    headcount?: number | null;
    note?: string | null;
    today?: string;
  },
) {
  authorize(ctx.actor, 'events.take_part');
  const staff = isStaff(ctx.actor);
  if (!staff && (ctx.actor.role !== 'employer' || ctx.actor.employerId !== o.employerId)) {
    throw notFound('employer.notFound');
  }
  const employer = await requireEmployerServed(ctx.db, ctx.actor, o.employerId);
  const posting = (await getPostingsNamedBy(ctx.db, [o.postingId])).get(o.postingId);
  const problems = [];
  if (posting?.employerId !== employer.id)
    problems.push({ field: 'postingId', key: 'hall.posting' as const });
  else if (posting.status !== 'open')
    problems.push({ field: 'postingId', key: 'hall.postingNotOpen' as const });
  const today = o.today ?? seoulToday();
  const dates = [...o.preferredDates].sort();
  if (dates.length === 0) problems.push({ field: 'preferredDates', key: 'hall.noDates' as const });
  if (dates.length > MAX_PREFERRED_DATES) {
    problems.push({
      field: 'preferredDates',
      key: 'hall.tooManyDates' as const,
      params: { max: MAX_PREFERRED_DATES },
    });
  }
  o.preferredDates.forEach((d, i) => {
    if (!isRealDate(d)) problems.push({ field: `preferredDates[${i}]`, key: 'field.date' as const });
    else if (d < today) problems.push({ field: `preferredDates[${i}]`, key: 'hall.datePast' as const });
    else if (o.preferredDates.indexOf(d) < i) {
      problems.push({ field: `preferredDates[${i}]`, key: 'hall.dateTwice' as const });
    }
  });
  if (problems.length) throw invalid(problems);
  const row = await insertHallRequest(ctx.db, {
    id: uuidv7(),
    centre_id: staff ? (ctx.actor.centreId ?? employer.centreId) : employer.centreId,
    employer_id: employer.id,
    posting_id: o.postingId,
    preferred_dates: dates,
    headcount: o.headcount ?? null,
    note: o.note?.trim() || null,
    status: 'requested',
    created_by: ctx.actor.userId,
  });
  return (await present(ctx, [row]))[0] as HallRequestView;
}

/** Requests (API: GET /hiring-hall/requests): staff their centres', a company its own; newest first. */
export async function listHallRequests(ctx: RequestContext, o: { status?: HallRequestStatus } = {}) {
  authorize(ctx.actor, 'events.take_part');
  const staff = isStaff(ctx.actor);
  if (!staff && ctx.actor.role !== 'employer') throw new DomainError('forbidden', 'error.forbidden');
  const rows = await findHallRequests(ctx.db, {
    centreIds: staff ? ctx.actor.centreScope : null,
    employerId: staff ? undefined : (ctx.actor.employerId ?? '00000000-0000-0000-0000-000000000000'),
    status: o.status,
    limit: 200,
  });
  return present(ctx, rows);
}

async function requireHallRequest(ctx: RequestContext, id: string, db = ctx.db, lock = false) {
  const r = await findHallRequest(db, id, { lock });
  if (!r || !inScope(ctx.actor, r.centre_id)) throw notFound('hall.notFound');
  if (r.status === 'scheduled') throw conflict('hall.scheduled');
  if (r.status === 'cancelled') throw conflict('hall.cancelled');
  return r;
}

/** Staff cancel a request not yet scheduled (API: POST /hiring-hall/requests/{id}/cancel). */
export async function cancelHallRequest(ctx: RequestContext, o: { id: string }) {
  authorize(ctx.actor, 'events.manage');
  const r = await requireHallRequest(ctx, o.id);
  const row = await markHallCancelled(ctx.db, r.id);
  if (!row) throw conflict('hall.scheduled');
  return (await present(ctx, [row]))[0] as HallRequestView;
}

export interface ScheduleInput {
  id: string;
  startsAt: string;
  endsAt: string;
  resourceId: string;
  /** Interview slots are cut in runs of this many minutes (default 30). */
  slotMinutes?: number;
  meetingUrl?: string | null;
  published?: boolean;
  shortlist?: number;
  now?: Date;
}

/** A 400 whose `code` is the specific key (hall.roomKind …), naming the field. */
function bad(field: string, key: MessageKey, params: Record<string, string | number> = {}) {
  return new DomainError('validation', key, params, [{ field, key, params }]);
}

/** The checked times and room of a schedule, or 400 naming the field. */
async function checkSchedule(ctx: RequestContext, o: ScheduleInput) {
  const start = new Date(o.startsAt);
  const end = new Date(o.endsAt);
  const minutes = o.slotMinutes ?? 30;
  if (Number.isNaN(start.getTime())) throw bad('startsAt', 'field.invalid');
  if (Number.isNaN(end.getTime()) || end <= start || end.getTime() - start.getTime() > 12 * 3_600_000) {
    throw bad('endsAt', 'hall.hours');
  }
  if (start.getTime() <= (o.now ?? new Date()).getTime()) throw bad('startsAt', 'hall.past');
  const room = await getResource(ctx, { id: o.resourceId }).catch(() => null);
  if (!room || !inScope(ctx.actor, room.centreId)) {
    throw bad('resourceId', 'hall.roomNotFound');
  }
  if (!(HALL_ROOM_KINDS as readonly string[]).includes(room.kind)) {
    throw bad('resourceId', 'hall.roomKind');
  }
  const span = (end.getTime() - start.getTime()) / 60_000;
  if (span % room.slotMinutes !== 0) {
    throw bad('endsAt', 'hall.roomUnit', { minutes: room.slotMinutes });
  }
  if (minutes > span) throw bad('slotMinutes', 'hall.slotMinutes');
  const meetingUrl = o.meetingUrl?.trim() || null;
  if (meetingUrl && !/^https:\/\/\S+$/i.test(meetingUrl)) {
    throw bad('meetingUrl', 'event.onlineUrl');
  }
  return { start, end, minutes, room, meetingUrl };
}

/**
 * Staff schedule a request (API: POST /hiring-hall/requests/{id}/schedule): in one transaction
 * the room is booked for the company through the bookings feature (one booking per room slot,
 * its rules: opening hours, holidays, closures, 409 `booking.full`), a `hiring_hall` event is
 * created at the room with the company approved for the posting and its interview slots cut
 * in runs of `slotMinutes`, the request is marked scheduled and the company is told (one
 * `hiring_hall_scheduled` message, notifications feature). The answer adds a shortlist:
 * the matching engine's best candidates for the posting among the seekers this counsellor may
 * match (invited through the event's pre-event matching).
 */
export async function scheduleHall(ctx: RequestContext, o: ScheduleInput) {
  authorize(ctx.actor, 'events.manage');
  const first = await requireHallRequest(ctx, o.id);
  const { start, end, minutes, room, meetingUrl } = await checkSchedule(ctx, o);
  const names = await employerLabels(ctx.db, [first.employer_id]);
  const company = names.get(first.employer_id)?.name ?? '';
  const published = o.published ?? true;
  const done = await ctx.db.transaction().execute(async (tx) => {
    const tctx = { ...ctx, db: tx };
    const r = await requireHallRequest(ctx, o.id, tx, true);
    const bookingIds: string[] = [];
    for (let t = start.getTime(); t < end.getTime(); t += room.slotMinutes * 60_000) {
      const b = await createBooking(tctx, {
        resourceId: room.id,
        startsAt: new Date(t).toISOString(),
        employerId: r.employer_id,
        note: `상설채용관 ${company}`.slice(0, 200),
        now: o.now,
      });
      bookingIds.push(b.id);
    }
    const [event] = await insertEvents(tx, [
      {
        id: uuidv7(),
        centre_id: r.centre_id,
        title: `상설채용관 · ${company}`.slice(0, 200),
        kind: 'hiring_hall',
        starts_at: start,
        ends_at: end,
        venue: room.name,
        online_url: room.kind === 'video_room' ? meetingUrl : null,
        capacity: null,
        description: r.note,
        published,
        published_at: published ? new Date() : null,
        created_by: ctx.actor.userId,
      },
    ]);
    if (!event) throw new Error('hiring hall event not saved');
    await insertEventEmployer(tx, {
      event_id: event.id,
      employer_id: r.employer_id,
      centre_id: r.centre_id,
      posting_ids: [r.posting_id],
      booth: room.name.slice(0, 100),
      status: 'approved',
      approved_by: ctx.actor.userId,
      approved_at: new Date(),
      created_by: ctx.actor.userId,
    });
    const slots = [];
    for (let t = start.getTime(); t + minutes * 60_000 <= end.getTime(); t += minutes * 60_000) {
      slots.push({
        id: uuidv7(),
        event_id: event.id,
        employer_id: r.employer_id,
        centre_id: r.centre_id,
        starts_at: new Date(t),
        ends_at: new Date(t + minutes * 60_000),
        meeting_url: meetingUrl,
        created_by: ctx.actor.userId,
      });
    }
    await insertSlots(tx, slots);
    const row = await markHallScheduled(tx, r.id, {
      eventId: event.id,
      bookingIds,
      userId: ctx.actor.userId,
    });
    if (!row) throw conflict('hall.scheduled');
    await tellCompanyScheduled(
      tx,
      { id: r.id, centreId: r.centre_id, employerId: r.employer_id, postingId: r.posting_id },
      { start, end, place: room.name },
    );
    if (published)
      await emitWebhookEvent(tx, { type: 'event.published', subjectId: event.id, centreId: r.centre_id });
    return { row, eventId: event.id, slots: slots.length };
  });
  const shortlist = await recommendSeekers(ctx, { postingId: first.posting_id, limit: o.shortlist ?? 10 })
    .then((x) => x.items)
    .catch((e: unknown) => {
      // A posting closed since the request has no candidates to match; anything else is raised.
      if ((e as { code?: string }).code === 'not_found') return [];
      throw e;
    });
  return {
    request: (await present(ctx, [done.row]))[0] as HallRequestView,
    eventId: done.eventId,
    slots: done.slots,
    shortlist: shortlist.map((c) => ({ seekerId: c.seekerId, score: c.score, reasons: c.reasons })),
  };
}

/**
 * The hall's figures for a Seoul calendar year at the staff's centres: requests by status
 * (made that year), and the totals of its `hiring_hall` events held that year — companies,
 * seekers, interviews, first-round passes, hires (the event summary's counts).
 */
export async function hallFigures(ctx: RequestContext, o: { year: number }) {
  authorize(ctx.actor, 'events.manage');
  const from = seoulMidnight(`${o.year}-01-01`);
  const to = seoulMidnight(`${o.year + 1}-01-01`);
  const centreIds = ctx.actor.centreScope;
  const [byStatus, totals] = await Promise.all([
    countHallRequests(ctx.db, { centreIds, from, to }),
    eventTotals(ctx.db, { from, to, centreIds, kind: 'hiring_hall' }),
  ]);
  const n = (s: HallRequestStatus) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  return {
    year: o.year,
    requested: n('requested'),
    scheduled: n('scheduled'),
    cancelled: n('cancelled'),
    ...totals,
  };
}
