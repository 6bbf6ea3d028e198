import type { Updateable } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { HiringEventTable } from './events.tables.ts';
import './events.tables.ts';

// The SQL of changing a hiring event after it is set up (features/events owns these tables):
// its details, its cancellation with everything signed up for it, an employer's withdrawal, and
// removing slots. The callers hold the event row (or the employer's entry and its slots) locked.

export async function updateEventRow(db: Db, id: string, set: Updateable<HiringEventTable>) {
  return db
    .updateTable('hiring_events')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function markCancelled(db: Db, id: string, o: { reason: string; by: string | null }) {
  return db
    .updateTable('hiring_events')
    .set({ cancelled_at: new Date(), cancel_reason: o.reason, cancelled_by: o.by })
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Live interview bookings of an event: all, and those with a result (the interview took place). */
export async function countLiveBookings(db: Db, f: { eventId: string; employerId?: string }) {
  let q = db
    .selectFrom('interview_bookings')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('result').as('with_result')])
    .where('event_id', '=', f.eventId)
    .where('status', '=', 'booked');
  if (f.employerId) q = q.where('employer_id', '=', f.employerId);
  const r = await q.executeTakeFirstOrThrow();
  return { live: Number(r.n), withResult: Number(r.with_result) };
}

/** How many of an event's slots would lie outside [start, end). */
export async function countSlotsOutside(db: Db, eventId: string, start: Date, end: Date) {
  const r = await db
    .selectFrom('event_slots')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('event_id', '=', eventId)
    .where((eb) => eb.or([eb('starts_at', '<', start), eb('ends_at', '>', end)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The seekers signed up for an event (registered or waiting), in the order they came. */
export async function findLiveRegistrants(db: Db, eventId: string) {
  return db
    .selectFrom('event_registrations')
    .select(['id', 'seeker_id', 'centre_id', 'status'])
    .where('event_id', '=', eventId)
    .where('status', '<>', 'cancelled')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Cancels every live registration of an event; the rows cancelled. */
export async function cancelRegistrationsOf(db: Db, eventId: string) {
  return db
    .updateTable('event_registrations')
    .set({ status: 'cancelled', cancelled_at: new Date() })
    .where('event_id', '=', eventId)
    .where('status', '<>', 'cancelled')
    .returning(['id', 'seeker_id', 'centre_id'])
    .execute();
}

/**
 * Cancels the live bookings without a result of an event (or of one employer or one slot
 * there); the rows cancelled. A booking with a result stays: the interview took place.
 */
export async function cancelBookingsOf(db: Db, f: { eventId: string; employerId?: string; slotId?: string }) {
  let q = db
    .updateTable('interview_bookings')
    .set({ status: 'cancelled', cancelled_at: new Date() })
    .where('event_id', '=', f.eventId)
    .where('status', '=', 'booked')
    .where('result', 'is', null);
  if (f.employerId) q = q.where('employer_id', '=', f.employerId);
  if (f.slotId) q = q.where('slot_id', '=', f.slotId);
  return q.returningAll().execute();
}

/**
 * Promotes up to `n` (null: all) of an event's waiting list, in the order they came, to places;
 * the rows promoted. The caller holds the event row locked.
 */
export async function promoteWaiting(db: Db, eventId: string, n: number | null) {
  if (n !== null && n <= 0) return [];
  let first = db
    .selectFrom('event_registrations')
    .select('id')
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .forUpdate();
  if (n !== null) first = first.limit(n);
  const ids = (await first.execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  return db
    .updateTable('event_registrations')
    .set({ status: 'registered', promoted_at: new Date() })
    .where('id', 'in', ids)
    .returning(['id', 'seeker_id', 'centre_id'])
    .execute();
}

/** A slot locked for its removal (a booking of it waits: its foreign key check needs the row). */
export async function findSlotLocked(db: Db, id: string) {
  return db.selectFrom('event_slots').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Locks an employer's entry in an event and its slots; the entry, undefined when there is none. */
export async function lockEntry(db: Db, eventId: string, employerId: string) {
  const entry = await db
    .selectFrom('event_employers')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('employer_id', '=', employerId)
    .forUpdate()
    .executeTakeFirst();
  if (entry) {
    await db
      .selectFrom('event_slots')
      .select('id')
      .where('event_id', '=', eventId)
      .where('employer_id', '=', employerId)
      .forUpdate()
      .execute();
  }
  return entry;
}

/**
 * Removes slots (one, or all of an employer at an event). Their cancelled bookings keep their
 * record with slot_id set NULL; a live booking makes the database refuse (interview_bookings_slot_kept).
 */
export async function deleteSlots(db: Db, f: { slotId: string } | { eventId: string; employerId: string }) {
  let q = db.deleteFrom('event_slots');
  q =
    'slotId' in f
      ? q.where('id', '=', f.slotId)
      : q.where('event_id', '=', f.eventId).where('employer_id', '=', f.employerId);
  return (await q.returning('id').execute()).length;
}

export async function markWithdrawn(db: Db, eventId: string, employerId: string, by: string | null) {
  return db
    .updateTable('event_employers')
    .set({ status: 'withdrawn', withdrawn_at: new Date(), withdrawn_by: by })
    .where('event_id', '=', eventId)
    .where('employer_id', '=', employerId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
