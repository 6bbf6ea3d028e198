import { sql } from 'kysely';
import { can } from '../../platform/access/policy.ts';
import { recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { postingEmployers } from '../postings/postings.relations.service.ts';
import { seekersFullySeen } from '../seekers/seekers.relations.service.ts';

/**
 * Hires recorded with an employer (named by its id, or through one of its postings), newest
 * start first, of the seekers the actor sees in full; repeats marked by migration 5002 are left
 * out. Null without `employments.read`. Each seeker shown is access-logged as a view. For the
 * company's staff page: two statements (the page and its total) and the access-log rows.
 */
export async function hiresWithEmployer(ctx: RequestContext, o: { employerId: string; limit: number }) {
  const { db, actor } = ctx;
  if (!can(actor, 'employments.read')) return null;
  const base = db
    .selectFrom('employments as e')
    .innerJoin(seekersFullySeen(actor, 's'), 's.id', 'e.seeker_id')
    .leftJoin(postingEmployers('p'), 'p.id', 'e.posting_id')
    .where((eb) => eb.or([eb('e.employer_id', '=', o.employerId), eb('p.employer_id', '=', o.employerId)]))
    .where('e.duplicate_of', 'is', null);
  const [rows, total] = await Promise.all([
    base
      .select([
        'e.id',
        'e.seeker_id',
        's.name as seeker_name',
        's.registration_no',
        's.centre_id',
        'e.start_date',
        'e.route',
        'e.employment_type',
        'e.posting_id',
        'p.title as posting_title',
      ])
      .orderBy('e.start_date', 'desc')
      .orderBy('e.id', 'desc')
      .limit(o.limit)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  await recordSeekerViews(
    db,
    ctx,
    rows.map((r) => ({ id: r.seeker_id, centreId: r.centre_id })),
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
