import type { Db } from '../../platform/db/pool.ts';

// Small lookups of postings for other features' checks (an import row, a referral, a hire),
// whoever may see the posting: the caller decides what to answer.

/** Whether a posting with this id exists (imports and hires check the ids they name). */
export async function postingExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('postings').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** A posting's state, closing day and centre (who may refer to it, or rank seekers for it). */
export async function postingState(db: Db, id: string) {
  return db
    .selectFrom('postings')
    .select(['id', 'status', 'closes_at', 'centre_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The terms a hire through a referral to the posting takes over: employer, type and wage. */
export async function postingHireTerms(db: Db, id: string) {
  return db
    .selectFrom('postings')
    .select(['id', 'employer_id', 'employment_type', 'wage_type', 'wage_min'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A posting's title (the employer's answer page names the posting). */
export async function postingTitle(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('postings').select('title').where('id', '=', id).executeTakeFirstOrThrow();
  return row.title;
}
