import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { HallRequestStatus } from './events.codes.ts';
import type { HiringHallRequestTable } from './events.tables.ts';
import './events.tables.ts';

// The SQL of the permanent hiring hall's requests (features/events owns hiring_hall_requests).

/** Every column, the preferred days as 'YYYY-MM-DD' text (a date[] would come back as Dates). */
const COLUMNS = [
  'id',
  'centre_id',
  'employer_id',
  'posting_id',
  sql<string[]>`preferred_dates::text[]`.as('preferred_dates'),
  'headcount',
  'note',
  'status',
  'event_id',
  'room_booking_ids',
  'scheduled_by',
  'scheduled_at',
  'cancelled_at',
  'created_by',
  'created_at',
] as const;

export async function insertHallRequest(db: Db, row: Insertable<HiringHallRequestTable>) {
  return db.insertInto('hiring_hall_requests').values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function findHallRequest(db: Db, id: string, opts: { lock?: boolean } = {}) {
  let q = db.selectFrom('hiring_hall_requests').select(COLUMNS).where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Requests of some centres (null: all) or of one employer, newest first. */
export async function findHallRequests(
  db: Db,
  f: { centreIds: readonly string[] | null; employerId?: string; status?: HallRequestStatus; limit: number },
) {
  let q = db
    .selectFrom('hiring_hall_requests')
    .select(COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit);
  if (f.centreIds)
    q = q.where(
      'centre_id',
      'in',
      f.centreIds.length ? f.centreIds : ['00000000-0000-0000-0000-000000000000'],
    );
  if (f.employerId) q = q.where('employer_id', '=', f.employerId);
  if (f.status) q = q.where('status', '=', f.status);
  return q.execute();
}

export async function markHallScheduled(
  db: Db,
  id: string,
  s: { eventId: string; bookingIds: string[]; userId: string | null },
) {
  return db
    .updateTable('hiring_hall_requests')
    .set({
      status: 'scheduled',
      event_id: s.eventId,
      room_booking_ids: s.bookingIds,
      scheduled_by: s.userId,
      scheduled_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function markHallCancelled(db: Db, id: string) {
  return db
    .updateTable('hiring_hall_requests')
    .set({ status: 'cancelled', cancelled_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .returning(COLUMNS)
    .executeTakeFirst();
}

/** Requests by status of some centres (null: all) created in [from, to). */
export async function countHallRequests(
  db: Db,
  f: { centreIds: readonly string[] | null; from: Date; to: Date },
) {
  let q = db
    .selectFrom('hiring_hall_requests')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('created_at', '>=', f.from)
    .where('created_at', '<', f.to)
    .groupBy('status');
  if (f.centreIds)
    q = q.where(
      'centre_id',
      'in',
      f.centreIds.length ? f.centreIds : ['00000000-0000-0000-0000-000000000000'],
    );
  return q.execute();
}
