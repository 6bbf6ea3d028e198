import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

/**
 * Retention of seekers (SECURITY.md 14): a closed record is kept `retentionYears` after it was
 * closed (or until an explicit `retain_until`); then it is destroyed with everything that hangs
 * on it (counselling, referrals, employments, consents cascade). Runs in the caller's
 * transaction; returns the number of seekers destroyed.
 */
export async function destroyExpiredSeekers(db: Db, opts: { retentionYears: number }): Promise<number> {
  await db
    .updateTable('seekers')
    .set({
      retain_until: sql<string>`(status_changed_at + make_interval(years => ${opts.retentionYears}))::date`,
    })
    .where('status', '=', 'closed')
    .where('retain_until', 'is', null)
    .where('status_changed_at', 'is not', null)
    .execute();
  const r = await db
    .deleteFrom('seekers')
    .where('retain_until', '<', sql<string>`(now() AT TIME ZONE 'Asia/Seoul')::date`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
