import type { Db } from '../../platform/db/pool.ts';

/** The seeker a referral was made for, or undefined when there is no such referral. */
export async function referralSeekerId(db: Db, referralId: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('referrals')
    .select('seeker_id')
    .where('id', '=', referralId)
    .executeTakeFirst();
  return r?.seeker_id;
}
