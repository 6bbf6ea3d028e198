import { recordSeekerAccess, recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { type FieldProblem, invalid } from '../../platform/errors.ts';
import { findEmployerRef } from '../employers/employers.service.ts';
import { postingExists } from '../postings/posting-lookups.service.ts';
import { referralSeekerId } from '../referrals/referral-lookups.service.ts';
import { requireSeeker } from '../seekers/seekers.service.ts';
import { addMonths, recordEmployment } from './employments.record.ts';
import './employments.messages.ts';
import './employments.tables.ts';
import { maskRrn, rrnWarnings } from '../../platform/domain/validate.ts';

export {
  addMonths,
  type EmploymentInput,
  FOLLOWUP_MONTHS,
  type RecordOptions,
  recordEmployment,
  recordEmployments,
} from './employments.record.ts';

/** Today's calendar date in Asia/Seoul. */
export function seoulToday(now = Date.now()): string {
  return new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Body of POST /employments (see employments.schema.ts). */
export interface EmploymentCreate {
  seekerId: string;
  employerId?: string;
  employerName?: string;
  postingId?: string;
  referralId?: string;
  startDate: string;
  route: 'referral' | 'self' | 'event' | 'public_job';
  employmentType?: string;
  wageType?: 'D' | 'H' | 'M' | 'Y';
  wage?: number;
}

/**
 * POST /employments: a hire found by any route, with follow-ups; 400 names every bad field,
 * 409 (with existingId) when the seeker's hire at this employer on this day is already recorded.
 */
export async function createEmployment(ctx: RequestContext, body: EmploymentCreate) {
  const { actor, ip } = ctx;
  return ctx.db.transaction().execute(async (tx) => {
    const problems: FieldProblem[] = [];
    const { seeker } = await requireSeeker({ db: tx, actor }, body.seekerId, 'employ', {
      notFound: 'employment.seekerNotFound',
    });
    let employerName = body.employerName?.trim() ?? '';
    if (body.employerId) {
      const e = await findEmployerRef(tx, { id: body.employerId });
      if (!e) problems.push({ field: 'employerId', key: 'employment.employerNotFound' });
      else employerName ||= e.name;
    } else if (!employerName) problems.push({ field: 'employerName', key: 'field.required' });
    if (body.startDate > addMonths(seoulToday(), 12) || Number.isNaN(Date.parse(body.startDate))) {
      problems.push({ field: 'startDate', key: 'employment.startDate' });
    }
    if (body.postingId) {
      if (!(await postingExists(tx, body.postingId)))
        problems.push({ field: 'postingId', key: 'employment.postingNotFound' });
    }
    if (body.referralId) {
      const [referralSeeker, used] = await Promise.all([
        referralSeekerId(tx, body.referralId),
        tx
          .selectFrom('employments')
          .select('id')
          .where('referral_id', '=', body.referralId)
          .executeTakeFirst(),
      ]);
      if (referralSeeker !== body.seekerId)
        problems.push({ field: 'referralId', key: 'employment.referralNotFound' });
      else if (used) problems.push({ field: 'referralId', key: 'employment.referralUsed' });
    }
    if (body.wage !== undefined && body.wageType === undefined)
      problems.push({ field: 'wageType', key: 'field.required' });
    if (problems.length) throw invalid(problems);
    const id = await recordEmployment(
      tx,
      {
        seekerId: seeker.id,
        centreId: seeker.centre_id,
        employerId: body.employerId ?? null,
        employerName,
        postingId: body.postingId,
        referralId: body.referralId,
        startDate: body.startDate,
        route: body.route,
        employmentType: body.employmentType,
        wageType: body.wageType,
        wage: body.wage,
        createdBy: actor.userId,
      },
      { onRepeat: 'refuse' },
    );
    await recordSeekerAccess(tx, { actor, ip }, 'create', seeker);
    const warned = maskRrn(body.employerName ?? '').masked ? ['employerName'] : [];
    return { ...(await getEmployment(tx, id)), warnings: rrnWarnings(warned) };
  });
}

/** The API shape of an employment. */
export async function getEmployment(db: Db, id: string) {
  const e = await db.selectFrom('employments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return present(e);
}

function present(e: {
  id: string;
  seeker_id: string;
  centre_id: string;
  employer_id: string | null;
  employer_name: string;
  posting_id: string | null;
  referral_id: string | null;
  start_date: string;
  route: string;
  employment_type: string | null;
  wage_type: string | null;
  wage: number | null;
  duplicate_of: string | null;
  created_at: Date;
}) {
  return {
    id: e.id,
    seekerId: e.seeker_id,
    centreId: e.centre_id,
    employerId: e.employer_id,
    employerName: e.employer_name,
    postingId: e.posting_id,
    referralId: e.referral_id,
    startDate: e.start_date,
    route: e.route,
    employmentType: e.employment_type,
    wageType: e.wage_type,
    wage: e.wage,
    duplicateOf: e.duplicate_of,
    createdAt: e.created_at.toISOString(),
  };
}

/** GET /employments?seekerId=: employments in the actor's centres, newest start first. */
export async function listEmployments(
  ctx: RequestContext,
  q: { seekerId?: string; offset: number; limit: number },
) {
  const { db, actor } = ctx;
  if (q.seekerId)
    await requireSeeker({ db, actor }, q.seekerId, 'employ', { notFound: 'employment.seekerNotFound' });
  let base = db.selectFrom('employments');
  if (q.seekerId) base = base.where('seeker_id', '=', q.seekerId);
  else if (actor.centreScope !== null) base = base.where('centre_id', 'in', actor.centreScope as string[]);
  const [{ n }] = (await base.select((e) => e.fn.countAll<number>().as('n')).execute()) as [{ n: number }];
  const rows = await base
    .selectAll()
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  await recordSeekerViews(
    db,
    ctx,
    rows.map((r) => ({ id: r.seeker_id, centreId: r.centre_id })),
  );
  return { items: rows.map(present), total: Number(n) };
}
