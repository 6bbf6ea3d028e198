import { sql } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { maskRrnFields, rrnWarnings } from '../../platform/domain/validate.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import '../referrals/referrals.messages.ts';
import '../referrals/referrals.tables.ts';
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
  };
}

/** GET /followups?due=overdue|today|upcoming: open follow-ups of the actor's centres. */
export async function listFollowups(
  db: Db,
  actor: Actor,
  q: { due?: 'overdue' | 'today' | 'upcoming'; offset: number; limit: number },
) {
  const today = seoulToday();
  // A repeat marked by migration 5002 is followed up through the record it repeats.
  let base = db
    .selectFrom('retention_followups')
    .where('done_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('employments as e')
            .select('e.id')
            .whereRef('e.id', '=', 'retention_followups.employment_id')
            .where('e.duplicate_of', 'is not', null),
        ),
      ),
    );
  if (actor.centreScope !== null) base = base.where('centre_id', 'in', actor.centreScope as string[]);
  if (q.due === 'overdue') base = base.where('due_date', '<', today);
  else if (q.due === 'today') base = base.where('due_date', '=', today);
  else if (q.due === 'upcoming') base = base.where('due_date', '>', today);
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('due_date')
    .orderBy('id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  return { items: rows.map(present), total: Number(total.n) };
}

/** POST /followups/{id}: records the result of a follow-up contact once. */
export async function completeFollowup(
  db: Db,
  actor: Actor,
  id: string,
  raw: { result: 'employed' | 'left' | 'unknown'; note?: string },
  ip: string | null,
) {
  const { value: body, masked } = maskRrnFields(raw, ['note']);
  return db.transaction().execute(async (tx) => {
    const f = await tx
      .selectFrom('retention_followups')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!f || !inScope(actor, f.centre_id)) throw notFound('followup.notFound');
    if (f.done_at) throw conflict('followup.done');
    const row = await tx
      .updateTable('retention_followups')
      .set({
        done_at: new Date(),
        done_by: actor.userId,
        result: body.result,
        note: body.note?.trim() || null,
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
