import { authorize, inScope } from '../../platform/access/policy.ts';
import { recordSeekerAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { findEmployerRef } from '../employers/employers.service.ts';
import { recordEmployment } from '../employments/employments.service.ts';
import { requireSeeker } from '../seekers/access.service.ts';
import { participantSeeker } from '../seekers/participant.service.ts';
import { requireApprovedEmployer } from './event-employers.service.ts';
import { BOOKING_STATUSES, INTERVIEW_RESULTS, type InterviewResult, nameOf } from './events.codes.ts';
import {
  cancelInterviewBooking,
  findEvent,
  findInterviewBooking,
  findLiveBookingOfSlot,
  findSlot,
  findSlots,
  insertInterviewBooking,
  insertSlots,
  setInterviewResult,
} from './events.repository.ts';
import { isStaff, requireEvent } from './events.service.ts';
import './events.messages.ts';

/** One request opens at most this many slots. */
export const MAX_SLOTS = 200;

type BookingRow = NonNullable<Awaited<ReturnType<typeof findInterviewBooking>>>;

function pgError(e: unknown): { code?: string; constraint?: string } {
  return (e ?? {}) as { code?: string; constraint?: string };
}

function presentBooking(b: BookingRow, lang: Lang = 'ko') {
  return {
    id: b.id,
    slotId: b.slot_id,
    eventId: b.event_id,
    employerId: b.employer_id,
    seekerId: b.seeker_id,
    startsAt: new Date(b.starts_at).toISOString(),
    endsAt: new Date(b.ends_at).toISOString(),
    status: b.status,
    statusName: nameOf(BOOKING_STATUSES, b.status, lang),
    result: b.result,
    resultName: b.result ? nameOf(INTERVIEW_RESULTS, b.result, lang) : null,
    resultNote: b.result_note,
    employmentId: b.employment_id,
  };
}
export type InterviewBookingView = ReturnType<typeof presentBooking>;

/**
 * Staff open interview slots for an approved employer (API: POST /events/{id}/slots): one
 * {startsAt, endsAt}, or a run {from, to, minutes} of consecutive slots. Slots lie within the
 * event; an employer's slots never overlap (exclusion constraint → 409 slot.clash).
 */
export async function createSlots(
  ctx: RequestContext,
  o: {
    eventId: string;
    employerId: string;
    startsAt?: string;
    endsAt?: string;
    from?: string;
    to?: string;
    minutes?: number;
    meetingUrl?: string | null;
  },
) {
  authorize(ctx.actor, 'events.manage');
  const event = await requireEvent(ctx, o.eventId, { manage: true, open: true });
  await requireApprovedEmployer(ctx, event.id, o.employerId);
  const single = o.startsAt !== undefined && o.endsAt !== undefined;
  const run = o.from !== undefined && o.to !== undefined && o.minutes !== undefined;
  if (single === run) throw invalid([{ field: 'startsAt', key: 'slot.runRequired' }]);
  const first = new Date((single ? o.startsAt : o.from) as string);
  const last = new Date((single ? o.endsAt : o.to) as string);
  const startField = single ? 'startsAt' : 'from';
  const endField = single ? 'endsAt' : 'to';
  if (Number.isNaN(first.getTime())) throw invalid([{ field: startField, key: 'field.invalid' }]);
  if (Number.isNaN(last.getTime()) || last <= first)
    throw invalid([{ field: endField, key: 'field.invalid' }]);
  if (first < new Date(event.starts_at) || last > new Date(event.ends_at)) {
    throw invalid([{ field: startField, key: 'slot.outsideEvent' }]);
  }
  const meetingUrl = o.meetingUrl?.trim() || null;
  if (meetingUrl && !/^https:\/\/\S+$/i.test(meetingUrl)) {
    throw invalid([{ field: 'meetingUrl', key: 'event.onlineUrl' }]);
  }
  const step = single ? last.getTime() - first.getTime() : (o.minutes as number) * 60_000;
  const times: [Date, Date][] = [];
  for (let t = first.getTime(); t + step <= last.getTime(); t += step) {
    times.push([new Date(t), new Date(t + step)]);
    if (times.length > MAX_SLOTS)
      throw invalid([{ field: endField, key: 'slot.tooMany', params: { max: MAX_SLOTS } }]);
  }
  if (times.length === 0) throw invalid([{ field: 'minutes', key: 'field.invalid' }]);
  try {
    const rows = await insertSlots(
      ctx.db,
      times.map(([s, e]) => ({
        id: uuidv7(),
        event_id: event.id,
        employer_id: o.employerId,
        centre_id: event.centre_id,
        starts_at: s,
        ends_at: e,
        meeting_url: meetingUrl,
        created_by: ctx.actor.userId,
      })),
    );
    return rows.map((s) => ({
      id: s.id,
      eventId: s.event_id,
      employerId: s.employer_id,
      startsAt: new Date(s.starts_at).toISOString(),
      endsAt: new Date(s.ends_at).toISOString(),
      meetingUrl: s.meeting_url,
      taken: false,
    }));
  } catch (e) {
    if (pgError(e).code === '23P01') throw conflict('slot.clash');
    throw e;
  }
}

/**
 * An event's slots in time order (API: GET /events/{id}/slots?free=true). Everyone sees whether
 * a slot is taken; staff of the event's centre also see the booking and its seeker, and the
 * meeting link (which the seeker holding the slot sees too).
 */
export async function listSlots(
  ctx: Parameters<typeof requireEvent>[0],
  o: { eventId: string; free?: boolean },
) {
  const event = await requireEvent(ctx, o.eventId);
  const staff = isStaff(ctx.actor) && inScope(ctx.actor, event.centre_id);
  const self = ctx.actor?.role === 'seeker' ? ctx.actor.seekerId : null;
  // A cancelled event has no free slot to offer.
  if (o.free && event.cancelled_at) return [];
  const rows = await findSlots(ctx.db, event.id, o.free ?? false);
  return rows.map((s) => ({
    id: s.id,
    eventId: s.event_id,
    employerId: s.employer_id,
    startsAt: new Date(s.starts_at).toISOString(),
    endsAt: new Date(s.ends_at).toISOString(),
    // A slot's meeting link goes to the centre's staff and the seeker who booked it only.
    meetingUrl: staff || (self !== null && s.seeker_id === self) ? s.meeting_url : null,
    taken: s.booking_id !== null,
    ...(staff ? { bookingId: s.booking_id, seekerId: s.seeker_id, result: s.result } : {}),
  }));
}

/** The seeker a booking or registration is for: the seeker account itself, or one staff may refer. */
/** The seeker a booking is for (the seekers feature's shared rule for sign-ups). */
export const resolveSeeker = participantSeeker;

/**
 * Books a slot for a seeker (API: POST /slots/{id}/booking). The database decides: a slot holds
 * one live booking (unique index → 409 slot.taken) and a seeker never holds two overlapping
 * ones (exclusion constraint → 409 slot.overlap), so concurrent bookers of one slot get exactly
 * one success. Seekers book published events' slots for themselves; staff book for a seeker.
 */
export async function bookSlot(ctx: RequestContext, o: { slotId: string; seekerId?: string; now?: Date }) {
  authorize(ctx.actor, 'events.take_part');
  const slot = await findSlot(ctx.db, o.slotId);
  if (!slot) throw notFound('slot.notFound');
  await requireEvent(ctx, slot.event_id).catch(() => {
    throw notFound('slot.notFound');
  });
  const seeker = await resolveSeeker(ctx, o.seekerId);
  if (new Date(slot.starts_at).getTime() <= (o.now ?? new Date()).getTime()) {
    throw new DomainError('conflict', 'slot.past');
  }
  try {
    const row = await ctx.db.transaction().execute(async (tx) => {
      const b = await insertInterviewBooking(tx, {
        id: uuidv7(),
        slot_id: slot.id,
        event_id: slot.event_id,
        employer_id: slot.employer_id,
        centre_id: slot.centre_id,
        seeker_id: seeker.id,
        starts_at: slot.starts_at,
        ends_at: slot.ends_at,
        status: 'booked',
        created_by: ctx.actor.userId,
      });
      // The insert's foreign key check locked the event row FOR KEY SHARE, waiting for a
      // cancellation that held it (FOR UPDATE) to commit: this read sees that cancellation.
      if ((await findEvent(tx, slot.event_id))?.cancelled_at) throw conflict('event.cancelled');
      await recordSeekerAccess(tx, ctx, 'create', seeker, 'interview_booking');
      return b;
    });
    return presentBooking(row, ctx.lang);
  } catch (e) {
    const pg = pgError(e);
    if (pg.code === '23505' && pg.constraint === 'interview_bookings_slot_once') throw conflict('slot.taken');
    if (pg.code === '23P01' && pg.constraint === 'interview_bookings_no_overlap')
      throw conflict('slot.overlap');
    // The slot was removed while this booking waited for it.
    if (pg.code === '23503' && pg.constraint === 'interview_bookings_slot_id_fkey')
      throw notFound('slot.notFound');
    throw e;
  }
}

/**
 * Frees a slot (API: DELETE /slots/{id}/booking): the seeker its own booking, staff any of
 * their centre's. A booking with a result stays (409 interview.resultBooked).
 */
export async function cancelSlotBooking(ctx: RequestContext, o: { slotId: string }) {
  authorize(ctx.actor, 'events.take_part');
  const slot = await findSlot(ctx.db, o.slotId);
  if (!slot) throw notFound('slot.notFound');
  await requireEvent(ctx, slot.event_id).catch(() => {
    throw notFound('slot.notFound');
  });
  return ctx.db.transaction().execute(async (tx) => {
    const b = await findLiveBookingOfSlot(tx, slot.id);
    const own = ctx.actor.role === 'seeker' && b?.seeker_id === ctx.actor.seekerId;
    if (!b || (!own && !isStaff(ctx.actor))) throw notFound('slot.notBooked');
    if (b.result !== null) throw conflict('interview.resultBooked');
    const done = await cancelInterviewBooking(tx, b.id);
    if (!done) throw notFound('slot.notBooked');
    await recordSeekerAccess(
      tx,
      ctx,
      'update',
      { id: b.seeker_id, centre_id: b.centre_id },
      'interview_booking',
    );
    return presentBooking(done, ctx.lang);
  });
}

/**
 * Staff enter an interview's result (API: POST /bookings/interviews/{id}/result). `hired`
 * records the employment (route `event`, the slot's employer, the posting named or the
 * employer's only posting in the event) in the same transaction, and is final here.
 */
export async function recordInterviewResult(
  ctx: RequestContext,
  o: { id: string; result: InterviewResult; note?: string | null; startDate?: string; postingId?: string },
) {
  authorize(ctx.actor, 'events.manage');
  return ctx.db.transaction().execute(async (tx) => {
    const tctx = { ...ctx, db: tx };
    const b = await findInterviewBooking(tx, o.id, { lock: true });
    const event = b ? await findEvent(tx, b.event_id) : undefined;
    if (!b || !event || b.status === 'cancelled') throw notFound('interview.notFound');
    await requireEvent(tctx, event.id, { manage: true }).catch(() => {
      throw notFound('interview.notFound');
    });
    if (b.result === 'hired') {
      if (o.result === 'hired') return presentBooking(b, ctx.lang);
      throw conflict('interview.hiredFinal');
    }
    let employmentId: string | null = null;
    if (o.result === 'hired') {
      const { seeker } = await requireSeeker(tctx, b.seeker_id, 'employ');
      const part = await requireApprovedEmployer(tctx, event.id, b.employer_id);
      if (o.postingId && !part.posting_ids.includes(o.postingId)) {
        throw invalid([{ field: 'postingId', key: 'event.postingNotFound' }]);
      }
      const employer = await findEmployerRef(tx, { id: b.employer_id });
      employmentId = await recordEmployment(
        tx,
        {
          seekerId: seeker.id,
          centreId: seeker.centre_id,
          employerId: b.employer_id,
          employerName: employer?.name ?? '',
          postingId: o.postingId ?? (part.posting_ids.length === 1 ? part.posting_ids[0] : null),
          startDate: o.startDate ?? seoulToday(),
          route: 'event',
          createdBy: ctx.actor.userId,
        },
        { onRepeat: 'refuse' },
      );
    }
    const row = await setInterviewResult(tx, b.id, {
      result: o.result,
      note: o.note?.trim() || null,
      employmentId,
    });
    await recordSeekerAccess(
      tx,
      ctx,
      'update',
      { id: b.seeker_id, centre_id: b.centre_id },
      'interview_booking',
    );
    return presentBooking(row, ctx.lang);
  });
}
