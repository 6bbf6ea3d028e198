import { type Selectable, sql } from 'kysely';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { deleteSeekerData, exportSeeker, suspendSeeker } from '../seekers/lifecycle.service.ts';
import { requireSeeker } from '../seekers/seekers.service.ts';
import './privacy.messages.ts';
import type { RequestContext } from '../../platform/context.ts';
import { maskRrnFields, rrnWarnings } from '../../platform/domain/validate.ts';
import { seekerRefById } from '../seekers/seeker-refs.service.ts';
import type { PrivacyComplete, PrivacyListQuery } from './privacy.schema.ts';
import type { PrivacyKind, PrivacyRequestTable } from './privacy.tables.ts';

/** Data-subject requests must be answered within 10 days (SECURITY.md 13). */
export const ANSWER_DAYS = 10;

type Row = Selectable<PrivacyRequestTable>;

/** A request as the API shows it. */
export function presentRequest(r: Row, now = new Date()) {
  return {
    id: r.id,
    centreId: r.centre_id,
    seekerId: r.seeker_id,
    seekerRef: r.seeker_ref,
    kind: r.kind,
    status: r.status,
    channel: r.channel,
    receivedAt: r.received_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    overdue: r.status === 'open' && r.due_at < now,
    completedAt: r.completed_at?.toISOString() ?? null,
    handledBy: r.handled_by,
    note: r.note,
    result: r.result,
  };
}

async function insertRequest(
  db: Db,
  actor: Actor,
  seeker: { id: string; centre_id: string; registration_no: string },
  raw: { kind: PrivacyKind; note?: string; receivedAt?: string },
  channel: 'staff' | 'self',
  ip: string | null,
) {
  const { value: input, masked } = maskRrnFields(raw, ['note']);
  const received = input.receivedAt ? new Date(input.receivedAt) : new Date();
  if (Number.isNaN(received.getTime()) || received.getTime() > Date.now() + 60_000) {
    throw invalid([{ field: 'receivedAt', key: 'field.invalid' }]);
  }
  const row = await db
    .insertInto('privacy_requests')
    .values({
      id: uuidv7(),
      centre_id: seeker.centre_id,
      seeker_id: seeker.id,
      seeker_ref: seeker.registration_no,
      kind: input.kind,
      channel,
      received_at: received,
      due_at: new Date(received.getTime() + ANSWER_DAYS * 86_400_000),
      note: input.note?.trim() || null,
      created_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAccess(db, {
    actor,
    ip,
    action: 'create',
    subjectType: 'privacy_request',
    subjectId: seeker.id,
    centreId: seeker.centre_id,
  });
  return { ...presentRequest(row), warnings: rrnWarnings(masked) };
}

/** Staff record a request received from a seeker of their centre subtree. */
export async function fileRequest(
  ctx: RequestContext,
  input: { seekerId: string; kind: PrivacyKind; note?: string; receivedAt?: string },
) {
  const { db, actor, ip } = ctx;
  return db.transaction().execute(async (tx) => {
    const { seeker: s } = await requireSeeker({ db: tx, actor }, input.seekerId, 'privacy');
    return insertRequest(tx, actor, s, input, 'staff', ip);
  });
}

/** A seeker files a request about their own data. */
export async function fileOwnRequest(ctx: RequestContext, input: { kind: PrivacyKind; note?: string }) {
  const { db, actor, ip } = ctx;
  if (!actor.seekerId) throw new DomainError('not_found', 'seeker.notLinked');
  const seekerId = actor.seekerId;
  return db.transaction().execute(async (tx) => {
    const s = await seekerRefById(tx, seekerId);
    if (!s) throw new DomainError('not_found', 'seeker.notLinked');
    return insertRequest(tx, actor, s, input, 'self', ip);
  });
}

function scoped(actor: Actor) {
  const scope = actor.centreScope;
  if (scope === null) return sql<boolean>`true`;
  if (scope.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(privacy_requests.centre_id = ANY(ARRAY[${sql.join(scope)}]::uuid[]))`;
}

/** Requests of the actor's centre subtree, oldest due first; `overdue` = open past due. */
export async function listRequests(
  ctx: RequestContext,
  q: PrivacyListQuery & { offset: number; limit: number },
) {
  const { db, actor } = ctx;
  let base = db.selectFrom('privacy_requests').where(scoped(actor));
  if (q.status) base = base.where('status', '=', q.status);
  if (q.overdue === true) base = base.where('status', '=', 'open').where('due_at', '<', new Date());
  if (q.overdue === false)
    base = base.where((eb) => eb.or([eb('status', '<>', 'open'), eb('due_at', '>=', new Date())]));
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('due_at').orderBy('id').offset(q.offset).limit(q.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => presentRequest(r)), total: Number(total.n) };
}

/**
 * Answers a request in one transaction. access: returns the seeker's full export (a
 * download: a reason is required and logged); correction: staff have changed the record
 * through PATCH, this closes the request; suspension: the seeker is suspended (no matching,
 * no sharing); deletion: the seeker and dependent records are deleted (the access log stays).
 * `outcome: 'rejected'` closes without acting.
 */
export async function completeRequest(
  ctx: RequestContext,
  o: { id: string; body: PrivacyComplete; dataKey: Buffer },
) {
  const { db, actor, ip } = ctx;
  const { id, body: raw, dataKey: key } = o;
  const { value: body, masked } = maskRrnFields(raw, ['note']);
  return db.transaction().execute(async (tx) => {
    const req = await tx
      .selectFrom('privacy_requests')
      .selectAll()
      .where('id', '=', id)
      .where(scoped(actor))
      .forUpdate()
      .executeTakeFirst();
    if (!req) throw new DomainError('not_found', 'privacy.notFound');
    if (req.status !== 'open') throw new DomainError('conflict', 'privacy.closed');
    const outcome = body.outcome ?? 'done';
    let exported: Awaited<ReturnType<typeof exportSeeker>> | undefined;
    let result = 'rejected';
    if (outcome === 'done') {
      if (!req.seeker_id) throw new DomainError('conflict', 'privacy.seekerGone');
      const { seeker: s } = await requireSeeker({ db: tx, actor }, req.seeker_id, 'privacy', { lock: true });
      const log = (action: 'download' | 'update' | 'delete', reason?: string) =>
        recordAccess(tx, {
          actor,
          ip,
          action,
          subjectType: 'seeker',
          subjectId: s.id,
          centreId: s.centre_id,
          reason,
        });
      switch (req.kind) {
        case 'access':
          if (!body.reason?.trim()) throw invalid([{ field: 'reason', key: 'audit.reasonRequired' }]);
          exported = await exportSeeker(tx, key, s.id);
          await log('download', body.reason);
          result = 'exported';
          break;
        case 'correction':
          result = 'corrected';
          break;
        case 'suspension':
          await suspendSeeker(tx, s.id);
          await log('update');
          result = 'suspended';
          break;
        case 'deletion':
          await log('delete');
          await deleteSeekerData(tx, actor, s.id);
          result = 'deleted';
          break;
      }
    }
    const row = await tx
      .updateTable('privacy_requests')
      .set({
        status: outcome,
        completed_at: new Date(),
        handled_by: actor.userId,
        result,
        ...(body.note?.trim() ? { note: body.note.trim() } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      request: { ...presentRequest(row), warnings: rrnWarnings(masked) },
      ...(exported ? { export: exported } : {}),
    };
  });
}
