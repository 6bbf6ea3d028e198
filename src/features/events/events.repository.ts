import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { InterviewResult } from './events.codes.ts';
import type {
  EventEmployerTable,
  EventRegistrationTable,
  EventSlotTable,
  HiringEventTable,
  InterviewBookingTable,
} from './events.tables.ts';
import './events.tables.ts';

// The only place the SQL of hiring events, their employers, slots, interview bookings and
// registrations lives (features/events owns these tables).

export async function insertEvents(db: Db, rows: Insertable<HiringEventTable>[]) {
  return db.insertInto('hiring_events').values(rows).returningAll().execute();
}

export async function findEvent(db: Db, id: string, opts: { lock?: boolean } = {}) {
  let q = db.selectFrom('hiring_events').selectAll().where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findEvents(
  db: Db,
  f: { from: Date; to: Date; kind?: string; centreIds: readonly string[] | null; publishedOnly: boolean },
) {
  let q = db
    .selectFrom('hiring_events')
    .selectAll()
    .where('starts_at', '<', f.to)
    .where('ends_at', '>', f.from)
    .orderBy('starts_at')
    .orderBy('id')
    .limit(500);
  if (f.kind) q = q.where('kind', '=', f.kind as HiringEventTable['kind']);
  if (f.publishedOnly) q = q.where('published', '=', true);
  if (f.centreIds)
    q = q.where(
      'centre_id',
      'in',
      f.centreIds.length ? f.centreIds : ['00000000-0000-0000-0000-000000000000'],
    );
  return q.execute();
}

export async function markPublished(db: Db, id: string) {
  return db
    .updateTable('hiring_events')
    .set({ published: true, published_at: new Date() })
    .where('id', '=', id)
    .where('published', '=', false)
    .where('cancelled_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Inserts an application, or enters again an employer whose entry was withdrawn; undefined when
 * the employer already takes part or applied (primary key).
 */
export async function insertEventEmployer(db: Db, row: Insertable<EventEmployerTable>) {
  return db
    .insertInto('event_employers')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['event_id', 'employer_id'])
        .doUpdateSet((eb) => ({
          posting_ids: eb.ref('excluded.posting_ids'),
          booth: eb.ref('excluded.booth'),
          status: eb.ref('excluded.status'),
          approved_by: eb.ref('excluded.approved_by'),
          approved_at: eb.ref('excluded.approved_at'),
          created_by: eb.ref('excluded.created_by'),
          created_at: new Date(),
          withdrawn_at: null,
          withdrawn_by: null,
        }))
        .where('event_employers.status', '=', 'withdrawn'),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function findEventEmployer(db: Db, eventId: string, employerId: string) {
  return db
    .selectFrom('event_employers')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('employer_id', '=', employerId)
    .executeTakeFirst();
}

export async function findEventEmployers(db: Db, eventId: string) {
  return db
    .selectFrom('event_employers')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('created_at')
    .execute();
}

export async function approveEventEmployer(
  db: Db,
  eventId: string,
  employerId: string,
  userId: string | null,
) {
  return db
    .updateTable('event_employers')
    .set((eb) => ({
      status: 'approved',
      approved_by: eb.fn.coalesce('approved_by', eb.val(userId)),
      approved_at: eb.fn.coalesce('approved_at', eb.val(new Date())),
    }))
    .where('event_id', '=', eventId)
    .where('employer_id', '=', employerId)
    .where('status', '<>', 'withdrawn')
    .returningAll()
    .executeTakeFirst();
}

/** Inserts slots in one statement; the exclusion constraint event_slots_no_clash refuses overlaps. */
export async function insertSlots(db: Db, rows: Insertable<EventSlotTable>[]) {
  return db.insertInto('event_slots').values(rows).returningAll().execute();
}

export async function findSlot(db: Db, id: string) {
  return db.selectFrom('event_slots').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An event's slots in time order, each with its live booking's seeker (if any). */
export async function findSlots(db: Db, eventId: string, freeOnly: boolean) {
  let q = db
    .selectFrom('event_slots as s')
    .leftJoin('interview_bookings as b', (j) =>
      j.onRef('b.slot_id', '=', 's.id').on('b.status', '<>', 'cancelled'),
    )
    .select([
      's.id',
      's.event_id',
      's.employer_id',
      's.starts_at',
      's.ends_at',
      's.meeting_url',
      'b.id as booking_id',
      'b.seeker_id',
      'b.result',
    ])
    .where('s.event_id', '=', eventId)
    .orderBy('s.starts_at')
    .orderBy('s.employer_id');
  if (freeOnly) q = q.where('b.id', 'is', null);
  return q.execute();
}

export async function insertInterviewBooking(db: Db, row: Insertable<InterviewBookingTable>) {
  return db.insertInto('interview_bookings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findInterviewBooking(db: Db, id: string, opts: { lock?: boolean } = {}) {
  let q = db.selectFrom('interview_bookings').selectAll().where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The live booking of a slot, locked for the caller's transaction. */
export async function findLiveBookingOfSlot(db: Db, slotId: string) {
  return db
    .selectFrom('interview_bookings')
    .selectAll()
    .where('slot_id', '=', slotId)
    .where('status', '<>', 'cancelled')
    .forUpdate()
    .executeTakeFirst();
}

export async function cancelInterviewBooking(db: Db, id: string) {
  return db
    .updateTable('interview_bookings')
    .set({ status: 'cancelled', cancelled_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .where('result', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function setInterviewResult(
  db: Db,
  id: string,
  r: { result: InterviewResult; note: string | null; employmentId: string | null },
) {
  return db
    .updateTable('interview_bookings')
    .set((eb) => ({
      result: r.result,
      result_note: r.note,
      result_at: new Date(),
      employment_id: eb.fn.coalesce('employment_id', eb.val(r.employmentId)),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The live interview bookings of some seekers at an event, in time order, with each slot's link. */
export async function findSeekerBookingsAt(db: Db, eventId: string, seekerIds: readonly string[] | null) {
  let q = db
    .selectFrom('interview_bookings as b')
    .innerJoin('event_slots as s', 's.id', 'b.slot_id')
    .select([
      'b.id',
      's.id as slot_id',
      'b.seeker_id',
      'b.employer_id',
      'b.starts_at',
      'b.ends_at',
      'b.result',
      's.meeting_url',
    ])
    .where('b.event_id', '=', eventId)
    .where('b.status', '=', 'booked')
    .orderBy('b.seeker_id')
    .orderBy('b.starts_at')
    .limit(5000);
  if (seekerIds)
    q = q.where('b.seeker_id', 'in', seekerIds.length ? seekerIds : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}

/** A seeker's live (registered or waiting) registration for an event. */
export async function findLiveRegistrationOf(db: Db, eventId: string, seekerId: string) {
  return db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('seeker_id', '=', seekerId)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
}

export async function insertRegistration(db: Db, row: Insertable<EventRegistrationTable>) {
  return db.insertInto('event_registrations').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Places taken (registered, checked in or not) of an event. */
export async function countRegistered(db: Db, eventId: string): Promise<number> {
  const r = await db
    .selectFrom('event_registrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'registered')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findRegistration(db: Db, eventId: string, id: string) {
  return db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** An event's registrations in the order they came (cancelled ones left out). */
export async function findRegistrations(db: Db, eventId: string) {
  return db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '<>', 'cancelled')
    .orderBy('created_at')
    .orderBy('id')
    .limit(2000)
    .execute();
}

export async function checkInRegistration(db: Db, id: string) {
  return db
    .updateTable('event_registrations')
    .set((eb) => ({ checked_in_at: eb.fn.coalesce('checked_in_at', eb.val(new Date())) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function cancelRegistration(db: Db, id: string) {
  return db
    .updateTable('event_registrations')
    .set({ status: 'cancelled', cancelled_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Moves the first on the waiting list (by registration time) up to a place; its row or undefined. */
export async function promoteFirstWaiting(db: Db, eventId: string) {
  const first = await db
    .selectFrom('event_registrations')
    .select('id')
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!first) return undefined;
  return db
    .updateTable('event_registrations')
    .set({ status: 'registered', promoted_at: new Date() })
    .where('id', '=', first.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
