import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { reevaluateCare } from './care.service.ts';
import { presentSeeker } from './seekers.presenter.ts';
import { requireFull, type SeekerRow } from './seekers.repository.ts';

/**
 * Moves a seeker to another status, recording who, when and why on the seeker and in the
 * history; total care is re-evaluated in the same transaction.
 */
export async function changeStatus(
  db: Db,
  key: Buffer,
  actor: Actor,
  id: string,
  body: { status: SeekerRow['status']; reason: string },
  ip: string | null,
) {
  return db.transaction().execute(async (tx) => {
    const before = await requireFull(tx, actor, id, true);
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
    return presentSeeker(
      key,
      await tx.selectFrom('seekers').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

/** The status history of a seeker, newest first. */
export async function statusHistory(db: Db, actor: Actor, id: string, ip: string | null) {
  return db.transaction().execute(async (tx) => {
    const s = await requireFull(tx, actor, id);
    const rows = await tx
      .selectFrom('seeker_status_history')
      .selectAll()
      .where('seeker_id', '=', id)
      .orderBy('changed_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
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
      changedAt: h.changed_at.toISOString(),
    }));
  });
}
