import { type Selectable, sql } from 'kysely';
import { recordAccess, recordSeekerAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate, maskRrn, rrnWarnings } from '../../platform/domain/validate.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { counsellingSeeker, seoulDayBounds } from './counselling.service.ts';
import type { ActionPlanStepTable } from './counselling.tables.ts';

type Step = Selectable<ActionPlanStepTable>;

function presentStep(s: Step, today: string) {
  return {
    id: s.id,
    title: s.title,
    dueDate: s.due_date,
    done: s.done_at !== null,
    doneAt: s.done_at ? s.done_at.toISOString() : null,
    overdue: s.done_at === null && s.due_date !== null && s.due_date < today,
  };
}

/** Today's date in Korea (YYYY-MM-DD): due dates are Korean calendar days. */
function seoulToday(): string {
  return new Date(seoulDayBounds().start.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

async function loadPlan(db: Db, seekerId: string) {
  const plan = await db
    .selectFrom('action_plans')
    .selectAll()
    .where('seeker_id', '=', seekerId)
    .executeTakeFirst();
  if (!plan) return null;
  const steps = await db
    .selectFrom('action_plan_steps')
    .selectAll()
    .where('plan_id', '=', plan.id)
    .orderBy(sql`due_date NULLS LAST`)
    .orderBy('created_at')
    .execute();
  const today = seoulToday();
  return {
    id: plan.id,
    seekerId: plan.seeker_id,
    goal: plan.goal,
    createdBy: plan.created_by,
    createdAt: plan.created_at.toISOString(),
    updatedAt: plan.updated_at.toISOString(),
    steps: steps.map((s) => presentStep(s, today)),
  };
}

/**
 * The plan with its steps in one statement, for a page that has already reached the seeker
 * through `requireSeeker` for `counsel` and logged the view; null when there is none.
 */
export async function planOf(db: Db, seekerId: string) {
  const r = await db
    .selectFrom('action_plans as p')
    .selectAll('p')
    .select(
      sql<
        { id: string; title: string; due_date: string | null; done_at: string | null }[]
      >`coalesce((SELECT json_agg(s ORDER BY s.due_date NULLS LAST, s.created_at)
        FROM action_plan_steps s WHERE s.plan_id = p.id), '[]'::json)`.as('steps'),
    )
    .where('p.seeker_id', '=', seekerId)
    .executeTakeFirst();
  if (!r) return null;
  const today = seoulToday();
  return {
    id: r.id,
    seekerId: r.seeker_id,
    goal: r.goal,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    steps: r.steps.map((s) =>
      presentStep({ ...s, done_at: s.done_at ? new Date(s.done_at) : null } as Step, today),
    ),
  };
}

/** The seeker's individual action plan (IAP) with its steps; 404 when none exists yet. */
export async function getPlan(ctx: RequestContext, o: { seekerId: string }) {
  const { db, actor, ip } = ctx;
  const { seekerId } = o;
  return db.transaction().execute(async (tx) => {
    const seeker = await counsellingSeeker(tx, actor, seekerId);
    const plan = await loadPlan(tx, seeker.id);
    if (!plan) throw new DomainError('not_found', 'plan.notFound');
    await recordSeekerAccess(tx, { actor, ip }, 'view', seeker, 'action_plan');
    return plan;
  });
}

/** Creates the plan, or changes its goal when it exists (one plan per seeker). */
export async function savePlan(ctx: RequestContext, o: { seekerId: string; goal: string }) {
  const { db, actor, ip } = ctx;
  const { seekerId, goal: rawGoal } = o;
  if (!rawGoal.trim()) throw invalid([{ field: 'goal', key: 'field.required' }]);
  const m = maskRrn(rawGoal);
  const goal = m.text;
  return db.transaction().execute(async (tx) => {
    const seeker = await counsellingSeeker(tx, actor, seekerId);
    const r = await tx
      .insertInto('action_plans')
      .values({
        id: uuidv7(),
        seeker_id: seeker.id,
        centre_id: seeker.centre_id,
        goal: goal.trim(),
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.column('seeker_id').doUpdateSet({ goal: goal.trim(), updated_at: sql`now()` }))
      .returning(sql<boolean>`(xmax = 0)`.as('created'))
      .executeTakeFirstOrThrow();
    await recordAccess(tx, {
      actor,
      ip,
      action: r.created ? 'create' : 'update',
      subjectType: 'action_plan',
      subjectId: seeker.id,
      centreId: seeker.centre_id,
    });
    const warnings = rrnWarnings(m.masked ? ['goal'] : []);
    return { created: r.created, plan: { ...(await loadPlan(tx, seeker.id))!, warnings } };
  });
}

/** Adds a step (title, optional due date) to the seeker's plan. */
export async function addStep(
  ctx: RequestContext,
  o: { seekerId: string; step: { title: string; dueDate?: string | null } },
) {
  const { db, actor, ip } = ctx;
  const { seekerId, step: raw } = o;
  if (raw.dueDate && !isRealDate(raw.dueDate)) throw invalid([{ field: 'dueDate', key: 'field.date' }]);
  const m = maskRrn(raw.title);
  const input = { ...raw, title: m.text };
  return db.transaction().execute(async (tx) => {
    const seeker = await counsellingSeeker(tx, actor, seekerId);
    const plan = await tx
      .selectFrom('action_plans')
      .select('id')
      .where('seeker_id', '=', seeker.id)
      .executeTakeFirst();
    if (!plan) throw new DomainError('not_found', 'plan.notFound');
    const step = await tx
      .insertInto('action_plan_steps')
      .values({
        id: uuidv7(),
        plan_id: plan.id,
        centre_id: seeker.centre_id,
        title: input.title.trim(),
        due_date: input.dueDate ?? null,
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx.updateTable('action_plans').set({ updated_at: sql`now()` }).where('id', '=', plan.id).execute();
    await recordSeekerAccess(tx, { actor, ip }, 'update', seeker, 'action_plan');
    return { ...presentStep(step, seoulToday()), warnings: rrnWarnings(m.masked ? ['title'] : []) };
  });
}

/** Marks a step done or not done, or changes its title or due date. */
export async function updateStep(
  ctx: RequestContext,
  o: { seekerId: string; stepId: string; patch: { done?: boolean; title?: string; dueDate?: string | null } },
) {
  const { db, actor, ip } = ctx;
  const { seekerId, stepId, patch: raw } = o;
  if (raw.dueDate && !isRealDate(raw.dueDate)) throw invalid([{ field: 'dueDate', key: 'field.date' }]);
  const m = raw.title === undefined ? null : maskRrn(raw.title);
  const input = m ? { ...raw, title: m.text } : raw;
  return db.transaction().execute(async (tx) => {
    const seeker = await counsellingSeeker(tx, actor, seekerId);
    const current = await tx
      .selectFrom('action_plan_steps as s')
      .innerJoin('action_plans as p', 'p.id', 's.plan_id')
      .selectAll('s')
      .where('s.id', '=', stepId)
      .where('p.seeker_id', '=', seeker.id)
      .executeTakeFirst();
    if (!current) throw new DomainError('not_found', 'plan.stepNotFound');
    const set: Partial<{ done_at: Date | null; title: string; due_date: string | null }> = {};
    if (input.done !== undefined) set.done_at = input.done ? (current.done_at ?? new Date()) : null;
    if (input.title !== undefined) set.title = input.title.trim();
    if (input.dueDate !== undefined) set.due_date = input.dueDate;
    const step = Object.keys(set).length
      ? await tx
          .updateTable('action_plan_steps')
          .set(set)
          .where('id', '=', stepId)
          .returningAll()
          .executeTakeFirstOrThrow()
      : current;
    await recordSeekerAccess(tx, { actor, ip }, 'update', seeker, 'action_plan');
    return { ...presentStep(step, seoulToday()), warnings: rrnWarnings(m?.masked ? ['title'] : []) };
  });
}
