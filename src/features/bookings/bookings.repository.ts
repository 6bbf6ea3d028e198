import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { BookingStatus, CancelReason, ResourceKind } from './bookings.codes.ts';
import type { OpeningWindow } from './bookings.tables.ts';
import './bookings.tables.ts';

const resourceColumns = [
  'id',
  'centre_id',
  'name',
  'kind',
  'slot_minutes',
  'capacity',
  'opening_hours',
  'approval_required',
  'bookable_by',
  'description',
  'active',
] as const;

export async function insertResource(
  db: Db,
  r: {
    id: string;
    centreId: string;
    name: string;
    kind: ResourceKind;
    slotMinutes: number;
    capacity: number;
    openingHours: OpeningWindow[];
    approvalRequired: boolean;
    bookableBy: string[];
    description: string | null;
    createdBy: string | null;
  },
) {
  return db
    .insertInto('booking_resources')
    .values({
      id: r.id,
      centre_id: r.centreId,
      name: r.name,
      kind: r.kind,
      slot_minutes: r.slotMinutes,
      capacity: r.capacity,
      opening_hours: JSON.stringify(r.openingHours),
      approval_required: r.approvalRequired,
      bookable_by: r.bookableBy,
      description: r.description,
      created_by: r.createdBy,
    })
    .returning(resourceColumns)
    .executeTakeFirstOrThrow();
}

export function findResource(db: Db, id: string, lock?: 'share' | 'update') {
  const q = db.selectFrom('booking_resources').select(resourceColumns).where('id', '=', id);
  if (lock === 'share') return q.forShare().executeTakeFirst();
  if (lock === 'update') return q.forUpdate().executeTakeFirst();
  return q.executeTakeFirst();
}

/** Changes a resource (its row locked by the caller); the columns not given stay. */
export function updateResource(
  db: Db,
  id: string,
  r: Partial<{
    name: string;
    kind: ResourceKind;
    slotMinutes: number;
    capacity: number;
    openingHours: OpeningWindow[];
    approvalRequired: boolean;
    bookableBy: string[];
    description: string | null;
    active: boolean;
  }>,
) {
  return db
    .updateTable('booking_resources')
    .set({
      ...(r.name !== undefined ? { name: r.name } : {}),
      ...(r.kind !== undefined ? { kind: r.kind } : {}),
      ...(r.slotMinutes !== undefined ? { slot_minutes: r.slotMinutes } : {}),
      ...(r.capacity !== undefined ? { capacity: r.capacity } : {}),
      ...(r.openingHours !== undefined ? { opening_hours: JSON.stringify(r.openingHours) } : {}),
      ...(r.approvalRequired !== undefined ? { approval_required: r.approvalRequired } : {}),
      ...(r.bookableBy !== undefined ? { bookable_by: r.bookableBy } : {}),
      ...(r.description !== undefined ? { description: r.description } : {}),
      ...(r.active !== undefined ? { active: r.active } : {}),
    })
    .where('id', '=', id)
    .returning(resourceColumns)
    .executeTakeFirstOrThrow();
}

/**
 * Gives the future slots of a resource its new capacity. A slot with more places taken than the
 * new capacity fails the `taken <= capacity` check (23514): the caller refuses the change.
 */
export async function setFutureSlotCapacity(db: Db, resourceId: string, capacity: number, after: Date) {
  await db
    .updateTable('booking_slots')
    .set({ capacity })
    .where('resource_id', '=', resourceId)
    .where('starts_at', '>', after)
    .execute();
}

/**
 * The lock that keeps a booking and a later closed day apart (transaction-scoped advisory locks).
 * A booking holds both keys shared — the holidays key and its centre's — from before it reads
 * the calendar until it commits; declaring a holiday holds the holidays key exclusively, closing
 * a centre that centre's key, before it cancels the bookings on those days. So either the
 * booking commits first and the declaration's cancellation sees (and cancels) it, or the
 * declaration commits first and the booking's calendar check sees the closed day.
 */
export async function holdCalendar(db: Db, o: { centreId: string | null; mode: 'book' | 'declare' }) {
  const key = (k: string) => sql`hashtextextended(${`bookings.calendar:${k}`}, 0)`;
  if (o.mode === 'book') {
    await sql`SELECT pg_advisory_xact_lock_shared(${key('holidays')}),
                     pg_advisory_xact_lock_shared(${key(o.centreId ?? 'holidays')})`.execute(db);
  } else {
    await sql`SELECT pg_advisory_xact_lock(${key(o.centreId ?? 'holidays')})`.execute(db);
  }
}

/**
 * What a booking holds from its first statement to its commit, read in that statement: the
 * calendar keys shared — the holidays key and the resource's centre's, as {@link holdCalendar}
 * names them — and the resource row FOR SHARE (an edit of its hours or capacity waits; the row
 * read is its latest version). Undefined when there is no such resource.
 */
export function lockResourceForBooking(db: Db, resourceId: string) {
  return db
    .selectFrom('booking_resources')
    .select(resourceColumns)
    .select(
      sql<string>`concat(pg_advisory_xact_lock_shared(hashtextextended(${'bookings.calendar:holidays'}, 0)),
        pg_advisory_xact_lock_shared(hashtextextended(${'bookings.calendar:'} || centre_id::text, 0)))`.as(
        'held',
      ),
    )
    .where('id', '=', resourceId)
    .forShare()
    .executeTakeFirst();
}

export function findResources(
  db: Db,
  f: { centreIds?: readonly string[] | null; kind?: ResourceKind; withInactive?: boolean },
) {
  let q = db.selectFrom('booking_resources').select(resourceColumns);
  if (!f.withInactive) q = q.where('active', '=', true);
  if (f.centreIds) q = q.where('centre_id', 'in', f.centreIds.length ? f.centreIds : ['']);
  if (f.kind) q = q.where('kind', '=', f.kind);
  return q.orderBy('kind').orderBy('name').orderBy('id').execute();
}

/**
 * A resource with its slots in [from, to) that have places taken, in one statement (what
 * availability reads on every request): the slots come as [epoch ms, taken] pairs.
 */
export function resourceWithTaken(db: Db, id: string, from: Date, to: Date) {
  return db
    .selectFrom('booking_resources as r')
    .select(resourceColumns.map((c) => `r.${c}` as const))
    .select(
      sql<[number, number][]>`coalesce((
        SELECT json_agg(json_build_array((extract(epoch FROM s.starts_at) * 1000)::bigint, s.taken))
          FROM booking_slots s
         WHERE s.resource_id = r.id AND s.starts_at >= ${from} AND s.starts_at < ${to} AND s.taken > 0
      ), '[]'::json)`.as('taken'),
    )
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/**
 * Takes one place of a slot and writes the booking, in one statement: the slot's upsert may not
 * pass the capacity (concurrent takers of the same slot queue on its row lock and each re-reads
 * `taken`; the last free place goes to exactly one of them) and the booking is inserted only
 * when a place was taken. Null when the slot is full.
 */
export async function takePlaceAndInsert(
  db: Db,
  b: {
    id: string;
    resourceId: string;
    centreId: string;
    capacity: number;
    seekerId: string | null;
    employerId: string | null;
    startsAt: Date;
    endsAt: Date;
    singleSeat: boolean;
    status: BookingStatus;
    note: string | null;
    createdBy: string | null;
  },
): Promise<BookingRow | null> {
  const r = await sql<BookingRow>`
    WITH slot AS (
      INSERT INTO booking_slots AS s (resource_id, starts_at, centre_id, capacity, taken)
      VALUES (${b.resourceId}, ${b.startsAt}, ${b.centreId}, ${b.capacity}, 1)
      ON CONFLICT (resource_id, starts_at) DO UPDATE SET taken = s.taken + 1 WHERE s.taken < s.capacity
      RETURNING 1
    )
    INSERT INTO bookings (id, resource_id, centre_id, seeker_id, employer_id, starts_at, ends_at,
                          single_seat, status, note, created_by)
    SELECT ${b.id}, ${b.resourceId}, ${b.centreId}, ${b.seekerId}, ${b.employerId}, ${b.startsAt},
           ${b.endsAt}, ${b.singleSeat}, ${b.status}, ${b.note}, ${b.createdBy}
      FROM slot
    RETURNING ${sql.join(bookingColumns.map((c) => sql.ref(c)))}`.execute(db);
  return r.rows[0] ?? null;
}

/** Gives back the places of cancelled bookings (one per booking). */
export async function releasePlaces(db: Db, slots: { resourceId: string; startsAt: Date }[]) {
  if (slots.length === 0) return;
  await sql`
    UPDATE booking_slots s SET taken = s.taken - c.n
    FROM (SELECT r, a, count(*)::int AS n
            FROM unnest(${slots.map((x) => x.resourceId)}::uuid[], ${slots.map((x) => x.startsAt.toISOString())}::timestamptz[]) AS t (r, a)
           GROUP BY r, a) c
    WHERE s.resource_id = c.r AND s.starts_at = c.a`.execute(db);
}

const bookingColumns = [
  'id',
  'resource_id',
  'centre_id',
  'seeker_id',
  'employer_id',
  'starts_at',
  'ends_at',
  'status',
  'note',
  'cancel_reason',
  'cancel_note',
  'cancelled_at',
  'checked_in_at',
  'created_at',
] as const;
export type BookingRow = Awaited<ReturnType<typeof findBooking>> & {};

export function findBooking(db: Db, id: string, lock = false) {
  let q = db.selectFrom('bookings').select(bookingColumns).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function updateBooking(
  db: Db,
  id: string,
  set: {
    status: BookingStatus;
    cancelReason?: CancelReason;
    cancelNote?: string | null;
    cancelledAt?: Date;
    checkedInAt?: Date;
  },
) {
  return db
    .updateTable('bookings')
    .set({
      status: set.status,
      ...(set.cancelReason ? { cancel_reason: set.cancelReason } : {}),
      ...(set.cancelNote !== undefined ? { cancel_note: set.cancelNote } : {}),
      ...(set.cancelledAt ? { cancelled_at: set.cancelledAt } : {}),
      ...(set.checkedInAt ? { checked_in_at: set.checkedInAt } : {}),
    })
    .where('id', '=', id)
    .returning(bookingColumns)
    .executeTakeFirstOrThrow();
}

export interface BookingFilter {
  centreIds: readonly string[] | null;
  resourceId?: string;
  seekerId?: string;
  employerId?: string;
  from?: Date;
  to?: Date;
  status?: BookingStatus;
  cancelReason?: CancelReason;
}

export async function findBookings(db: Db, f: BookingFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('bookings as b').innerJoin('booking_resources as r', 'r.id', 'b.resource_id');
  if (f.centreIds) q = q.where('b.centre_id', 'in', f.centreIds.length ? f.centreIds : ['']);
  if (f.resourceId) q = q.where('b.resource_id', '=', f.resourceId);
  if (f.seekerId) q = q.where('b.seeker_id', '=', f.seekerId);
  if (f.employerId) q = q.where('b.employer_id', '=', f.employerId);
  if (f.from) q = q.where('b.starts_at', '>=', f.from);
  if (f.to) q = q.where('b.starts_at', '<', f.to);
  if (f.status) q = q.where('b.status', '=', f.status);
  if (f.cancelReason) q = q.where('b.cancel_reason', '=', f.cancelReason);
  const rows = await q
    .select(bookingColumns.map((c) => `b.${c}` as const))
    .select(['r.name as resource_name', 'r.kind as resource_kind'])
    .select((eb) => eb.fn.countAll<number>().over().as('total'))
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { rows, total: rows.length ? Number(rows[0].total) : 0 };
}

/** No-shows per seeker since a moment, for the staff's lists (shown, never used to refuse). */
export async function noShowCounts(db: Db, seekerIds: string[], since: Date) {
  if (seekerIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('bookings')
    .select(['seeker_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('seeker_id', 'in', seekerIds)
    .where('status', '=', 'no_show')
    .where('starts_at', '>=', since)
    .groupBy('seeker_id')
    .execute();
  return new Map(rows.map((r) => [r.seeker_id as string, Number(r.n)]));
}

/**
 * Cancels the open bookings starting in [from, to) — of one centre, or of every centre when
 * `centreId` is null — and gives their places back, in one statement; answers the bookings.
 */
export async function cancelOpenBetween(
  db: Db,
  o: { centreId: string | null; from: Date; to: Date; reason: CancelReason; note: string; at: Date },
) {
  const r = await sql<{
    id: string;
    resource_id: string;
    centre_id: string;
    seeker_id: string | null;
    employer_id: string | null;
    starts_at: Date;
  }>`
    WITH hit AS (
      UPDATE bookings SET status = 'cancelled', cancel_reason = ${o.reason}, cancel_note = ${o.note},
             cancelled_at = ${o.at}
       WHERE status IN ('requested', 'confirmed') AND starts_at >= ${o.from} AND starts_at < ${o.to}
         AND (${o.centreId}::uuid IS NULL OR centre_id = ${o.centreId}::uuid)
      RETURNING id, resource_id, centre_id, seeker_id, employer_id, starts_at
    ), freed AS (
      UPDATE booking_slots s SET taken = s.taken - c.n
        FROM (SELECT resource_id, starts_at, count(*)::int AS n FROM hit GROUP BY 1, 2) c
       WHERE s.resource_id = c.resource_id AND s.starts_at = c.starts_at
    )
    SELECT * FROM hit ORDER BY starts_at, id`.execute(db);
  return r.rows;
}

/** Bookings held in [from, to) per resource and status, for the figures. */
export async function bookingCounts(db: Db, centreIds: readonly string[] | null, from: Date, to: Date) {
  let q = db
    .selectFrom('bookings')
    .select(['resource_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to);
  if (centreIds) q = q.where('centre_id', 'in', centreIds.length ? centreIds : ['']);
  return q.groupBy(['resource_id', 'status']).execute();
}

/** Resources (active or not) of some centres, for the figures' opening minutes. */
export function resourcesOf(db: Db, centreIds: readonly string[] | null) {
  let q = db.selectFrom('booking_resources').select(resourceColumns);
  if (centreIds) q = q.where('centre_id', 'in', centreIds.length ? centreIds : ['']);
  return q.execute();
}

/** Confirmed bookings of seekers starting in [from, to), with their resource's name (reminders). */
export function findSeekerBookingsStarting(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('booking_resources as r', 'r.id', 'b.resource_id')
    .select(['b.id', 'b.seeker_id', 'b.centre_id', 'b.starts_at', 'r.name'])
    .where('b.status', '=', 'confirmed')
    .where('b.seeker_id', 'is not', null)
    .where('b.starts_at', '>=', from)
    .where('b.starts_at', '<', to)
    .orderBy('b.starts_at')
    .execute();
}
