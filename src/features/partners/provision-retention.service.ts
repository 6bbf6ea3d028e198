import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import './partners.tables.ts';

/** How long a provision to a third party stays in the ledger (migration 20261209_0701). */
export const PROVISION_RETENTION_YEARS = 3;

/**
 * Destroys ledger rows past their period, in the caller's transaction (the retention job's):
 * the ledger's trigger lets these deletes through only with this flag and only for old rows.
 */
export async function purgeExpiredProvisions(db: Db): Promise<number> {
  await sql`SET LOCAL ilteo.retention = 'on'`.execute(db);
  const r = await db
    .deleteFrom('partner_provisions')
    .where('at', '<', sql<Date>`now() - make_interval(years => ${PROVISION_RETENTION_YEARS})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
