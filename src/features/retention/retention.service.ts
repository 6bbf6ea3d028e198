import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

/**
 * Retention (SECURITY.md 14). A seeker's record is kept while it is in use and for
 * `retentionYears` after it was closed, or until an explicit `retain_until` date (for example
 * the end of a consented period); then the daily job destroys it with everything that hangs
 * on it (counselling, referrals, employments, consents cascade). The access log is kept two
 * years, the permission log three (PIPC safeguards standard), then deleted by the same job.
 */
export function seekerExpired(retentionYears: number): Expression<SqlBool> {
  return sql<SqlBool>`(seekers.retain_until < (now() AT TIME ZONE 'Asia/Seoul')::date
    OR (seekers.status = 'closed' AND seekers.status_changed_at < now() - make_interval(years => ${retentionYears})))`;
}

/** The negation, for queries that must never return an expired record. */
export function seekerRetained(retentionYears: number): Expression<SqlBool> {
  return sql<SqlBool>`NOT ${seekerExpired(retentionYears)}`;
}

export interface RetentionResult {
  seekers: number;
  accessLog: number;
  permissionLog: number;
  sessions: number;
}

/** Destroys everything past its retention period; safe to run on any process at any time. */
export async function runRetention(db: Db, opts: { retentionYears: number }): Promise<RetentionResult> {
  return db.transaction().execute(async (tx) => {
    const seekers = await tx
      .deleteFrom('seekers')
      .where(seekerExpired(opts.retentionYears))
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
