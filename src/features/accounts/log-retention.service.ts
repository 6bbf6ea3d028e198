import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

/**
 * Destroys account records past their period, in the caller's transaction: the access log after
 * two years, the permission log after three (PIPC safeguards standard), expired sessions.
 */
export async function purgeExpiredAccountRecords(
  db: Db,
): Promise<{ accessLog: number; permissionLog: number; sessions: number }> {
  // The append-only triggers let these deletes through only with this flag and only for old rows.
  await sql`SET LOCAL ilteo.retention = 'on'`.execute(db);
  const accessLog = await db
    .deleteFrom('access_log')
    .where('at', '<', sql<Date>`now() - interval '2 years'`)
    .executeTakeFirst();
  const permissionLog = await db
    .deleteFrom('permission_log')
    .where('at', '<', sql<Date>`now() - interval '3 years'`)
    .executeTakeFirst();
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', new Date()).executeTakeFirst();
  return {
    accessLog: Number(accessLog.numDeletedRows),
    permissionLog: Number(permissionLog.numDeletedRows),
    sessions: Number(sessions.numDeletedRows),
  };
}
