import { type SqlBool, sql } from 'kysely';
import { can } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
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

/**
 * Open referrals (statuses `statuses`) per posting, as SQL text for a raw client's COPY: rows
 * of (posting_id, count). The matching index marks postings with open referrals.
 */
export function openReferralCountsSql(statuses: readonly string[]): string {
  const list = statuses.map((s) => `'${s.replace(/'/g, "''")}'`).join(',');
  return `SELECT posting_id, count(*) FROM referrals WHERE status IN (${list}) GROUP BY posting_id`;
}

/** Open referrals (statuses `statuses`) of each posting among `postingIds`; absent = none. */
export async function openReferralCounts(
  db: Db,
  postingIds: readonly string[],
  statuses: readonly string[],
): Promise<Map<string, number>> {
  if (postingIds.length === 0) return new Map();
  const r = await sql<{ id: string; n: number }>`
    SELECT posting_id::text AS id, count(*)::int AS n FROM referrals
    WHERE posting_id = ANY(${postingIds}::uuid[]) AND status = ANY(${statuses}::text[])
    GROUP BY posting_id`.execute(db);
  return new Map(r.rows.map((x) => [x.id, Number(x.n)]));
}

/** The postings the referrals among `referralIds` were made to (each once). */
export async function postingsOfReferrals(db: Db, referralIds: readonly string[]): Promise<string[]> {
  if (referralIds.length === 0) return [];
  const r = await sql<{ id: string }>`
    SELECT DISTINCT posting_id::text AS id FROM referrals WHERE id = ANY(${referralIds}::uuid[])`.execute(db);
  return r.rows.map((x) => x.id);
}
