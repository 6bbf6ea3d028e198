import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

// The SQL of the day-before reminders (programmes.reminders.ts): who is to be told about which
// session. features/programmes owns these tables.

/**
 * Every participant whose place is confirmed, with each session of their programme starting in
 * [from, to), in the order of the sessions (then of the enrolments).
 */
export async function findConfirmedInSessions(db: Db, from: Date, to: Date) {
  const r = await sql<{
    enrolment_id: string;
    seeker_id: string;
    centre_id: string;
    session_id: string;
    seq: number;
    starts_at: Date;
    title: string;
    format: string;
    venue: string | null;
  }>`
    SELECT e.id AS enrolment_id, e.seeker_id, p.centre_id, s.id AS session_id, s.seq, s.starts_at,
      p.title, p.format, p.venue
    FROM programme_sessions s
    JOIN programmes p ON p.id = s.programme_id
    JOIN programme_enrolments e ON e.programme_id = p.id AND e.status = 'registered'
    WHERE s.starts_at >= ${from} AND s.starts_at < ${to}
    ORDER BY s.starts_at, e.id`.execute(db);
  return r.rows;
}
