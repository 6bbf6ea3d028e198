import { type SqlBool, sql } from 'kysely';
import { can } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { postingEmployers } from '../postings/postings.relations.service.ts';
import { seekerCentres } from '../seekers/seekers.relations.service.ts';
import type { ReferralStatus } from './referrals.tables.ts';

/** SQL: the referral (r, its seeker's centre as s) lies in the actor's scope, as GET /referrals has it. */
function referralInScope(ctx: Pick<RequestContext, 'actor'>) {
  const { centreScope } = ctx.actor;
  if (centreScope === null) return sql<SqlBool>`true`;
  if (centreScope.length === 0) return sql<SqlBool>`false`;
  const scope = sql.join(centreScope);
  return sql<SqlBool>`(r.centre_id = ANY(ARRAY[${scope}]::uuid[]) OR s.centre_id = ANY(ARRAY[${scope}]::uuid[]))`;
}

/**
 * Referrals to an employer's postings counted by status, over the referrals the actor may list
 * (null without `referrals.read`); for the company's staff page. Counts only: no seeker is
 * shown, so nothing is logged. One statement.
 */
export async function referralCountsForEmployer(
  ctx: RequestContext,
  o: { employerId: string },
): Promise<Partial<Record<ReferralStatus, number>> | null> {
  if (!can(ctx.actor, 'referrals.read')) return null;
  const rows = await ctx.db
    .selectFrom('referrals as r')
    .innerJoin(postingEmployers('p'), 'p.id', 'r.posting_id')
    .innerJoin(seekerCentres('s'), 's.id', 'r.seeker_id')
    .select(['r.status', sql<number>`count(*)::int`.as('n')])
    .where('p.employer_id', '=', o.employerId)
    .where(referralInScope(ctx))
    .groupBy('r.status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
