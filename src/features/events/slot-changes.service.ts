import { authorize } from '../../platform/access/policy.ts';
import { recordAccesses } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { employerLabels } from '../employers/employers.service.ts';
import { tellInterviewsCancelled } from './event-changes.notify.ts';
import {
  cancelBookingsOf,
  countLiveBookings,
  deleteSlots,
  findSlotLocked,
  lockEntry,
  markWithdrawn,
} from './event-changes.repository.ts';
import { reasonOf } from './event-changes.service.ts';
import { EMPLOYER_STATUSES, nameOf } from './events.codes.ts';
import { findLiveBookingOfSlot, findSlot } from './events.repository.ts';
import { requireEvent } from './events.service.ts';
import './events.messages.ts';

// Taking back what was opened at an event: a free slot removed (DELETE /slots/{id}), a slot
// cancelled with its booking (POST /slots/{id}/cancel), an employer's entry withdrawn with its
// slots and bookings (POST /events/{id}/employers/{employerId}/withdraw). A booked slot is never
// removed silently: the database refuses it (interview_bookings_slot_kept) and the API says
// 409 slot.booked; cancelling tells the seeker, in the same transaction.

type Ctx = RequestContext;

/** The slot and its event for a change by staff of the event's centre; the event must not be cancelled. */
async function slotToChange(ctx: Ctx, slotId: string) {
  authorize(ctx.actor, 'events.manage');
  const slot = await findSlot(ctx.db, slotId);
  if (!slot) throw notFound('slot.notFound');
  const event = await requireEvent(ctx, slot.event_id, { manage: true }).catch(() => {
    throw notFound('slot.notFound');
  });
  if (event.cancelled_at) throw conflict('event.cancelled');
  return { slot, event };
}

/** The database refusing to remove a slot that a booking holds (the CHECK of the SET NULL). */
function slotHeld(e: unknown) {
  const pg = (e ?? {}) as { code?: string; constraint?: string };
  return pg.code === '23514' && pg.constraint === 'interview_bookings_slot_kept';
}

async function logBookings(ctx: Ctx, rows: { seeker_id: string; centre_id: string }[]) {
  await recordAccesses(
    ctx.db,
    rows.map((r) => ({
      actor: ctx.actor,
      ip: ctx.ip,
      action: 'update' as const,
      subjectType: 'interview_booking',
      subjectId: r.seeker_id,
      centreId: r.centre_id,
    })),
  );
}

/**
 * Staff remove a free slot (API: DELETE /slots/{id}). A slot someone holds is refused with
 * 409 slot.booked: cancel it instead (POST /slots/{id}/cancel), which tells the seeker.
 */
export async function deleteSlot(ctx: Ctx, o: { slotId: string }) {
  const { slot } = await slotToChange(ctx, o.slotId);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await findSlotLocked(tx, slot.id))) throw notFound('slot.notFound');
      if (await findLiveBookingOfSlot(tx, slot.id)) throw conflict('slot.booked');
      await deleteSlots(tx, { slotId: slot.id });
    });
  } catch (e) {
    if (slotHeld(e)) throw conflict('slot.booked');
    throw e;
  }
}

/**
 * Staff cancel a slot with a reason (API: POST /slots/{id}/cancel): its booking, if any, is
 * cancelled and the seeker told (`event_interview_cancelled`, with the company, time and reason),
 * and the slot is removed — all in one transaction. The seeker's registration for the event stays.
 * Refused: a booking with a result (409 interview.resultBooked) or an interview that has begun
 * (409 slot.begun).
 */
export async function cancelSlot(ctx: Ctx, o: { slotId: string; reason: string; now?: Date }) {
  const reason = reasonOf(o.reason);
  const { slot, event } = await slotToChange(ctx, o.slotId);
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await findSlotLocked(tx, slot.id))) throw notFound('slot.notFound');
    const live = await findLiveBookingOfSlot(tx, slot.id);
    if (live?.result) throw conflict('interview.resultBooked');
    if (live && new Date(live.starts_at).getTime() <= (o.now ?? new Date()).getTime()) {
      throw conflict('slot.begun');
    }
    const cancelled = live ? await cancelBookingsOf(tx, { eventId: event.id, slotId: slot.id }) : [];
    const company = (await employerLabels(tx, [slot.employer_id])).get(slot.employer_id)?.name ?? '';
    const notified = await tellInterviewsCancelled(tx, event, {
      reason,
      bookings: cancelled.map((b) => ({ ...b, company })),
    });
    await logBookings({ ...ctx, db: tx }, cancelled);
    await deleteSlots(tx, { slotId: slot.id });
    return {
      slotId: slot.id,
      bookingId: cancelled[0]?.id ?? null,
      seekerId: cancelled[0]?.seeker_id ?? null,
      notified,
    };
  });
}

/**
 * Staff withdraw an employer's entry from an event with a reason (API: POST
 * /events/{id}/employers/{employerId}/withdraw): in one transaction its interview bookings are
 * cancelled and each seeker told, its slots removed, and the entry kept as `withdrawn` (the
 * company may be entered again later). Refused when one of its interviews already has a result
 * (409 event.employerHasResults).
 */
export async function withdrawEmployer(ctx: Ctx, o: { eventId: string; employerId: string; reason: string }) {
  authorize(ctx.actor, 'events.manage');
  const reason = reasonOf(o.reason);
  const event = await requireEvent(ctx, o.eventId, { manage: true, open: true });
  return ctx.db.transaction().execute(async (tx) => {
    const entry = await lockEntry(tx, event.id, o.employerId);
    if (!entry || entry.status === 'withdrawn') throw notFound('event.employerNotFound');
    const held = await countLiveBookings(tx, { eventId: event.id, employerId: entry.employer_id });
    if (held.withResult > 0) throw conflict('event.employerHasResults');
    const cancelled = await cancelBookingsOf(tx, { eventId: event.id, employerId: entry.employer_id });
    const name = (await employerLabels(tx, [entry.employer_id])).get(entry.employer_id)?.name ?? null;
    const notified = await tellInterviewsCancelled(tx, event, {
      reason,
      bookings: cancelled.map((b) => ({ ...b, company: name ?? '' })),
    });
    await logBookings({ ...ctx, db: tx }, cancelled);
    const removedSlots = await deleteSlots(tx, { eventId: event.id, employerId: entry.employer_id });
    const row = await markWithdrawn(tx, event.id, entry.employer_id, ctx.actor.userId);
    return {
      eventId: row.event_id,
      employerId: row.employer_id,
      employerName: name,
      status: row.status,
      statusName: nameOf(EMPLOYER_STATUSES, row.status, ctx.lang),
      cancelledInterviews: cancelled.length,
      removedSlots,
      notified,
    };
  });
}
