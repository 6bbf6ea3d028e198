import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { AppointmentTable } from './appointments.tables.ts';
import './appointments.tables.ts';

// The only place the SQL of `appointments` and `appointment_feeds` lives. No rules here.

export type AppointmentRow = Awaited<ReturnType<typeof findById>> & {};

export function findById(db: Db, id: string, lock = false) {
  let q = db.selectFrom('appointments').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insert(db: Db, row: Insertable<AppointmentTable>) {
  return db.insertInto('appointments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function update(db: Db, id: string, set: Updateable<AppointmentTable>) {
  return db
    .updateTable('appointments')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface Window {
  from: Date;
  to: Date;
  /** Centres whose appointments may be read; null = all. */
  centres: readonly string[] | null;
  counsellorId?: string;
  seekerId?: string;
  withCancelled?: boolean;
  offset: number;
  limit: number;
}

/** Appointments starting in [from, to), earliest first, and how many there are. */
export async function findInWindow(db: Db, w: Window) {
  let q = db.selectFrom('appointments').where('starts_at', '>=', w.from).where('starts_at', '<', w.to);
  if (w.centres !== null) q = q.where('centre_id', 'in', [...w.centres, NO_ID]);
  if (w.counsellorId) q = q.where('counsellor_id', '=', w.counsellorId);
  if (w.seekerId) q = q.where('seeker_id', '=', w.seekerId);
  if (!w.withCancelled) q = q.where('status', '=', 'scheduled');
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('starts_at').orderBy('id').offset(w.offset).limit(w.limit).execute(),
    q.select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** A seeker's scheduled appointments ending after `after`, earliest first. */
export function upcomingOfSeeker(db: Db, seekerId: string, after: Date, limit: number) {
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('seeker_id', '=', seekerId)
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', after)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
}

/** A counsellor's scheduled appointments starting in [from, to) (the calendar feed). */
export function ofCounsellor(db: Db, counsellorId: string, from: Date, to: Date) {
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('counsellor_id', '=', counsellorId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .orderBy('starts_at')
    .execute();
}

export async function saveFeed(db: Db, row: { userId: string; centreId: string; tokenHash: string }) {
  await db
    .insertInto('appointment_feeds')
    .values({ user_id: row.userId, centre_id: row.centreId, token_hash: row.tokenHash })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ token_hash: row.tokenHash, created_at: new Date() }),
    )
    .execute();
}

export function feedByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('appointment_feeds')
    .select(['user_id', 'centre_id', 'created_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function feedOf(db: Db, userId: string) {
  return db
    .selectFrom('appointment_feeds')
    .select(['created_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

const NO_ID = '00000000-0000-0000-0000-000000000000';
