import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

// What the seekers feature reads of a seeker's employments (its export, its total-care rule and
// queue), owned here. Nothing in this file imports the seekers feature.

/** A seeker's employments for the data-subject export (oldest start first). */
export async function employmentsForExport(db: Db, seekerId: string) {
  return db
    .selectFrom('employments')
    .select(['id', 'employer_name', 'start_date', 'route', 'employment_type', 'wage_type', 'wage'])
    .where('seeker_id', '=', seekerId)
    .orderBy('start_date')
    .execute();
}

/** SQL: the seeker (`seekerId`, an expression of the caller's query) has an employment record. */
export function hasEmployment(seekerId: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM employments e WHERE e.seeker_id = ${seekerId})`;
}
