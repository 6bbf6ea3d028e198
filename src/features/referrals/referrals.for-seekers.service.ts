import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

// What the seekers feature reads of a seeker's referrals (its export, its total-care rule and
// queue), owned here. Nothing in this file imports the seekers feature.

/** A seeker's referrals for the data-subject export (oldest first). */
export async function referralsForExport(db: Db, seekerId: string) {
  return db
    .selectFrom('referrals')
    .select(['id', 'posting_id', 'status', 'note', 'created_at', 'closed_at'])
    .where('seeker_id', '=', seekerId)
    .orderBy('created_at')
    .execute();
}

/** SQL: how many referrals (any status) the seeker (`seekerId`, an expression) has had. */
export function referralCountOf(seekerId: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(SELECT count(*) FROM referrals r WHERE r.seeker_id = ${seekerId})`;
}
