import type { Db } from '../../platform/db/pool.ts';
import { purgeExpiredAccountRecords } from '../accounts/log-retention.service.ts';
import { purgeExpiredProvisions } from '../partners/provision-retention.service.ts';
import { destroyExpiredSeekers } from '../seekers/expiry.service.ts';

/**
 * Retention (SECURITY.md 14). A seeker's record is kept while it is in use and for
 * `retentionYears` after it was closed (or until an explicit `retain_until`, such as the end of
 * a consented period); then the daily job destroys it with everything that hangs on it
 * (counselling, referrals, employments, consents cascade). Queries exclude records whose
 * `retain_until` has passed (seekers.repository.ts), so none is returned even before the job
 * runs. The access log is kept two years, the permission log three (PIPC safeguards standard),
 * the partners' provision ledger three.
 */
export interface RetentionResult {
  seekers: number;
  accessLog: number;
  permissionLog: number;
  sessions: number;
  /** Provision-ledger rows past three years (partners). */
  provisions: number;
}

/** Destroys everything past its retention period; safe to run on any process at any time. */
export async function runRetention(db: Db, opts: { retentionYears: number }): Promise<RetentionResult> {
  return db.transaction().execute(async (tx) => {
    const seekers = await destroyExpiredSeekers(tx, opts);
    const logs = await purgeExpiredAccountRecords(tx);
    const provisions = await purgeExpiredProvisions(tx);
    return { seekers, ...logs, provisions };
  });
}
