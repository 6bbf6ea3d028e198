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
    .returningAll()
    .executeTakeFirst();
}

/** Inserts an application; undefined when the employer already applied (primary key). */
export async function insertEventEmployer(db: Db, row: Insertable<EventEmployerTable>) {
  return db
    .insertInto('event_employers')
    .values(row)
    .onConflict((oc) => oc.columns(['event_id', 'employer_id']).doNothing())
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

export interface EventTotals {
  employers: number;
  seekers: number;
  interviews: number;
  passedFirst: number;
  hired: number;
}

/**
 * The totals over a set of events (one statement): approved employers (distinct per event),
 * seekers who registered or booked (distinct per event), interviews held (a result other than
 * no-show), first-round passes (passed_first or hired) and hires.
 */
export async function eventTotals(
  db: Db,
  f: { eventId?: string; from?: Date; to?: Date; centreIds?: readonly string[] | null; kind?: string },
): Promise<EventTotals> {
  const events = db
    .selectFrom('hiring_events')
    .select('id')
    .$if(f.eventId !== undefined, (q) => q.where('id', '=', f.eventId as string))
    .$if(f.kind !== undefined, (q) => q.where('kind', '=', f.kind as HiringEventTable['kind']))
    .$if(f.from !== undefined, (q) => q.where('starts_at', '>=', f.from as Date))
    .$if(f.to !== undefined, (q) => q.where('starts_at', '<', f.to as Date))
    .$if(Boolean(f.centreIds), (q) =>
      q.where(sql<boolean>`centre_id = ANY(${[...(f.centreIds ?? [])]}::uuid[])`),
    );
  const r = await sql<{
    employers: string;
    seekers: string;
    interviews: string;
    passed: string;
    hired: string;
  }>`
    WITH ev AS (${events}),
    people AS (
      SELECT event_id, seeker_id FROM event_registrations
        WHERE status <> 'cancelled' AND event_id IN (SELECT id FROM ev)
      UNION
      SELECT event_id, seeker_id FROM interview_bookings
        WHERE status <> 'cancelled' AND event_id IN (SELECT id FROM ev)
    )
    SELECT
      (SELECT count(*) FROM event_employers
         WHERE status = 'approved' AND event_id IN (SELECT id FROM ev)) AS employers,
      (SELECT count(*) FROM people) AS seekers,
      count(*) FILTER (WHERE b.result IN ('interviewed', 'passed_first', 'hired', 'rejected')) AS interviews,
      count(*) FILTER (WHERE b.result IN ('passed_first', 'hired')) AS passed,
      count(*) FILTER (WHERE b.result = 'hired') AS hired
    FROM interview_bookings b
    WHERE b.status <> 'cancelled' AND b.event_id IN (SELECT id FROM ev)`.execute(db);
  const row = r.rows[0];
  return {
    employers: Number(row?.employers ?? 0),
    seekers: Number(row?.seekers ?? 0),
    interviews: Number(row?.interviews ?? 0),
    passedFirst: Number(row?.passed ?? 0),
    hired: Number(row?.hired ?? 0),
  };
}
