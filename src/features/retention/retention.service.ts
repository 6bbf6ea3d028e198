import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

/**
 * Retention (SECURITY.md 14). A seeker's record is kept while it is in use and for
 * `retentionYears` after it was closed (or until an explicit `retain_until`, such as the end of
 * a consented period); then the daily job destroys it with everything that hangs on it
 * (counselling, referrals, employments, consents cascade). Queries exclude records whose
 * `retain_until` has passed (seekers.repository.ts), so none is returned even before the job
 * runs. The access log is kept two years, the permission log three (PIPC safeguards standard).
 */
export interface RetentionResult {
  seekers: number;
  accessLog: number;
  permissionLog: number;
  sessions: number;
}

/** Destroys everything past its retention period; safe to run on any process at any time. */
export async function runRetention(db: Db, opts: { retentionYears: number }): Promise<RetentionResult> {
  return db.transaction().execute(async (tx) => {
    await tx
      .updateTable('seekers')
      .set({
        retain_until: sql<string>`(status_changed_at + make_interval(years => ${opts.retentionYears}))::date`,
      })
      .where('status', '=', 'closed')
      .where('retain_until', 'is', null)
      .where('status_changed_at', 'is not', null)
      .execute();
    const seekers = await tx
      .deleteFrom('seekers')
      .where('retain_until', '<', sql<string>`(now() AT TIME ZONE 'Asia/Seoul')::date`)
      .executeTakeFirst();
    // The append-only triggers let these deletes through only with this flag and only for old rows.
    await sql`SET LOCAL ilteo.retention = 'on'`.execute(tx);
    const accessLog = await tx
      .deleteFrom('access_log')
      .where('at', '<', sql<Date>`now() - interval '2 years'`)
      .executeTakeFirst();
    const permissionLog = await tx
      .deleteFrom('permission_log')
      .where('at', '<', sql<Date>`now() - interval '3 years'`)
      .executeTakeFirst();
    const sessions = await tx.deleteFrom('sessions').where('expires_at', '<', new Date()).executeTakeFirst();
    return {
      seekers: Number(seekers.numDeletedRows),
      accessLog: Number(accessLog.numDeletedRows),
      permissionLog: Number(permissionLog.numDeletedRows),
      sessions: Number(sessions.numDeletedRows),
    };
  });
}
