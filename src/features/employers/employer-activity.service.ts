import { type SqlBool, sql } from 'kysely';
import { can } from '../../platform/access/policy.ts';
import { recordAccesses } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/http/actor.ts';
import '../employments/employments.tables.ts';
import type { ReferralStatus } from '../referrals/referrals.service.ts';
import { seekerFullySeen } from '../seekers/lifecycle.service.ts';

// What a counsellor or outreach officer sees of a company's activity on its staff page
// (/staff/employers/{id}) besides its postings (postings.search.ts): the referrals to them and
// the hires recorded with it, each within the actor's own rights, like the APIs that list them.

/** SQL: the referral (as r, with its seeker joined as s) lies in the actor's scope, as GET /referrals has it. */
function referralInScope(actor: Actor) {
  if (actor.centreScope === null) return sql<SqlBool>`true`;
  if (actor.centreScope.length === 0) return sql<SqlBool>`false`;
  const scope = sql.join(actor.centreScope);
  return sql<SqlBool>`(r.centre_id = ANY(ARRAY[${scope}]::uuid[]) OR s.centre_id = ANY(ARRAY[${scope}]::uuid[]))`;
}

/**
 * Referrals to the employer's postings counted by status, over the referrals the actor may
 * list (null without `referrals.read`). Counts only: no seeker is shown, so nothing is logged.
 */
export async function employerReferralCounts(
  db: Db,
  actor: Actor,
  employerId: string,
): Promise<Partial<Record<ReferralStatus, number>> | null> {
  if (!can(actor, 'referrals.read')) return null;
  const rows = await db
    .selectFrom('referrals as r')
    .innerJoin('postings as p', 'p.id', 'r.posting_id')
    .innerJoin('seekers as s', 's.id', 'r.seeker_id')
    .select(['r.status', sql<number>`count(*)::int`.as('n')])
    .where('p.employer_id', '=', employerId)
    .where(referralInScope(actor))
    .groupBy('r.status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Hires recorded with the employer (named by its id, or through one of its postings), newest
 * start first, of the seekers the actor sees in full; repeats marked by migration 5002 are left
 * out. Null without `employments.read`. Each seeker shown is access-logged as a view.
 */
export async function employerHires(
  db: Db,
  actor: Actor,
  employerId: string,
  opts: { limit: number; ip: string | null },
) {
  if (!can(actor, 'employments.read')) return null;
  const base = db
    .selectFrom('employments as e')
    .innerJoin('seekers', 'seekers.id', 'e.seeker_id')
    .leftJoin('postings as p', 'p.id', 'e.posting_id')
    .where((eb) => eb.or([eb('e.employer_id', '=', employerId), eb('p.employer_id', '=', employerId)]))
    .where('e.duplicate_of', 'is', null)
    .where(seekerFullySeen(actor));
  const [rows, total] = await Promise.all([
    base
      .select([
        'e.id',
        'e.seeker_id',
        'seekers.name as seeker_name',
        'seekers.registration_no',
        'seekers.centre_id',
        'e.start_date',
        'e.route',
        'e.employment_type',
        'e.posting_id',
        'p.title as posting_title',
      ])
      .orderBy('e.start_date', 'desc')
      .orderBy('e.id', 'desc')
      .limit(opts.limit)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  await recordAccesses(
    db,
    [...new Map(rows.map((r) => [r.seeker_id, r.centre_id])).entries()].map(([id, centreId]) => ({
      actor,
      ip: opts.ip,
      action: 'view' as const,
      subjectType: 'seeker',
      subjectId: id,
      centreId,
    })),
  );
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      seekerId: r.seeker_id,
      seekerName: r.seeker_name,
      registrationNo: r.registration_no,
      startDate: r.start_date,
      route: r.route,
      employmentType: r.employment_type,
      postingId: r.posting_id,
      postingTitle: r.posting_title,
    })),
  };
}

/** The name of the counsellor assigned to the employer, if any. */
export async function counsellorName(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const u = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return u?.name ?? null;
}
