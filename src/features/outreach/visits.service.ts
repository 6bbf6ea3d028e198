import { sql } from 'kysely';
import { findOccupation } from '../../codes/occupations.ts';
import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { DomainError, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreInScope } from '../accounts/centres.service.ts';
import { userNames, userRoleAndCentre } from '../accounts/user-lookups.service.ts';
import {
  type EmployerInput,
  employerLabels,
  employerPlaces,
  findEmployerRef,
  insertProspect,
} from '../employers/employers.service.ts';
import { createOutreachDrafts, type DiscoveredJob } from '../postings/outreach-drafts.service.ts';
import {
  DIFFICULTY_CATEGORIES,
  type DifficultyCategory,
  nameOf,
  VISIT_STATUSES,
  type VisitStatus,
} from './outreach.codes.ts';
import { inCentres } from './outreach.scope.ts';
import type { VisitSurvey } from './outreach.tables.ts';
import './outreach.messages.ts';

/** What outreach use cases get: the request context and the key that encrypts company contacts. */
export interface OutreachCtx extends RequestContext {
  dataKey: Buffer;
}

/** A list of visits covers at most this many days. */
export const VISIT_LIST_MAX_DAYS = 400;

const STAFF = new Set(['admin', 'manager', 'counsellor', 'outreach']);

/** The centre a new outreach record belongs to: the actor's, or for national admins the one named. */
export async function recordCentre(
  db: RequestContext['db'],
  actor: Actor,
  centreId: string | undefined,
): Promise<string> {
  if (centreId && !(await centreInScope(db, actor, centreId))) throw notFound('calendar.centreNotFound');
  const id = centreId ?? actor.centreId;
  if (!id) throw invalid([{ field: 'centreId', key: 'outreach.centreRequired' }]);
  return id;
}

/** The employer a record names (404 naming the field when there is none). */
export async function requireEmployer(ctx: { db: RequestContext['db'] }, id: string, field = 'employerId') {
  const e = await findEmployerRef(ctx.db, { id });
  if (!e) throw new DomainError('not_found', 'employer.notFound', {}, [{ field, key: 'employer.notFound' }]);
  return e;
}

export interface VisitPlanInput {
  employerId?: string;
  /** A company not yet registered: registered first as an employer marked prospect. */
  employer?: EmployerInput;
  plannedAt: string;
  teamUserIds?: string[];
  purpose?: string | null;
  centreId?: string;
}

type VisitRow = {
  id: string;
  centre_id: string;
  employer_id: string;
  planned_at: Date;
  team_user_ids: string[];
  purpose: string | null;
  status: VisitStatus;
  held_at: Date | null;
  survey: VisitSurvey | null;
  cancel_reason: string | null;
  created_at: Date;
};

function presentVisit(v: VisitRow, employerName: string | null, lang: RequestContext['lang']) {
  return {
    id: v.id,
    centreId: v.centre_id,
    employerId: v.employer_id,
    employerName,
    plannedAt: v.planned_at.toISOString(),
    teamUserIds: v.team_user_ids,
    purpose: v.purpose,
    status: v.status,
    statusName: nameOf(VISIT_STATUSES, v.status, lang),
    heldAt: v.held_at ? v.held_at.toISOString() : null,
    survey: v.survey,
    cancelReason: v.cancel_reason,
  };
}

async function checkTeam(ctx: RequestContext, centreId: string, ids: string[], problems: FieldProblem[]) {
  for (const [i, id] of ids.entries()) {
    const u = await userRoleAndCentre(ctx.db, id);
    if (!u || !STAFF.has(u.role) || (u.centreId !== centreId && !inScope(ctx.actor, u.centreId))) {
      problems.push({ field: `teamUserIds.${i}`, key: 'visit.teamMember' });
    }
  }
}

/**
 * Plans a company visit (API: POST /outreach/visits). The company is named by `employerId`, or
 * given as `employer` when it is not registered yet: it is registered first, marked prospect,
 * in the same transaction as the visit.
 */
export async function planVisit(ctx: OutreachCtx, o: VisitPlanInput) {
  authorize(ctx.actor, 'outreach.write');
  const centreId = await recordCentre(ctx.db, ctx.actor, o.centreId);
  const problems: FieldProblem[] = [];
  if (!o.employerId === !o.employer) problems.push({ field: 'employerId', key: 'outreach.employerOrNew' });
  const planned = new Date(o.plannedAt);
  if (Number.isNaN(planned.getTime())) problems.push({ field: 'plannedAt', key: 'field.invalid' });
  const team = [...new Set(o.teamUserIds ?? [ctx.actor.userId])];
  await checkTeam(ctx, centreId, team, problems);
  if (problems.length) throw invalid(problems);
  const known = o.employerId ? await requireEmployer(ctx, o.employerId) : null;
  const row = await ctx.db.transaction().execute(async (tx) => {
    const employer =
      known ?? (await insertProspect(tx, ctx, ctx.actor, o.employer as EmployerInput, centreId, 'employer.'));
    const v = await tx
      .insertInto('outreach_visits')
      .values({
        id: uuidv7(),
        centre_id: centreId,
        employer_id: employer.id,
        planned_at: planned,
        team_user_ids: team,
        purpose: o.purpose?.trim() || null,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { v, name: employer.name };
  });
  return presentVisit(row.v, row.name, ctx.lang);
}

async function loadVisit(ctx: RequestContext, id: string) {
  const v = await ctx.db.selectFrom('outreach_visits').selectAll().where('id', '=', id).executeTakeFirst();
  if (!v || !inScope(ctx.actor, v.centre_id)) throw notFound('visit.notFound');
  return v;
}

/** One visit with its difficulties and discovered jobs (API: GET /outreach/visits/{id}). */
export async function getVisit(ctx: RequestContext, o: { id: string }) {
  authorize(ctx.actor, 'outreach.read');
  const v = await loadVisit(ctx, o.id);
  const [difficulties, jobs, labels, team] = await Promise.all([
    ctx.db
      .selectFrom('outreach_difficulties')
      .select(['id', 'category', 'description'])
      .where('visit_id', '=', v.id)
      .orderBy('position')
      .execute(),
    ctx.db
      .selectFrom('outreach_jobs')
      .select([
        'id',
        'title',
        'occupation_code',
        'headcount',
        'employment_type',
        'wage_type',
        'wage_min',
        'posting_id',
      ])
      .where('visit_id', '=', v.id)
      .orderBy('position')
      .execute(),
    employerLabels(ctx.db, [v.employer_id]),
    userNames(ctx.db, v.team_user_ids),
  ]);
  return {
    ...presentVisit(v, labels.get(v.employer_id)?.name ?? null, ctx.lang),
    team: v.team_user_ids.map((id) => ({ id, name: team.get(id) ?? null })),
    difficulties: difficulties.map((d) => ({
      id: d.id,
      category: d.category,
      categoryName: nameOf(DIFFICULTY_CATEGORIES, d.category, ctx.lang),
      description: d.description,
    })),
    jobsDiscovered: jobs.map((j) => ({
      id: j.id,
      title: j.title,
      occupationCode: j.occupation_code,
      headcount: j.headcount,
      employmentType: j.employment_type,
      wageType: j.wage_type,
      wageMin: j.wage_min,
      postingId: j.posting_id,
    })),
  };
}

export interface VisitReportInput {
  id: string;
  heldAt: string;
  survey?: VisitSurvey | null;
  difficulties?: { category: DifficultyCategory; description: string }[];
  jobsDiscovered?: DiscoveredJob[];
}

/**
 * Logs a planned visit as held (API: POST /outreach/visits/{id}/report): the survey, the
 * difficulties by category, and the jobs discovered, each becoming a posting draft (source
 * outreach) that a counsellor completes and opens. All in one transaction; a visit already
 * reported or cancelled answers 409 `visit.notPlanned`.
 */
export async function reportVisit(ctx: OutreachCtx, o: VisitReportInput) {
  authorize(ctx.actor, 'outreach.write');
  const v = await loadVisit(ctx, o.id);
  const problems: FieldProblem[] = [];
  const held = new Date(o.heldAt);
  if (Number.isNaN(held.getTime())) problems.push({ field: 'heldAt', key: 'field.invalid' });
  else if (held.getTime() > Date.now() + 5 * 60_000)
    problems.push({ field: 'heldAt', key: 'visit.heldInFuture' });
  const difficulties = (o.difficulties ?? []).map((d) => ({ ...d, description: d.description.trim() }));
  difficulties.forEach((d, i) => {
    if (!d.description) problems.push({ field: `difficulties.${i}.description`, key: 'field.required' });
  });
  const jobs = o.jobsDiscovered ?? [];
  jobs.forEach((j, i) => {
    if (!j.title.trim()) problems.push({ field: `jobsDiscovered.${i}.title`, key: 'field.required' });
    const occ = findOccupation(j.occupationCode, '2018');
    if (occ?.level !== 4) {
      problems.push({
        field: `jobsDiscovered.${i}.occupationCode`,
        key: 'field.code',
        params: { code: j.occupationCode },
      });
    }
  });
  if (problems.length) throw invalid(problems);
  const employer = (await employerPlaces(ctx.db, [v.employer_id])).get(v.employer_id);
  await ctx.db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('outreach_visits')
      .set({
        status: 'held',
        held_at: held,
        survey: o.survey ? JSON.stringify(o.survey) : null,
        reported_by: ctx.actor.userId,
        reported_at: new Date(),
      })
      .where('id', '=', v.id)
      .where('status', '=', 'planned')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw visitNotPlanned(v.status);
    if (difficulties.length) {
      await tx
        .insertInto('outreach_difficulties')
        .values(
          difficulties.map((d, i) => ({
            id: uuidv7(),
            visit_id: v.id,
            position: i,
            centre_id: v.centre_id,
            employer_id: v.employer_id,
            category: d.category,
            description: d.description,
          })),
        )
        .execute();
    }
    const postingIds = await createOutreachDrafts(tx, ctx.actor, {
      employerId: v.employer_id,
      employerName: employer?.name ?? '',
      centreId: v.centre_id,
      regionCode: employer?.regionCode ?? '',
      jobs,
    });
    if (jobs.length) {
      await tx
        .insertInto('outreach_jobs')
        .values(
          jobs.map((j, i) => ({
            id: uuidv7(),
            visit_id: v.id,
            position: i,
            centre_id: v.centre_id,
            employer_id: v.employer_id,
            title: j.title.trim(),
            occupation_code: j.occupationCode,
            headcount: j.headcount,
            employment_type: j.employmentType ?? null,
            wage_type: j.wageType ?? null,
            wage_min: j.wageMin ?? null,
            posting_id: postingIds[i] as string,
          })),
        )
        .execute();
    }
  });
  return getVisit(ctx, { id: v.id });
}

function visitNotPlanned(status: string) {
  return new DomainError('conflict', 'visit.notPlanned', { status }, [
    { field: 'status', key: 'visit.notPlanned', params: { status } },
  ]);
}

/** Cancels a planned visit with an optional reason (API: POST /outreach/visits/{id}/cancel). */
export async function cancelVisit(ctx: RequestContext, o: { id: string; reason?: string | null }) {
  authorize(ctx.actor, 'outreach.write');
  const v = await loadVisit(ctx, o.id);
  const done = await ctx.db
    .updateTable('outreach_visits')
    .set({ status: 'cancelled', cancel_reason: o.reason?.trim() || null })
    .where('id', '=', v.id)
    .where('status', '=', 'planned')
    .returningAll()
    .executeTakeFirst();
  if (!done) throw visitNotPlanned(v.status);
  const labels = await employerLabels(ctx.db, [v.employer_id]);
  return presentVisit(done, labels.get(v.employer_id)?.name ?? null, ctx.lang);
}

/**
 * Visits of the actor's centres (API: GET /outreach/visits?from=&to=&employerId=&status=):
 * planned ones by their planned day, held ones by the day held; newest first, paged.
 */
export async function listVisits(
  ctx: RequestContext,
  o: { from?: string; to?: string; employerId?: string; status?: VisitStatus; offset: number; limit: number },
) {
  authorize(ctx.actor, 'outreach.read');
  const problems: FieldProblem[] = [];
  if (o.from !== undefined && !isRealDate(o.from)) problems.push({ field: 'from', key: 'field.date' });
  if (o.to !== undefined && !isRealDate(o.to)) problems.push({ field: 'to', key: 'field.date' });
  if (problems.length) throw invalid(problems);
  const when = sql<Date>`coalesce(v.held_at, v.planned_at)`;
  let q = ctx.db.selectFrom('outreach_visits as v');
  q = q.where(inCentres(ctx.actor, 'v.centre_id'));
  if (o.from) q = q.where(when, '>=', sql<Date>`(${o.from}::date::timestamp AT TIME ZONE 'Asia/Seoul')`);
  if (o.to) q = q.where(when, '<', sql<Date>`((${o.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')`);
  if (o.employerId) q = q.where('v.employer_id', '=', o.employerId);
  if (o.status) q = q.where('v.status', '=', o.status);
  const [rows, total] = await Promise.all([
    q
      .selectAll('v')
      .select((eb) => [
        eb
          .selectFrom('outreach_jobs as j')
          .whereRef('j.visit_id', '=', 'v.id')
          .select(sql<number>`coalesce(sum(j.headcount), 0)::int`.as('n'))
          .as('jobs_headcount'),
        eb
          .selectFrom('outreach_difficulties as d')
          .whereRef('d.visit_id', '=', 'v.id')
          .select(sql<number>`count(*)::int`.as('n'))
          .as('difficulty_count'),
      ])
      .orderBy(when, 'desc')
      .orderBy('v.id', 'desc')
      .offset(o.offset)
      .limit(o.limit)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const labels = await employerLabels(
    ctx.db,
    rows.map((r) => r.employer_id),
  );
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      ...presentVisit(r, labels.get(r.employer_id)?.name ?? null, ctx.lang),
      jobsHeadcount: Number(r.jobs_headcount ?? 0),
      difficultyCount: Number(r.difficulty_count ?? 0),
    })),
  };
}
