import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { uuidv7 } from '../../platform/ids.ts';

export async function insertEndpoint(
  db: Db,
  e: {
    centreId: string;
    partnerId: string | null;
    url: string;
    events: string[];
    secretEnc: string;
    createdBy: string;
  },
) {
  return db
    .insertInto('webhook_endpoints')
    .values({
      id: uuidv7(),
      centre_id: e.centreId,
      partner_id: e.partnerId,
      url: e.url,
      events: e.events,
      secret_enc: e.secretEnc,
      created_by: e.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const scoped = (centres: readonly string[] | null) =>
  centres === null ? null : centres.length ? centres : null;

export async function endpointPage(
  db: Db,
  centres: readonly string[] | null,
  o: { offset: number; limit: number; partnerId?: string },
) {
  let q = db.selectFrom('webhook_endpoints');
  if (centres !== null)
    q = scoped(centres) ? q.where('centre_id', 'in', centres) : q.where(sql<boolean>`false`);
  // a partner sees its own endpoints, less those it deleted
  if (o.partnerId)
    q = q
      .where('partner_id', '=', o.partnerId)
      .where(sql<boolean>`disabled_reason IS DISTINCT FROM 'deleted'`);
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(o.offset)
      .limit(o.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findEndpoint(db: Db, id: string, lock = false) {
  let q = db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function setSecrets(
  db: Db,
  id: string,
  s: { secretEnc: string; previousEnc: string; previousUntil: Date },
) {
  return db
    .updateTable('webhook_endpoints')
    .set({
      secret_enc: s.secretEnc,
      previous_secret_enc: s.previousEnc,
      previous_secret_until: s.previousUntil,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function recordChange(
  db: Db,
  c: {
    endpointId: string;
    centreId: string;
    action: 'disabled' | 'enabled';
    reason: string | null;
    httpStatus?: number;
    actorId?: string | null;
  },
) {
  await db
    .insertInto('webhook_endpoint_changes')
    .values({
      id: uuidv7(),
      endpoint_id: c.endpointId,
      centre_id: c.centreId,
      action: c.action,
      reason: c.reason,
      http_status: c.httpStatus ?? null,
      actor_id: c.actorId ?? null,
    })
    .execute();
}

/** Disables an active endpoint (the receiver's 410) and records the change with the status. */
export async function disable(db: Db, id: string, reason: string, httpStatus?: number) {
  const row = await db
    .updateTable('webhook_endpoints')
    .set({ status: 'disabled', disabled_reason: reason, disabled_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returning(['id', 'centre_id'])
    .executeTakeFirst();
  if (row)
    await recordChange(db, {
      endpointId: id,
      centreId: row.centre_id,
      action: 'disabled',
      reason,
      httpStatus,
    });
}

/**
 * Turns a disabled endpoint on again and records who did it and why it had been off; undefined
 * when it was not disabled (nothing changes, nothing is recorded).
 */
export async function enable(db: Db, id: string, actorId: string) {
  const before = await db
    .selectFrom('webhook_endpoints')
    .select(['disabled_reason'])
    .where('id', '=', id)
    .where('status', '=', 'disabled')
    .forUpdate()
    .executeTakeFirst();
  if (!before) return undefined;
  const row = await db
    .updateTable('webhook_endpoints')
    .set({ status: 'active', disabled_reason: null, disabled_at: null, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(db, {
    endpointId: id,
    centreId: row.centre_id,
    action: 'enabled',
    reason: before.disabled_reason,
    actorId,
  });
  return row;
}

/** An endpoint's state changes, newest first. */
export async function endpointChanges(db: Db, endpointId: string, limit = 50) {
  return db
    .selectFrom('webhook_endpoint_changes')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * A partner's endpoint deleted through the API: disabled for good (reason 'deleted'), so
 * nothing more is sent to it while its delivery log stays for the admins.
 */
export async function markDeleted(db: Db, id: string, partnerId: string, actorId: string | null) {
  const row = await db
    .updateTable('webhook_endpoints')
    .set({ status: 'disabled', disabled_reason: 'deleted', disabled_at: new Date(), updated_at: new Date() })
    .where('id', '=', id)
    .where('partner_id', '=', partnerId)
    .where(sql<boolean>`disabled_reason IS DISTINCT FROM 'deleted'`)
    .returning(['id', 'centre_id'])
    .executeTakeFirst();
  if (row)
    await recordChange(db, {
      endpointId: id,
      centreId: row.centre_id,
      action: 'disabled',
      reason: 'deleted',
      actorId,
    });
  return row;
}

/** Active endpoints subscribed to `type` whose centre is one of `centres` (the event's chain). */
export async function subscribers(db: Db, type: string, centres: readonly string[]) {
  if (centres.length === 0) return [];
  return db
    .selectFrom('webhook_endpoints')
    .select(['id'])
    .where('status', '=', 'active')
    .where(sql<boolean>`events @> ARRAY[${type}]::text[]`)
    .where('centre_id', 'in', [...centres])
    .execute();
}

export async function insertEvents(
  db: Db,
  events: readonly { id: string; type: string; centreId: string; subjectId: string; body: string }[],
) {
  if (events.length === 0) return;
  await db
    .insertInto('webhook_events')
    .values(
      events.map((e) => ({
        id: e.id,
        type: e.type,
        centre_id: e.centreId,
        subject_id: e.subjectId,
        body: e.body,
      })),
    )
    .execute();
}

export async function insertDeliveries(
  db: Db,
  rows: { id: string; endpointId: string; eventId: string; centreId: string }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('webhook_deliveries')
    .values(
      rows.map((r) => ({ id: r.id, endpoint_id: r.endpointId, event_id: r.eventId, centre_id: r.centreId })),
    )
    .execute();
}

/** What one attempt needs: the delivery, its event's body and its endpoint. */
export async function deliveryToSend(db: Db, id: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .innerJoin('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
    .select([
      'd.id',
      'd.status',
      'd.event_id',
      'e.body',
      'w.id as endpoint_id',
      'w.url',
      'w.status as endpoint_status',
      'w.secret_enc',
      'w.previous_secret_enc',
      'w.previous_secret_until',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function recordAttempt(
  db: Db,
  id: string,
  a: {
    status: 'pending' | 'delivered' | 'failed' | 'skipped';
    httpStatus: number | null;
    error: string | null;
    durationMs: number | null;
  },
) {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: a.status,
      attempts: eb('attempts', '+', 1),
      last_status: a.httpStatus,
      last_error: a.error,
      last_attempt_at: new Date(),
      last_duration_ms: a.durationMs,
      ...(a.status === 'delivered' ? { delivered_at: new Date() } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function deliveryPage(
  db: Db,
  endpointId: string,
  o: { status?: string; deliveryId?: string; offset: number; limit: number },
) {
  let q = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .where('d.endpoint_id', '=', endpointId);
  if (o.deliveryId) q = q.where('d.id', '=', o.deliveryId);
  if (o.status) q = q.where('d.status', '=', o.status as 'pending');
  const [rows, total] = await Promise.all([
    q
      .select([
        'd.id',
        'd.event_id',
        'e.type',
        'e.subject_id',
        'd.status',
        'd.attempts',
        'd.last_status',
        'd.last_error',
        'd.last_attempt_at',
        'd.last_duration_ms',
        'd.delivered_at',
        'd.created_at',
      ])
      .orderBy('d.id', 'desc')
      .offset(o.offset)
      .limit(o.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findDelivery(db: Db, endpointId: string, id: string, lock = false) {
  let q = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .where('endpoint_id', '=', endpointId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function resetDelivery(db: Db, id: string) {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', last_error: null })
    .where('id', '=', id)
    .execute();
}
