import { sql } from 'kysely';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { maskRrn, rrnWarnings } from '../../platform/domain/validate.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireSeeker } from './access.service.ts';
import { reevaluateCare } from './care.service.ts';
import './seekers.messages.ts';
import { userNames } from '../accounts/user-lookups.service.ts';
import { presentSeeker } from './seekers.presenter.ts';
import type { SeekerRow } from './seekers.repository.ts';

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

/** Every allowed move as `from>to`, for the set-based twin's SQL (the same `nextStatuses`). */
const ALLOWED_MOVES = SEEKER_STATUSES.flatMap((from) => nextStatuses(from).map((to) => `${from}>${to}`));

/** One status move of a batch (a hire, an import row, a job). */
export interface StatusMove {
  seekerId: string;
  status: SeekerStatus;
  /** Why; required like a counsellor's (a hire gives `employment:<route>`). */
  reason: string;
  changedBy: string | null;
}

/**
 * The set-based twin of `changeStatus`, inside the caller's transaction, for batches (a hire,
 * the CSV employments import): the same rules in one statement whatever the number. Each
 * seeker's row is locked and read; a seeker already in the target status is left alone (a
 * batch restating a status is not a move), any other move `nextStatuses` allows sets the
 * status, its reason (replacing the previous one, e.g. an on-hold reason), who and when, and
 * writes one history row. A blank or over-long reason is refused before anything is written.
 * The first move of a seeker in `moves` counts. Answers the seekers whose status changed.
 */
export async function changeStatuses(
  db: Db,
  moves: readonly StatusMove[],
): Promise<{ seekerId: string; centreId: string; fromStatus: SeekerStatus; status: SeekerStatus }[]> {
  const first = new Map<string, StatusMove>();
  for (const raw of moves) {
    // The same reason rules as a counsellor's change: RRN-shaped numbers masked, required, ≤ 500.
    const m = { ...raw, reason: maskRrn(raw.reason).text };
    const problems = requestProblems(m);
    if (problems.length) throw invalid(problems);
    if (!first.has(m.seekerId)) first.set(m.seekerId, m);
  }
  if (first.size === 0) return [];
  const list = [...first.values()];
  const r = await sql<{
    seeker_id: string;
    centre_id: string;
    from_status: SeekerStatus;
    to_status: SeekerStatus;
  }>`
    WITH move AS (
      SELECT * FROM unnest(${list.map((m) => m.seekerId)}::uuid[], ${list.map(() => uuidv7())}::uuid[],
                           ${list.map((m) => m.status)}::text[], ${list.map((m) => m.reason.trim())}::text[],
                           ${list.map((m) => m.changedBy)}::uuid[])
        AS m(seeker_id, history_id, to_status, reason, changed_by)
    ), before AS (
      SELECT s.id, s.status, s.centre_id FROM seekers s JOIN move m ON m.seeker_id = s.id
      WHERE s.status::text || '>' || m.to_status = ANY(${ALLOWED_MOVES}::text[])
      ORDER BY s.id FOR UPDATE OF s
    ), changed AS (
      UPDATE seekers s SET status = m.to_status, status_reason = m.reason, status_changed_at = now(),
                           status_changed_by = m.changed_by, updated_at = now()
      FROM before b JOIN move m ON m.seeker_id = b.id
      WHERE s.id = b.id
      RETURNING s.id
    )
    INSERT INTO seeker_status_history (id, seeker_id, centre_id, from_status, to_status, reason, changed_by, changed_at)
    SELECT m.history_id, b.id, b.centre_id, b.status, m.to_status, m.reason, m.changed_by, now()
    FROM changed c JOIN before b ON b.id = c.id JOIN move m ON m.seeker_id = b.id
    RETURNING seeker_id, centre_id, from_status, to_status`.execute(db);
  // Total care only ever moves a seeker who is not employed into intensive care.
  for (const x of r.rows) if (x.to_status !== 'employed') await reevaluateCare(db, x.seeker_id);
  return r.rows.map((x) => ({
    seekerId: x.seeker_id,
    centreId: x.centre_id,
    fromStatus: x.from_status,
    status: x.to_status,
  }));
}

/**
 * Moves a seeker to another status, recording who, when and why on the seeker and in the
 * history; total care is re-evaluated in the same transaction. 400 names a missing or
 * unknown status and a blank reason; 409 (`seeker.statusUnchanged`, naming `status`) a move
 * `nextStatuses` does not allow from the status the seeker has when the row is locked.
 */
export async function changeStatus(
  ctx: RequestContext,
  opts: { seekerId: string; status: SeekerStatus; reason: string; dataKey: Buffer },
) {
  const m = maskRrn(opts.reason);
  const body = { ...opts, reason: m.text };
  const problems = requestProblems(body);
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction().execute(async (tx) => {
    const { seeker: before } = await requireSeeker({ db: tx, actor: ctx.actor }, opts.seekerId, 'change', {
      lock: true,
    });
    if (!nextStatuses(before.status).includes(body.status)) {
      throw new DomainError('conflict', 'seeker.statusUnchanged', {}, [
        { field: 'status', key: 'seeker.statusUnchanged' },
      ]);
    }
    await changeStatuses(tx, [
      { seekerId: before.id, status: body.status, reason: body.reason, changedBy: ctx.actor.userId },
    ]);
    await recordAccess(tx, {
      actor: ctx.actor,
      ip: ctx.ip,
      action: 'update',
      subjectType: 'seeker',
      subjectId: before.id,
      centreId: before.centre_id,
    });
    return {
      ...presentSeeker(
        opts.dataKey,
        await tx.selectFrom('seekers').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow(),
      ),
      warnings: rrnWarnings(m.masked ? ['reason'] : []),
    };
  });
}

/**
 * A seeker's status history for a page that has already reached the seeker through
 * `requireSeeker` and logged the view: one statement, no access-log row; the names of who
 * changed it come from `names` (the page asks accounts once for every section).
 */
export async function statusHistoryOf(db: Db, seekerId: string) {
  const rows = await db
    .selectFrom('seeker_status_history as h')
    .selectAll('h')
    .where('h.seeker_id', '=', seekerId)
    .orderBy('h.changed_at', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
  return {
    userIds: rows.map((h) => h.changed_by),
    present: (names: ReadonlyMap<string, string>) =>
      rows.map((h) => ({
        id: h.id,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        reason: h.reason,
        changedBy: h.changed_by,
        changedByName: h.changed_by ? (names.get(h.changed_by) ?? null) : null,
        changedAt: h.changed_at.toISOString(),
      })),
  };
}

/** The status history of a seeker, newest first. */
export async function statusHistory(ctx: RequestContext, opts: { seekerId: string }) {
  const { actor, ip } = ctx;
  const id = opts.seekerId;
  return ctx.db.transaction().execute(async (tx) => {
    const { seeker: s } = await requireSeeker({ db: tx, actor }, id, 'change');
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
