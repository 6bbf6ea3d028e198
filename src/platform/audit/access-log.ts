import type { Db } from '../db/pool.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../http/actor.ts';
import { uuidv7 } from '../ids.ts';
import { writeAccessRows } from './access-log-writer.ts';

export type AccessAction = 'view' | 'create' | 'update' | 'delete' | 'print' | 'download';

export interface AccessEntry {
  actor: Actor | null;
  ip: string | null;
  action: AccessAction;
  subjectType: string;
  subjectId: string;
  centreId?: string | null;
  reason?: string | null;
}

/**
 * Writes one 접속기록 row per touch of personal data (SECURITY.md 9). Call it inside the
 * transaction of the change so the record and its log commit together. A download without
 * a reason is refused.
 */
export async function recordAccess(db: Db, e: AccessEntry): Promise<void> {
  await recordAccesses(db, [e]);
}

/**
 * Several subjects at once (a list view logs one row per person shown), in one statement inside
 * the caller's transaction, or outside one through the group-commit writer
 * (`access-log-writer.ts`), which also keeps each centre's hash chain in order.
 */
export async function recordAccesses(db: Db, entries: AccessEntry[]): Promise<void> {
  if (entries.length === 0) return;
  for (const e of entries) {
    if ((e.action === 'download' || e.action === 'print') && !e.reason?.trim()) {
      throw new DomainError('validation', 'error.validation', {}, [
        { field: 'reason', key: 'audit.reasonRequired' },
      ]);
    }
  }
  await writeAccessRows(
    db,
    entries.map((e) => ({
      id: uuidv7(),
      actor_id: e.actor?.userId ?? null,
      actor_login: e.actor?.login ?? null,
      ip: e.ip,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      centre_id: e.centreId ?? null,
      reason: e.reason?.trim() || null,
    })),
  );
}

/**
 * Logs one view of each seeker shown by a list or page (`seekers`: id and the centre the row
 * is logged under; a seeker listed twice is logged once, under its last centre), in one
 * statement: the block every list of seekers ends with.
 */
export async function recordSeekerViews(
  db: Db,
  who: { actor: Actor | null; ip: string | null },
  seekers: readonly { id: string; centreId: string | null }[],
  reason?: string,
): Promise<void> {
  const unique = new Map(seekers.map((s) => [s.id, s.centreId]));
  await recordAccesses(
    db,
    [...unique].map(([id, centreId]) => ({
      actor: who.actor,
      ip: who.ip,
      action: 'view' as const,
      subjectType: 'seeker',
      subjectId: id,
      centreId,
      ...(reason === undefined ? {} : { reason }),
    })),
  );
}

/**
 * One access-log row for a use case that acts on one seeker's records (`seeker`: its id and
 * centre; `subjectType` names what was touched, the seeker's own record by default).
 */
export async function recordSeekerAccess(
  db: Db,
  who: { actor: Actor | null; ip: string | null },
  action: AccessAction,
  seeker: { id: string; centre_id: string },
  subjectType = 'seeker',
): Promise<void> {
  await recordAccesses(db, [
    { actor: who.actor, ip: who.ip, action, subjectType, subjectId: seeker.id, centreId: seeker.centre_id },
  ]);
}
