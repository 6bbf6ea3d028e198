import { type Insertable, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { AttendanceStatus } from './programmes.codes.ts';
import type {
  ProgrammeEnrolmentTable,
  ProgrammeSessionTable,
  ProgrammeSurveyTable,
  ProgrammeTable,
} from './programmes.tables.ts';
import './programmes.tables.ts';

// The only place the SQL of programmes, their sessions, enrolments, attendance and surveys
// lives (features/programmes owns these tables; institution requests: requests.repository.ts).

const NO_CENTRE = '00000000-0000-0000-0000-000000000000';

export async function insertProgramme(
  db: Db,
  row: Insertable<ProgrammeTable>,
  sessions: Insertable<ProgrammeSessionTable>[],
) {
  const p = await db.insertInto('programmes').values(row).returningAll().executeTakeFirstOrThrow();
  const s = await db.insertInto('programme_sessions').values(sessions).returningAll().execute();
  return { programme: p, sessions: s.sort((a, b) => a.seq - b.seq) };
}

export async function findProgramme(db: Db, id: string, opts: { lock?: boolean } = {}) {
  let q = db.selectFrom('programmes').selectAll().where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findSessions(db: Db, programmeId: string) {
  return db
    .selectFrom('programme_sessions')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .orderBy('seq')
    .execute();
}

export async function findProgrammes(
  db: Db,
  f: { from: Date; to: Date; kind?: string; centreIds: readonly string[] | null; publishedOnly: boolean },
) {
  let q = db
    .selectFrom('programmes')
    .selectAll()
    .where('first_starts_at', '<', f.to)
    .where('last_ends_at', '>', f.from)
    .orderBy('first_starts_at')
    .orderBy('id')
    .limit(500);
  if (f.kind) q = q.where('kind', '=', f.kind as ProgrammeTable['kind']);
  if (f.publishedOnly) q = q.where('published', '=', true);
  if (f.centreIds) q = q.where('centre_id', 'in', f.centreIds.length ? f.centreIds : [NO_CENTRE]);
  return q.execute();
}

export async function markPublished(db: Db, id: string) {
  return db
    .updateTable('programmes')
    .set({ published: true, published_at: new Date() })
    .where('id', '=', id)
    .where('published', '=', false)
    .returningAll()
    .executeTakeFirst();
}

export async function setExternalCounts(
  db: Db,
  id: string,
  o: { participants?: number | null; completed?: number | null },
) {
  return db
    .updateTable('programmes')
    .set({
      ...(o.participants === undefined ? {} : { external_participants: o.participants }),
      ...(o.completed === undefined ? {} : { external_completed: o.completed }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setSessionExternalAttended(db: Db, sessionId: string, n: number | null) {
  await db
    .updateTable('programme_sessions')
    .set({ external_attended: n })
    .where('id', '=', sessionId)
    .execute();
}

/**
 * Takes a place: `taken + 1` while below the capacity (the row stays locked until the
 * transaction ends, and CHECK (taken <= capacity) holds whatever a caller does). False when full.
 */
export async function takePlace(db: Db, programmeId: string): Promise<boolean> {
  const r = await db
    .updateTable('programmes')
    .set((eb) => ({ taken: eb('taken', '+', 1) }))
    .where('id', '=', programmeId)
    .whereRef('taken', '<', 'capacity')
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Gives a place back (a registered enrolment cancelled with no one waiting). */
export async function releasePlace(db: Db, programmeId: string) {
  await db
    .updateTable('programmes')
    .set((eb) => ({ taken: eb('taken', '-', 1) }))
    .where('id', '=', programmeId)
    .execute();
}

/**
 * Inserts an enrolment stamped with the clock at the insert (not the transaction's start):
 * under the programme's row lock this is the order of the waiting list, so the position told
 * to a waiting seeker is the one they keep.
 */
export async function insertEnrolment(db: Db, row: Insertable<ProgrammeEnrolmentTable>) {
  return db
    .insertInto('programme_enrolments')
    .values({ ...row, created_at: sql<Date>`clock_timestamp()` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An enrolment, locked for the caller's transaction (a concurrent change waits, then re-reads). */
export async function lockEnrolment(db: Db, id: string) {
  return db
    .selectFrom('programme_enrolments')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findEnrolment(db: Db, id: string) {
  return db.selectFrom('programme_enrolments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLiveEnrolmentOf(db: Db, programmeId: string, seekerId: string) {
  return db
    .selectFrom('programme_enrolments')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('seeker_id', '=', seekerId)
    .where('status', '<>', 'cancelled')
    .executeTakeFirst();
}

export async function cancelEnrolmentRow(
  db: Db,
  id: string,
  by: string | null,
  reason: 'cancelled' | 'hold_expired' | 'offer_declined' = 'cancelled',
) {
  return db
    .updateTable('programme_enrolments')
    .set({
      status: 'cancelled',
      cancelled_at: new Date(),
      cancelled_by: by,
      cancel_reason: reason,
      hold_until: null,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Moves up to `n` of the waiting list (by enrolment time) into freed places: `offered` with a
 * hold of the programme's `hold_hours` (`registered` at once when it holds none). SKIP LOCKED:
 * two cancellations at once each take a different waiting row, so two people are promoted,
 * never one twice; a waiting row being cancelled at that moment is passed over. Rows in the
 * order of the list.
 */
export async function promoteWaiting(db: Db, programmeId: string, n = 1) {
  if (n <= 0) return [];
  const r = await sql<{ id: string }>`
    UPDATE programme_enrolments e SET
      status = CASE WHEN p.hold_hours > 0 THEN 'offered' ELSE 'registered' END,
      hold_until = CASE WHEN p.hold_hours > 0 THEN now() + make_interval(hours => p.hold_hours) END,
      promoted_at = now()
    FROM programmes p
    WHERE p.id = e.programme_id AND e.id IN (
      SELECT id FROM programme_enrolments
      WHERE programme_id = ${programmeId} AND status = 'waitlisted'
      ORDER BY created_at, id LIMIT ${n} FOR UPDATE SKIP LOCKED)
    RETURNING e.id`.execute(db);
  if (r.rows.length === 0) return [];
  const rows = await db
    .selectFrom('programme_enrolments')
    .selectAll()
    .where(
      'id',
      'in',
      r.rows.map((x) => x.id),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows;
}

/** The first on the waiting list moved up to a freed place (see promoteWaiting). */
export async function promoteFirstWaiting(db: Db, programmeId: string) {
  return (await promoteWaiting(db, programmeId, 1))[0];
}

/** Sets a programme's capacity (row locked by the caller; CHECK taken <= capacity holds). */
export async function setCapacity(db: Db, programmeId: string, capacity: number) {
  return db
    .updateTable('programmes')
    .set({ capacity })
    .where('id', '=', programmeId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Counts `n` more places taken (the places given on a capacity raise). */
export async function addTaken(db: Db, programmeId: string, n: number) {
  if (n === 0) return;
  await db
    .updateTable('programmes')
    .set((eb) => ({ taken: eb('taken', '+', n) }))
    .where('id', '=', programmeId)
    .execute();
}

export async function setHoldHours(db: Db, programmeId: string, hours: number) {
  await db.updateTable('programmes').set({ hold_hours: hours }).where('id', '=', programmeId).execute();
}

/** An offered place confirmed while its hold runs (undefined when not offered or run out). */
export async function confirmOfferRow(db: Db, id: string) {
  return db
    .updateTable('programme_enrolments')
    .set({ status: 'registered', hold_until: null })
    .where('id', '=', id)
    .where('status', '=', 'offered')
    .where('hold_until', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

/** Offers whose hold has run out, oldest first (the expiry job takes each in its own transaction). */
export async function findExpiredHolds(db: Db, limit: number) {
  return db
    .selectFrom('programme_enrolments')
    .select(['id', 'programme_id'])
    .where('status', '=', 'offered')
    .where('hold_until', '<=', sql<Date>`now()`)
    .orderBy('hold_until')
    .limit(limit)
    .execute();
}

/** Position on the waiting list (1 = next) of a waiting enrolment (row values compared in SQL). */
export async function waitingPosition(db: Db, enrolmentId: string): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM programme_enrolments w
    JOIN programme_enrolments me ON me.id = ${enrolmentId} AND w.programme_id = me.programme_id
    WHERE w.status = 'waitlisted' AND (w.created_at, w.id) <= (me.created_at, me.id)`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** A programme's live enrolments, registered first, then offered, then waiting, each in the order they came. */
export async function findEnrolments(db: Db, programmeId: string) {
  return db
    .selectFrom('programme_enrolments')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where('status', '<>', 'cancelled')
    .orderBy(sql`CASE status WHEN 'registered' THEN 0 WHEN 'offered' THEN 1 ELSE 2 END`)
    .orderBy('created_at')
    .orderBy('id')
    .limit(5000)
    .execute();
}

/** A seeker's enrolments with their programme (newest programme first). */
export async function findEnrolmentsOfSeeker(db: Db, seekerId: string) {
  return db
    .selectFrom('programme_enrolments as e')
    .innerJoin('programmes as p', 'p.id', 'e.programme_id')
    .select([
      'e.id',
      'e.programme_id',
      'e.status',
      'e.created_at',
      'e.promoted_at',
      'e.hold_until',
      'p.title',
      'p.kind',
      'p.format',
      'p.venue',
      'p.online_url',
      'p.first_starts_at',
      'p.last_ends_at',
    ])
    .where('e.seeker_id', '=', seekerId)
    .where('e.status', '<>', 'cancelled')
    .orderBy('p.first_starts_at', 'desc')
    .limit(200)
    .execute();
}

export async function upsertAttendance(
  db: Db,
  rows: {
    session_id: string;
    enrolment_id: string;
    programme_id: string;
    centre_id: string;
    status: AttendanceStatus;
    marked_by: string | null;
  }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('programme_attendance')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['session_id', 'enrolment_id']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        marked_by: eb.ref('excluded.marked_by'),
        marked_at: new Date(),
      })),
    )
    .execute();
}

export async function findAttendance(db: Db, programmeId: string) {
  return db
    .selectFrom('programme_attendance')
    .select(['session_id', 'enrolment_id', 'status'])
    .where('programme_id', '=', programmeId)
    .execute();
}

/** Inserts a survey answer; undefined when this participant already answered (unique). */
export async function insertSurvey(db: Db, row: Insertable<ProgrammeSurveyTable>) {
  return db
    .insertInto('programme_surveys')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findSurveys(db: Db, programmeId: string) {
  return db
    .selectFrom('programme_surveys')
    .select(['enrolment_id', 'seeker_id', 'score', 'comment', 'created_at'])
    .where('programme_id', '=', programmeId)
    .orderBy('created_at')
    .limit(5000)
    .execute();
}

export async function surveyedEnrolmentIds(db: Db, seekerId: string) {
  const rows = await db
    .selectFrom('programme_surveys')
    .select('programme_id')
    .where('seeker_id', '=', seekerId)
    .execute();
  return new Set(rows.map((r) => r.programme_id));
}
