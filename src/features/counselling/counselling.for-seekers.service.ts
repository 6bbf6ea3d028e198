import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

// What the seekers feature reads of a seeker's counselling records (its export, its search
// tokens, its care queue), owned here. Nothing in this file imports the seekers feature.

/** A seeker's counselling records for the data-subject export (oldest first). */
export async function counsellingForExport(db: Db, seekerId: string) {
  return db
    .selectFrom('counselling')
    .select(['id', 'at', 'channel', 'type', 'title', 'notes', 'next_contact_at', 'desk_session_id'])
    .where('seeker_id', '=', seekerId)
    .orderBy('at')
    .execute();
}

/** Titles of the seeker's counselling records (indexed for search). */
export async function counsellingTitlesOf(db: Db, seekerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('counselling')
    .select('title')
    .where('seeker_id', '=', seekerId)
    .where('title', 'is not', null)
    .execute();
  return rows.map((r) => r.title ?? '');
}

/** SQL: when the seeker (`seekerId`, an expression of the caller's query) was last counselled. */
export function lastCounsellingAt(seekerId: RawBuilder<unknown>): RawBuilder<Date | null> {
  return sql<Date | null>`(SELECT max(c.at) FROM counselling c WHERE c.seeker_id = ${seekerId})`;
}

/** SQL: the seeker's next contact still ahead, from its counselling records. */
export function nextContactAt(seekerId: RawBuilder<unknown>): RawBuilder<Date | null> {
  return sql<Date | null>`(SELECT min(c.next_contact_at) FROM counselling c WHERE c.seeker_id = ${seekerId} AND c.next_contact_at >= now())`;
}
