import { sql } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate, maskRrnFields, rrnWarnings } from '../../platform/domain/validate.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import '../referrals/referrals.messages.ts';
import { seoulToday } from './employments.service.ts';
import './employments.tables.ts';

function present(f: {
  id: string;
  employment_id: string;
  seeker_id: string;
  centre_id: string;
  months: number;
  due_date: string;
  done_at: Date | null;
  result: string | null;
  note: string | null;
  left_on: string | null;
}) {
  return {
    id: f.id,
    employmentId: f.employment_id,
    seekerId: f.seeker_id,
    centreId: f.centre_id,
    months: f.months,
    dueDate: f.due_date,
    doneAt: f.done_at?.toISOString() ?? null,
    result: f.result,
    note: f.note,
    leftOn: f.left_on,
  };
}

/** Which follow-ups a list shows: open ones by due date, or those already recorded. */
export type FollowupState = 'open' | 'due' | 'overdue' | 'done';

/**
 * GET /followups and /staff/followups: follow-ups of the actor's centres. `due` (API):
 * overdue, today or upcoming open ones. `state`: open (all not yet recorded), due (open and
 * due within the next 7 days, overdue included: the week's work), overdue, done (newest first).
 * `counsellorId`: those of hires that counsellor recorded. Rows carry the employment's
 * employer and start date.
 */
export async function listFollowups(
  db: Db,
  actor: Actor,
  q: {
    due?: 'overdue' | 'today' | 'upcoming';
    state?: FollowupState;
    counsellorId?: string;
    offset: number;
    limit: number;
  },
) {
  const today = seoulToday();
  const state = q.state ?? 'open';
  // A repeat marked by migration 5002 is followed up through the record it repeats.
  let base = db
    .selectFrom('retention_followups')
    .innerJoin('employments as e', 'e.id', 'retention_followups.employment_id')
    .where('e.duplicate_of', 'is', null);
  base =
    state === 'done'
      ? base.where('retention_followups.done_at', 'is not', null)
      : base.where('retention_followups.done_at', 'is', null);
  if (actor.centreScope !== null)
    base = base.where('retention_followups.centre_id', 'in', actor.centreScope as string[]);
  if (q.due === 'overdue' || state === 'overdue') base = base.where('due_date', '<', today);
  else if (q.due === 'today') base = base.where('due_date', '=', today);
  else if (q.due === 'upcoming') base = base.where('due_date', '>', today);
  if (state === 'due') base = base.where(sql<boolean>`due_date <= ${today}::date + 7`);
  if (q.counsellorId) base = base.where('e.created_by', '=', q.counsellorId);
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  let page = base
    .selectAll('retention_followups')
    .select(['e.employer_name', 'e.start_date', 'e.created_by as recorded_by']);
  page =
    state === 'done'
      ? page.orderBy('retention_followups.done_at', 'desc')
      : page.orderBy('due_date').orderBy('retention_followups.months');
  const rows = await page.orderBy('retention_followups.id').offset(q.offset).limit(q.limit).execute();
  return {
    items: rows.map((r) => ({
      ...present(r),
      employerName: r.employer_name,
      startDate: r.start_date,
      recordedBy: r.recorded_by,
      overdue: r.done_at === null && r.due_date < today,
    })),
    total: Number(total.n),
  };
}

/** POST /followups/{id}: records the result of a follow-up contact once. */
export async function completeFollowup(
  db: Db,
  actor: Actor,
  id: string,
  raw: { result: 'employed' | 'left' | 'unknown'; note?: string; leftOn?: string },
  ip: string | null,
) {
  const { value: body, masked } = maskRrnFields(raw, ['note']);
  // 퇴사 goes with the day the seeker left: a real date, not in the future.
  const leftOn = body.result === 'left' ? (body.leftOn ?? '').trim() : '';

  return db.transaction().execute(async (tx) => {
    const f = await tx
      .selectFrom('retention_followups')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!f || !inScope(actor, f.centre_id)) throw notFound('followup.notFound');
    if (f.done_at) throw conflict('followup.done');
    if (body.result === 'left' && (!isRealDate(leftOn) || leftOn > seoulToday()))
      throw invalid([
        { field: 'leftOn', key: leftOn ? 'followup.leftOnInvalid' : 'followup.leftOnRequired' },
      ]);
    const started = await tx
      .selectFrom('employments')
      .select('start_date')
      .where('id', '=', f.employment_id)
      .executeTakeFirstOrThrow();
    if (leftOn && leftOn < started.start_date)
      throw invalid([
        { field: 'leftOn', key: 'followup.leftBeforeStart', params: { start: started.start_date } },
      ]);
    const row = await tx
      .updateTable('retention_followups')
      .set({
        done_at: new Date(),
        done_by: actor.userId,
        result: body.result,
        note: body.note?.trim() || null,
        left_on: leftOn || null,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAccess(tx, {
      actor,
      ip,
      action: 'update',
      subjectType: 'seeker',
      subjectId: f.seeker_id,
      centreId: f.centre_id,
    });
    return { ...present(row), warnings: rrnWarnings(masked) };
  });
}

/** Staff who recorded the hires of the actor's open follow-ups (the page's counsellor filter). */
export async function followupRecorders(db: Db, actor: Actor): Promise<string[]> {
  let q = db
    .selectFrom('retention_followups')
    .innerJoin('employments as e', 'e.id', 'retention_followups.employment_id')
    .select('e.created_by')
    .distinct()
    .where('e.created_by', 'is not', null)
    .where('retention_followups.done_at', 'is', null);
  if (actor.centreScope !== null)
    q = q.where('retention_followups.centre_id', 'in', actor.centreScope as string[]);
  return (await q.execute()).map((r) => r.created_by!);
}
