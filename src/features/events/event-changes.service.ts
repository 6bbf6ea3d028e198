import { authorize } from '../../platform/access/policy.ts';
import { recordAccesses } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.ts';
import { emitWebhookEvent } from '../webhooks/webhooks.service.ts';
import { tellEventCancelled, tellEventChanged } from './event-changes.notify.ts';
import {
  cancelBookingsOf,
  cancelRegistrationsOf,
  countLiveBookings,
  countSlotsOutside,
  findLiveRegistrants,
  markCancelled,
  promoteWaiting,
  updateEventRow,
} from './event-changes.repository.ts';
import { countRegistered, findEvent, findEventEmployers } from './events.repository.ts';
import { eventFields, presentEvent, requireEvent } from './events.service.ts';
import './events.messages.ts';

// Changing a hiring event after it is set up: its details (PATCH /events/{id}) and its
// cancellation (POST /events/{id}/cancel). Each runs in one transaction holding the event row
// FOR UPDATE: a registration (which locks it too) and a booking (whose foreign key check locks
// it FOR KEY SHARE) wait for the change and then see it.

export interface EventChange {
  title?: string;
  startsAt?: string;
  endsAt?: string;
  venue?: string | null;
  onlineUrl?: string | null;
  capacity?: number | null;
  description?: string | null;
  published?: boolean;
}

type Ctx = RequestContext;

/** A reason told to the people a change touches: 1–500 characters, or 400 on `reason`. */
export function reasonOf(raw: string): string {
  const reason = raw.trim();
  if (!reason) throw invalid([{ field: 'reason', key: 'field.required' }]);
  if (reason.length > 500)
    throw invalid([{ field: 'reason', key: 'field.maxLength', params: { limit: 500 } }]);
  return reason;
}

/** One access-log row per seeker whose registration or booking a change touched. */
async function logTouched(ctx: Ctx, rows: { seeker_id: string; centre_id: string }[], subjectType: string) {
  await recordAccesses(
    ctx.db,
    rows.map((r) => ({
      actor: ctx.actor,
      ip: ctx.ip,
      action: 'update' as const,
      subjectType,
      subjectId: r.seeker_id,
      centreId: r.centre_id,
    })),
  );
}

/**
 * Staff change an event's details (API: PATCH /events/{id}): title, times, venue or link,
 * capacity, description, publication; the fields left out stay. Refused: a cancelled event
 * (409 event.cancelled); a capacity below the places taken (400 event.capacityBelowRegistered on
 * `capacity`); new times while interviews are booked (409 event.timesBooked) or with slots
 * outside them (400 event.slotsOutside), or of a hiring-hall day (409 event.hallTimes, its room
 * is booked for it); unpublishing while seekers are signed up (409 event.unpublishTaken). A raise
 * of the capacity moves the waiting list up in its order; a new time or place is told to everyone
 * signed up (`event_changed`). Webhooks: event.published when it becomes public, event.updated
 * when a public event changes or stops being public.
 */
export async function updateEvent(ctx: Ctx, o: { id: string } & EventChange) {
  authorize(ctx.actor, 'events.manage');
  const e0 = await requireEvent(ctx, o.id, { manage: true, open: true });
  return ctx.db.transaction().execute(async (tx) => {
    const tctx = { ...ctx, db: tx };
    const e = await findEvent(tx, e0.id, { lock: true });
    if (!e) throw notFound('event.notFound');
    if (e.cancelled_at) throw conflict('event.cancelled');
    const f = eventFields({
      title: o.title ?? e.title,
      startsAt: o.startsAt ?? e.starts_at,
      endsAt: o.endsAt ?? e.ends_at,
      venue: o.venue === undefined ? e.venue : o.venue,
      onlineUrl: o.onlineUrl === undefined ? e.online_url : o.onlineUrl,
    });
    if (f.problems.length) throw invalid(f.problems);
    const capacity = o.capacity === undefined ? e.capacity : o.capacity;
    const description = o.description === undefined ? e.description : o.description?.trim() || null;
    if (description && description.length > 4000) {
      throw invalid([{ field: 'description', key: 'field.maxLength', params: { limit: 4000 } }]);
    }
    const published = o.published ?? e.published;
    const timesChanged =
      f.start.getTime() !== new Date(e.starts_at).getTime() ||
      f.end.getTime() !== new Date(e.ends_at).getTime();
    const placeChanged = f.venue !== e.venue || f.onlineUrl !== e.online_url;
    if (timesChanged) {
      if (e.kind === 'hiring_hall') throw conflict('event.hallTimes');
      const booked = await countLiveBookings(tx, { eventId: e.id });
      if (booked.live > 0) throw new DomainError('conflict', 'event.timesBooked', { n: booked.live });
      const outside = await countSlotsOutside(tx, e.id, f.start, f.end);
      if (outside > 0) {
        throw new DomainError('validation', 'event.slotsOutside', { n: outside }, [
          { field: 'startsAt', key: 'event.slotsOutside', params: { n: outside } },
        ]);
      }
    }
    const registered = await countRegistered(tx, e.id);
    if (capacity !== null && capacity < registered) {
      const params = { n: registered };
      throw new DomainError('validation', 'event.capacityBelowRegistered', params, [
        { field: 'capacity', key: 'event.capacityBelowRegistered', params },
      ]);
    }
    const signedUp = await findLiveRegistrants(tx, e.id);
    if (e.published && !published) {
      const booked = await countLiveBookings(tx, { eventId: e.id });
      if (signedUp.length > 0 || booked.live > 0) throw conflict('event.unpublishTaken');
    }
    const changed =
      timesChanged ||
      placeChanged ||
      f.title !== e.title ||
      capacity !== e.capacity ||
      description !== e.description ||
      published !== e.published;
    if (!changed) return { ...presentEvent(e, ctx.lang), promoted: 0, notified: 0 };
    const row = await updateEventRow(tx, e.id, {
      title: f.title,
      starts_at: f.start,
      ends_at: f.end,
      venue: f.venue,
      online_url: f.onlineUrl,
      capacity,
      description,
      published,
      published_at: published ? (e.published_at ?? new Date()) : null,
    });
    // A new capacity with places free moves the waiting list up, first come first, while the event is ahead.
    const promoted =
      capacity !== e.capacity && f.end.getTime() > Date.now()
        ? await promoteWaiting(tx, e.id, capacity === null ? null : capacity - registered)
        : [];
    await logTouched(tctx, promoted, 'event_registration');
    const notified =
      timesChanged || placeChanged
        ? await tellEventChanged(
            tx,
            row,
            signedUp.map((r) => r.seeker_id),
            new Date(e.starts_at),
          )
        : 0;
    if (!e.published && published) {
      await emitWebhookEvent(tx, { type: 'event.published', subjectId: e.id, centreId: e.centre_id });
    } else if (e.published) {
      await emitWebhookEvent(tx, { type: 'event.updated', subjectId: e.id, centreId: e.centre_id });
    }
    return { ...presentEvent(row, ctx.lang), promoted: promoted.length, notified };
  });
}

/**
 * Staff cancel an event with a reason (API: POST /events/{id}/cancel), before it starts. In one
 * transaction: the event is marked cancelled (it stays readable, with the reason), every
 * registration and waiting place is cancelled, every interview booking without a result is
 * cancelled, each seeker and each company taking part is told once (`event_cancelled`,
 * `event_cancelled_employer`), and a public event announces `event.cancelled`. Refused: an event
 * already cancelled (409 event.cancelled), begun (409 event.started), or a hiring-hall day (409
 * event.hallCancel: its room booking and request are handled on the hiring-hall pages).
 */
export async function cancelEvent(ctx: Ctx, o: { id: string; reason: string; now?: Date }) {
  authorize(ctx.actor, 'events.manage');
  const reason = reasonOf(o.reason);
  const e0 = await requireEvent(ctx, o.id, { manage: true, open: true });
  return ctx.db.transaction().execute(async (tx) => {
    const tctx = { ...ctx, db: tx };
    const e = await findEvent(tx, e0.id, { lock: true });
    if (!e) throw notFound('event.notFound');
    if (e.cancelled_at) throw conflict('event.cancelled');
    if (e.kind === 'hiring_hall') throw conflict('event.hallCancel');
    if (new Date(e.starts_at).getTime() <= (o.now ?? new Date()).getTime()) throw conflict('event.started');
    const row = await markCancelled(tx, e.id, { reason, by: ctx.actor.userId });
    if (!row) throw conflict('event.cancelled');
    const registrations = await cancelRegistrationsOf(tx, e.id);
    const bookings = await cancelBookingsOf(tx, { eventId: e.id });
    const employers = (await findEventEmployers(tx, e.id)).filter((x) => x.status !== 'withdrawn');
    const notified = await tellEventCancelled(tx, e, {
      reason,
      seekerIds: [...registrations, ...bookings].map((r) => r.seeker_id),
      employerIds: employers.map((x) => x.employer_id),
    });
    await logTouched(tctx, registrations, 'event_registration');
    await logTouched(tctx, bookings, 'interview_booking');
    if (e.published) {
      await emitWebhookEvent(tx, { type: 'event.cancelled', subjectId: e.id, centreId: e.centre_id });
    }
    return {
      ...presentEvent(row, ctx.lang),
      cancelledRegistrations: registrations.length,
      cancelledInterviews: bookings.length,
      notified,
    };
  });
}
