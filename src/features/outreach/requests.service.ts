import { type Selectable, sql } from 'kysely';
import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { seoulDate } from '../../platform/domain/dates.ts';
import { DomainError, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreNames } from '../accounts/centres.service.ts';
import { type ClosedDaysChange, dueAfter, onClosedDaysAdded } from '../calendar/calendar.service.ts';
import { employerLabels } from '../employers/employers.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { requireDepartment } from './departments.service.ts';
import {
  NEXT_REQUEST_STATUSES,
  nameOf,
  OPEN_REQUEST_STATUSES,
  REQUEST_CATEGORIES,
  REQUEST_LIMIT_DAYS,
  REQUEST_STATUSES,
  type RequestCategory,
  type RequestStatus,
} from './outreach.codes.ts';
import { inCentres } from './outreach.scope.ts';
import type { AdminRequestTable } from './outreach.tables.ts';
import { recordCentre, requireEmployer } from './visits.service.ts';
import './outreach.messages.ts';

type Row = Omit<Selectable<AdminRequestTable>, 'created_at'>;

/** The due time of a request received at `receivedAt` (민원처리법 counting, national holidays). */
function dueOf(db: Db, receivedAt: Date, category: RequestCategory): Promise<Date> {
  return dueAfter({ db }, { receivedAt, days: REQUEST_LIMIT_DAYS[category] });
}

const isEmployer = (a: Actor) => a.role === 'employer';
const isDepartment = (a: Actor) => a.role === 'department';
/** Stands in for a missing binding: matches no row. */
const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Moves a 부서 담당자 may make: take a request up and answer it; routing and closing stay with staff. */
const DEPARTMENT_MOVES: readonly RequestStatus[] = ['in_progress', 'answered'];

/** Whose requests an actor reads: a company's users its own, a 부서 담당자 its department's, staff their centres'. */
function visibleTo(actor: Actor, r: Pick<Row, 'employer_id' | 'department_id' | 'centre_id'>): boolean {
  if (isEmployer(actor)) return r.employer_id === actor.employerId;
  if (isDepartment(actor)) return r.department_id === actor.departmentId;
  return inScope(actor, r.centre_id);
}

async function present(db: Db, rows: readonly Row[], lang: RequestContext['lang'], now = new Date()) {
  const [labels, departments] = await Promise.all([
    employerLabels(
      db,
      rows.map((r) => r.employer_id),
    ),
    db
      .selectFrom('departments')
      .select(['id', 'name', 'phone'])
      .where(sql<boolean>`id = ANY(${[...new Set(rows.map((r) => r.department_id))]}::uuid[])`)
      .execute(),
  ]);
  const dept = new Map(departments.map((d) => [d.id, d]));
  return rows.map((r) => {
    const due = new Date(r.due_at);
    const open = OPEN_REQUEST_STATUSES.includes(r.status);
    return {
      id: r.id,
      centreId: r.centre_id,
      employerId: r.employer_id,
      employerName: labels.get(r.employer_id)?.name ?? null,
      visitId: r.visit_id,
      category: r.category,
      categoryName: nameOf(REQUEST_CATEGORIES, r.category, lang),
      description: r.description,
      departmentId: r.department_id,
      departmentName: dept.get(r.department_id)?.name ?? null,
      departmentPhone: dept.get(r.department_id)?.phone ?? null,
      status: r.status,
      statusName: nameOf(REQUEST_STATUSES, r.status, lang),
      receivedAt: new Date(r.received_at).toISOString(),
      dueAt: due.toISOString(),
      overdue: open && due.getTime() < now.getTime(),
      answer: r.answer,
      answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
      onTime: r.answered_at ? new Date(r.answered_at).getTime() <= due.getTime() : null,
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    };
  });
}

const COLUMNS = [
  'id',
  'centre_id',
  'employer_id',
  'visit_id',
  'category',
  'description',
  'department_id',
  'status',
  'received_at',
  'due_at',
  'answer',
  'answered_at',
  'closed_at',
  'created_by',
] as const;

export interface RequestInput {
  employerId: string;
  visitId?: string | null;
  category: RequestCategory;
  description: string;
  departmentId: string;
  centreId?: string;
}

/**
 * Routes a company's administrative request to a department (API: POST /outreach/requests):
 * due in the category's limit counted by the calendar (working days or office hours, holidays
 * left out), with its first event `routed`, in one transaction.
 */
export async function createRequest(ctx: RequestContext, o: RequestInput) {
  authorize(ctx.actor, 'outreach.write');
  const centreId = await recordCentre(ctx.db, ctx.actor, o.centreId);
  const description = o.description.trim();
  const problems: FieldProblem[] = [];
  if (!description) problems.push({ field: 'description', key: 'field.required' });
  if (problems.length) throw invalid(problems);
  await requireEmployer(ctx, o.employerId);
  const department = await requireDepartment(ctx, o.departmentId);
  if (o.visitId) {
    const v = await ctx.db
      .selectFrom('outreach_visits')
      .select(['employer_id', 'centre_id'])
      .where('id', '=', o.visitId)
      .executeTakeFirst();
    if (!v || !inScope(ctx.actor, v.centre_id)) {
      throw new DomainError('not_found', 'visit.notFound', {}, [{ field: 'visitId', key: 'visit.notFound' }]);
    }
    if (v.employer_id !== o.employerId) throw invalid([{ field: 'visitId', key: 'request.visitEmployer' }]);
  }
  const receivedAt = new Date();
  const dueAt = await dueOf(ctx.db, receivedAt, o.category);
  const row = await ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .insertInto('admin_requests')
      .values({
        id: uuidv7(),
        centre_id: centreId,
        employer_id: o.employerId,
        visit_id: o.visitId ?? null,
        category: o.category,
        description,
        department_id: department.id,
        received_at: receivedAt,
        due_at: dueAt,
        created_by: ctx.actor.userId,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('admin_request_events')
      .values({
        id: uuidv7(),
        request_id: r.id,
        centre_id: centreId,
        actor_id: ctx.actor.userId,
        status: 'routed',
        department_id: department.id,
        note: `${department.name} 배정`,
      })
      .execute();
    return r;
  });
  return (await present(ctx.db, [row], ctx.lang))[0]!;
}

async function loadRequest(ctx: RequestContext, id: string) {
  const r = await ctx.db.selectFrom('admin_requests').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!r || !visibleTo(ctx.actor, r)) throw notFound('request.notFound');
  return r;
}

/**
 * One request with its history (API: GET /outreach/requests/{id}). The company's own users see
 * the moves, the department and the answer, not the staff's working notes.
 */
export async function getRequest(ctx: RequestContext, o: { id: string }) {
  authorize(ctx.actor, 'outreach.requests');
  const r = await loadRequest(ctx, o.id);
  const events = await ctx.db
    .selectFrom('admin_request_events')
    .select(['id', 'at', 'status', 'note', 'department_id'])
    .where('request_id', '=', r.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const company = isEmployer(ctx.actor);
  return {
    ...(await present(ctx.db, [r], ctx.lang))[0]!,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      status: e.status,
      statusName: nameOf(REQUEST_STATUSES, e.status, ctx.lang),
      departmentId: e.department_id,
      note: company && e.status !== 'answered' ? null : e.note,
    })),
  };
}

/**
 * Tells the company its request was answered (template admin_request_answered), in the
 * transaction of the answer: once per request (dedupe key), since an answer only moves on to
 * closed. The answer itself is read in the portal (/employer/requests).
 */
async function noticeAnswer(tx: Db, r: Row) {
  const [centre, department] = await Promise.all([
    centreNames(tx, [r.centre_id]).then((m) => m.get(r.centre_id) ?? ''),
    tx.selectFrom('departments').select('name').where('id', '=', r.department_id).executeTakeFirst(),
  ]);
  await notify(tx, {
    templateKey: 'admin_request_answered',
    recipient: { kind: 'employer', id: r.employer_id },
    centreId: r.centre_id,
    variables: {
      receivedOn: seoulDate(new Date(r.received_at)),
      category: nameOf(REQUEST_CATEGORIES, r.category, 'ko'),
      department: department?.name ?? '담당 부서',
      centre,
    },
    source: 'outreach.request_answered',
    dedupeKey: `admin_request:${r.id}:answered`,
  });
}

/**
 * Moves a request on (API: POST /outreach/requests/{id}/events {status, note, departmentId?}):
 * routed → in progress → answered → closed, `routed` again to another department; `answered`
 * keeps the note as the answer the company reads. A 부서 담당자 may only take up and answer the
 * requests of its department (403 otherwise). The move is checked in the UPDATE, so two racing
 * moves cannot both apply.
 */
export async function addRequestEvent(
  ctx: RequestContext,
  o: { id: string; status: RequestStatus; note: string; departmentId?: string | null },
) {
  authorize(ctx.actor, 'requests.handle');
  const r = await loadRequest(ctx, o.id);
  if (isDepartment(ctx.actor) && !DEPARTMENT_MOVES.includes(o.status)) {
    throw new DomainError('forbidden', 'request.departmentMove', {}, [
      { field: 'status', key: 'request.departmentMove' },
    ]);
  }
  const note = o.note.trim();
  const problems: FieldProblem[] = [];
  if (!note)
    problems.push({ field: 'note', key: o.status === 'answered' ? 'request.answerNote' : 'field.required' });
  if (o.status === 'routed' && !o.departmentId)
    problems.push({ field: 'departmentId', key: 'request.departmentOnRoute' });
  if (problems.length) throw invalid(problems);
  const refuse = (from: string) =>
    new DomainError('conflict', 'request.move', { from, to: o.status }, [
      { field: 'status', key: 'request.move', params: { from, to: o.status } },
    ]);
  if (!NEXT_REQUEST_STATUSES[r.status].includes(o.status)) throw refuse(r.status);
  const department = o.status === 'routed' ? await requireDepartment(ctx, o.departmentId as string) : null;
  const now = new Date();
  await ctx.db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('admin_requests')
      .set({
        status: o.status,
        ...(department ? { department_id: department.id } : {}),
        ...(o.status === 'answered' ? { answer: note, answered_at: now } : {}),
        ...(o.status === 'closed' ? { closed_at: now } : {}),
      })
      .where('id', '=', r.id)
      .where('status', '=', r.status)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw refuse(r.status);
    await tx
      .insertInto('admin_request_events')
      .values({
        id: uuidv7(),
        request_id: r.id,
        centre_id: r.centre_id,
        actor_id: ctx.actor.userId,
        status: o.status,
        department_id: department?.id ?? null,
        note,
      })
      .execute();
    if (o.status === 'answered') await noticeAnswer(tx, r);
  });
  return getRequest(ctx, { id: r.id });
}

/**
 * Requests the actor may see (API: GET /outreach/requests?status=&overdue=true&departmentId=
 * &employerId=): staff those of their centres, a company's users their own, a 부서 담당자 those
 * routed to its department. `overdue` keeps
 * those still with the department past their due time. Soonest due first, paged.
 */
export async function listRequests(
  ctx: RequestContext,
  o: {
    status?: RequestStatus;
    overdue?: boolean;
    departmentId?: string;
    employerId?: string;
    offset: number;
    limit: number;
  },
) {
  authorize(ctx.actor, 'outreach.requests');
  let q = ctx.db.selectFrom('admin_requests');
  if (isEmployer(ctx.actor)) q = q.where('employer_id', '=', ctx.actor.employerId ?? NO_ID);
  else if (isDepartment(ctx.actor)) q = q.where('department_id', '=', ctx.actor.departmentId ?? NO_ID);
  else q = q.where(inCentres(ctx.actor, 'centre_id'));
  if (o.status) q = q.where('status', '=', o.status);
  if (o.departmentId) q = q.where('department_id', '=', o.departmentId);
  if (o.employerId) q = q.where('employer_id', '=', o.employerId);
  if (o.overdue) q = q.where('status', 'in', [...OPEN_REQUEST_STATUSES]).where('due_at', '<', new Date());
  const [rows, total] = await Promise.all([
    q.select(COLUMNS).orderBy('due_at').orderBy('id').offset(o.offset).limit(o.limit).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await present(ctx.db, rows, ctx.lang), total: Number(total.n) };
}

/**
 * A holiday declared later moves the due time of every request still open whose period it
 * falls in (민원처리법: holidays are not counted), in the declaration's transaction. Centre
 * closures do not: requests are handled by the district's departments, not by the centre.
 */
export async function moveDueDates(tx: Db, change: ClosedDaysChange): Promise<number> {
  if (change.centreId !== null) return 0;
  const rows = await tx
    .selectFrom('admin_requests')
    .select(['id', 'received_at', 'category', 'due_at'])
    .where('status', 'in', [...OPEN_REQUEST_STATUSES])
    .where('received_at', '<', sql<Date>`((${change.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')`)
    .where('due_at', '>=', sql<Date>`(${change.from}::date::timestamp AT TIME ZONE 'Asia/Seoul')`)
    .forUpdate()
    .execute();
  for (const r of rows) {
    const due = await dueOf(tx, new Date(r.received_at), r.category);
    if (due.getTime() !== new Date(r.due_at).getTime()) {
      await tx.updateTable('admin_requests').set({ due_at: due }).where('id', '=', r.id).execute();
    }
  }
  return rows.length;
}

onClosedDaysAdded(async (tx, change) => {
  await moveDueDates(tx, change);
});
