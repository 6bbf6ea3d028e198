import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { maskRrn, rrnWarnings } from '../../platform/domain/validate.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { reevaluateCare } from './care.service.ts';
import './seekers.messages.ts';
import { userNames } from '../accounts/user-lookups.service.ts';
import { presentSeeker } from './seekers.presenter.ts';
import { requireFull, type SeekerRow } from './seekers.repository.ts';

export type SeekerStatus = SeekerRow['status'];

/** The lifecycle of a registration (API.md seekers: status). */
export const SEEKER_STATUSES = [
  'active',
  'employed',
  'on_hold',
  'closed',
] as const satisfies readonly SeekerStatus[];

/** Longest reason kept with a status change (the API schema says the same). */
export const STATUS_REASON_MAX = 500;

/**
 * The statuses a seeker in `from` may be moved to by hand: any other one (a closed record is
 * reopened as active or employed; a hire recorded later also sets employed). Staying in the
 * same status is not a change and is refused, so the history holds only real moves.
 */
export function nextStatuses(from: SeekerStatus): SeekerStatus[] {
  return SEEKER_STATUSES.filter((s) => s !== from);
}

/** Problems of the request itself, before the seeker is read: status known, reason given. */
function requestProblems(body: { status: string; reason: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(SEEKER_STATUSES as readonly string[]).includes(body.status)) {
    problems.push({
      field: 'status',
      key: body.status ? 'field.enum' : 'field.required',
      params: { allowed: SEEKER_STATUSES.join(', ') },
    });
  }
  const reason = body.reason.trim();
  if (!reason) problems.push({ field: 'reason', key: 'field.required' });
  else if (reason.length > STATUS_REASON_MAX)
    problems.push({ field: 'reason', key: 'field.maxLength', params: { limit: STATUS_REASON_MAX } });
  return problems;
}

/**
 * Moves a seeker to another status, recording who, when and why on the seeker and in the
 * history; total care is re-evaluated in the same transaction. 400 names a missing or
 * unknown status and a blank reason; 409 (naming `status`) a move `nextStatuses` does not
 * allow from the status the seeker has when the row is locked.
 */
export async function changeStatus(
  db: Db,
  key: Buffer,
  actor: Actor,
  id: string,
  raw: { status: SeekerStatus; reason: string },
  ip: string | null,
) {
  const m = maskRrn(raw.reason);
  const body = { ...raw, reason: m.text };
  const problems = requestProblems(body);
  if (problems.length) throw invalid(problems);
  return db.transaction().execute(async (tx) => {
    const before = await requireFull(tx, actor, id, true);
    if (!nextStatuses(before.status).includes(body.status)) {
      throw new DomainError('conflict', 'seeker.statusUnchanged', {}, [
        { field: 'status', key: 'seeker.statusUnchanged' },
      ]);
    }
    const now = new Date();
    await tx
      .updateTable('seekers')
      .set({
        status: body.status,
        status_reason: body.reason.trim(),
        status_changed_at: now,
        status_changed_by: actor.userId,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await tx
      .insertInto('seeker_status_history')
      .values({
        id: uuidv7(),
        seeker_id: id,
        centre_id: before.centre_id,
        from_status: before.status,
        to_status: body.status,
        reason: body.reason.trim(),
        changed_by: actor.userId,
        changed_at: now,
      })
      .execute();
    await reevaluateCare(tx, id);
    await recordAccess(tx, {
      actor,
      ip,
      action: 'update',
      subjectType: 'seeker',
      subjectId: id,
      centreId: before.centre_id,
    });
    return {
      ...presentSeeker(
        key,
        await tx.selectFrom('seekers').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
      ),
      warnings: rrnWarnings(m.masked ? ['reason'] : []),
    };
  });
}

/** The status history of a seeker, newest first. */
export async function statusHistory(db: Db, actor: Actor, id: string, ip: string | null) {
  return db.transaction().execute(async (tx) => {
    const s = await requireFull(tx, actor, id);
    const history = await tx
      .selectFrom('seeker_status_history as h')
      .selectAll('h')
      .where('h.seeker_id', '=', id)
      .orderBy('h.changed_at', 'desc')
      .orderBy('h.id', 'desc')
      .execute();
    const names = await userNames(
      tx,
      history.map((h) => h.changed_by),
    );
    const rows = history.map((h) => ({
      ...h,
      changed_by_name: h.changed_by ? (names.get(h.changed_by) ?? null) : null,
    }));
    await recordAccess(tx, {
      actor,
      ip,
      action: 'view',
      subjectType: 'seeker',
      subjectId: id,
      centreId: s.centre_id,
    });
    return rows.map((h) => ({
      id: h.id,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      reason: h.reason,
      changedBy: h.changed_by,
      changedByName: h.changed_by_name,
      changedAt: h.changed_at.toISOString(),
    }));
  });
}
