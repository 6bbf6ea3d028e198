import type { Selectable } from 'kysely';
import type { RequestContext } from '../../platform/context.ts';
import { encryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import { pageOf } from '../../platform/http/schemas.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { centreChainSettings, centreExists } from '../accounts/centres.service.ts';
import { userNames } from '../accounts/user-lookups.service.ts';
import { activePartner } from '../partners/partners.service.ts';
import { WEBHOOK_EVENT_SCOPE, type WebhookEventType } from './webhooks.catalogue.ts';
import './webhooks.messages.ts';
import { MAX_ATTEMPTS, OUTBOX_KIND } from './webhooks.deliver.ts';
import * as repo from './webhooks.repository.ts';
import { newSecret } from './webhooks.sign.ts';
import { checkHost, PrivateAddressError } from './webhooks.ssrf.ts';
import type { WebhookEndpointTable } from './webhooks.tables.ts';

export {
  configureWebhookSending,
  deliverWebhook,
  MAX_ATTEMPTS,
  OUTBOX_KIND,
  webhookBackoffMs,
} from './webhooks.deliver.ts';

/** Hours the previous secret still signs after a rotation, by default. */
export const ROTATION_GRACE_HOURS = 24;

export function presentEndpoint(e: Selectable<WebhookEndpointTable>) {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    centreId: e.centre_id,
    partnerId: e.partner_id,
    status: e.status,
    disabledReason: e.disabled_reason,
    disabledAt: e.disabled_at?.toISOString() ?? null,
    previousSecretValidUntil:
      e.previous_secret_until && e.previous_secret_until > new Date()
        ? e.previous_secret_until.toISOString()
        : null,
    createdAt: e.created_at.toISOString(),
  };
}

function inScope(ctx: RequestContext, centreId: string): boolean {
  return ctx.actor.centreScope === null || ctx.actor.centreScope.includes(centreId);
}

async function requireEndpoint(ctx: RequestContext, id: string, lock = false) {
  const e = await repo.findEndpoint(ctx.db, id, lock);
  if (!e || !inScope(ctx, e.centre_id)) throw new DomainError('not_found', 'webhook.notFound');
  return e;
}

/** 400 naming `url` unless it is http(s) (https unless private addresses are allowed) and public after DNS. */
async function checkUrl(url: string, allowPrivate: boolean): Promise<void> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid([{ field: 'url', key: 'webhook.url' }]);
  }
  if (u.protocol !== 'https:' && !(allowPrivate && u.protocol === 'http:'))
    throw invalid([{ field: 'url', key: 'webhook.https' }]);
  if (u.username || u.password) throw invalid([{ field: 'url', key: 'webhook.url' }]);
  try {
    await checkHost(u.hostname, allowPrivate);
  } catch (err) {
    throw invalid([
      {
        field: 'url',
        key: err instanceof PrivateAddressError ? 'webhook.privateAddress' : 'webhook.unresolvable',
      },
    ]);
  }
}

/**
 * Creates an endpoint with its secret, shown once. It receives the chosen events of records of
 * its centre's subtree: the partner's centre when `partnerId` is given, else `centreId`. A
 * partner's endpoint may subscribe only to the events its scopes cover (`WEBHOOK_EVENT_SCOPE`):
 * 400 `webhook.eventScope` naming the event and the scope otherwise.
 */
export async function createEndpoint(
  ctx: RequestContext,
  o: { url: string; events: WebhookEventType[]; centreId?: string; partnerId?: string },
  s: { dataKey: Buffer; allowPrivate: boolean },
) {
  const partner = o.partnerId ? await activePartner(ctx.db, o.partnerId, 'partnerId') : null;
  if (partner) {
    // A partner's endpoint receives only the events its scopes cover (WEBHOOK_EVENT_SCOPE).
    const problems = o.events.flatMap((type, i) => {
      const scope = WEBHOOK_EVENT_SCOPE[type];
      return !partner.scopes.includes(scope)
        ? [{ field: `events[${i}]`, key: 'webhook.eventScope', params: { type, scope } }]
        : [];
    });
    if (problems.length) throw invalid(problems);
  }
  const centreId = partner ? partner.centreId : (o.centreId ?? ctx.actor.centreId);
  if (!centreId) throw invalid([{ field: 'centreId', key: 'field.required' }]);
  if (!o.partnerId && !(await centreExists(ctx.db, centreId)))
    throw invalid([{ field: 'centreId', key: 'centre.notFound' }]);
  if (!inScope(ctx, centreId)) throw new DomainError('forbidden', 'error.forbidden');
  await checkUrl(o.url, s.allowPrivate);
  const secret = newSecret();
  const row = await repo.insertEndpoint(ctx.db, {
    centreId,
    partnerId: o.partnerId ?? null,
    url: o.url,
    events: [...new Set(o.events)],
    secretEnc: encryptField(s.dataKey, secret)!,
    createdBy: ctx.actor.userId,
  });
  return { ...presentEndpoint(row), secret };
}

export async function listEndpoints(ctx: RequestContext, q: { page?: number; pageSize?: number }) {
  const { page, pageSize, offset } = pageOf(q);
  const { rows, total } = await repo.endpointPage(ctx.db, ctx.actor.centreScope, { offset, limit: pageSize });
  return { items: rows.map(presentEndpoint), total, page, pageSize };
}

/**
 * A new secret, shown once; the old one keeps signing beside it (two `v1,` signatures) for
 * `graceHours`, so a receiver can switch without losing a message.
 */
export async function rotateSecret(
  ctx: RequestContext,
  o: { id: string; graceHours?: number },
  s: { dataKey: Buffer },
) {
  return ctx.db.transaction().execute(async (tx) => {
    const e = await requireEndpoint({ ...ctx, db: tx }, o.id, true);
    const secret = newSecret();
    const row = await repo.setSecrets(tx, e.id, {
      secretEnc: encryptField(s.dataKey, secret)!,
      previousEnc: e.secret_enc,
      previousUntil: new Date(Date.now() + (o.graceHours ?? ROTATION_GRACE_HOURS) * 3600_000),
    });
    return { ...presentEndpoint(row), secret };
  });
}

/** Turns a disabled endpoint (410, or by hand) back on; deliveries after it are sent again. */
export async function enableEndpoint(ctx: RequestContext, o: { id: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const e = await requireEndpoint({ ...ctx, db: tx }, o.id, true);
    // A partner deleted it: only the partner adds it again (a new endpoint and secret).
    if (e.disabled_reason === 'deleted') throw new DomainError('conflict', 'webhook.deleted');
    return presentEndpoint((await repo.enable(tx, e.id, ctx.actor.userId)) ?? e);
  });
}

/** An endpoint's state changes, newest first: 410 disabled it, who enabled it again. */
async function presentChanges(db: Db, endpointId: string) {
  const rows = await repo.endpointChanges(db, endpointId);
  const names = await userNames(
    db,
    rows.map((r) => r.actor_id),
  );
  return rows.map((r) => ({
    action: r.action,
    reason: r.reason,
    httpStatus: r.http_status,
    actorId: r.actor_id,
    actorName: r.actor_id ? (names.get(r.actor_id) ?? null) : null,
    at: r.at.toISOString(),
  }));
}

function presentDelivery(d: Awaited<ReturnType<typeof repo.deliveryPage>>['rows'][number]) {
  return {
    id: d.id,
    webhookId: `msg_${d.event_id}`,
    eventId: d.event_id,
    type: d.type,
    subjectId: d.subject_id,
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.last_status,
    lastError: d.last_error,
    lastAttemptAt: d.last_attempt_at?.toISOString() ?? null,
    lastDurationMs: d.last_duration_ms,
    deliveredAt: d.delivered_at?.toISOString() ?? null,
    createdAt: d.created_at.toISOString(),
  };
}

/** The delivery log of an endpoint, newest first. */
export async function listDeliveries(
  ctx: RequestContext,
  o: { id: string; status?: string; page?: number; pageSize?: number },
) {
  const e = await requireEndpoint(ctx, o.id);
  const { page, pageSize, offset } = pageOf(o);
  const { rows, total } = await repo.deliveryPage(ctx.db, e.id, {
    status: o.status,
    offset,
    limit: pageSize,
  });
  return {
    items: rows.map(presentDelivery),
    total,
    page,
    pageSize,
    endpoint: presentEndpoint(e),
    changes: await presentChanges(ctx.db, e.id),
  };
}

/**
 * Sends a delivery again (same `webhook-id`, a fresh timestamp and signature): a new outbox
 * message with its own tries. Refused for a disabled endpoint and for a delivery still
 * pending (it is being tried already).
 */
export async function replayDelivery(ctx: RequestContext, o: { id: string; deliveryId: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const e = await requireEndpoint({ ...ctx, db: tx }, o.id);
    if (e.status !== 'active') throw new DomainError('conflict', 'webhook.disabled');
    const d = await repo.findDelivery(tx, e.id, o.deliveryId, true);
    if (!d) throw new DomainError('not_found', 'webhook.deliveryNotFound');
    if (d.status === 'pending') throw new DomainError('conflict', 'webhook.pending');
    await repo.resetDelivery(tx, d.id);
    await enqueue(tx, {
      kind: OUTBOX_KIND,
      idempotencyKey: `webhook:${d.id}:replay:${uuidv7()}`,
      payload: { deliveryId: d.id },
      centreId: d.centre_id,
      maxAttempts: MAX_ATTEMPTS,
    });
    const page = await repo.deliveryPage(tx, e.id, { deliveryId: d.id, offset: 0, limit: 1 });
    return presentDelivery(page.rows[0]!);
  });
}

/**
 * Announces a change to the endpoints subscribed to `type` whose centre is the record's centre
 * or one above it. Call it inside the transaction of the change: the event, its deliveries and
 * their outbox messages commit with it (a rolled-back change sends nothing). The body is thin
 * (`{type, timestamp, data: {id}}`): receivers read the record through the API, within their
 * key's scopes, and that read is logged.
 */
export async function emitWebhookEvent(
  tx: Db,
  e: { type: WebhookEventType; subjectId: string; centreId: string },
): Promise<void> {
  await emitWebhookEvents(tx, [e]);
}

/**
 * {@link emitWebhookEvent} for many changes of one transaction (the nightly expiry, a 고용24
 * import): the subscribers are read once per centre and type, then the events, deliveries and
 * outbox messages are written in statements of 2,000 rows each.
 */
export async function emitWebhookEvents(
  tx: Db,
  events: readonly { type: WebhookEventType; subjectId: string; centreId: string }[],
): Promise<void> {
  const subscribed = new Map<string, string[]>();
  for (const e of events) {
    const k = `${e.centreId}:${e.type}`;
    if (subscribed.has(k)) continue;
    const chain = (await centreChainSettings(tx, e.centreId)).map((c) => c.id);
    subscribed.set(
      k,
      (await repo.subscribers(tx, e.type, chain)).map((w) => w.id),
    );
  }
  const rows = events
    .map((e) => ({ e, endpoints: subscribed.get(`${e.centreId}:${e.type}`)! }))
    .filter((x) => x.endpoints.length > 0)
    .map(({ e, endpoints }) => ({
      id: uuidv7(),
      type: e.type,
      centreId: e.centreId,
      subjectId: e.subjectId,
      body: JSON.stringify({ type: e.type, timestamp: new Date().toISOString(), data: { id: e.subjectId } }),
      endpoints,
    }));
  if (rows.length === 0) return;
  // A 10,000-row import is a few statements, not one per row, and none past PostgreSQL's
  // 65,535 parameters (an outbox row takes 8).
  for (const part of chunks(rows, 2000)) await repo.insertEvents(tx, part);
  const deliveries = rows.flatMap((ev) =>
    ev.endpoints.map((endpointId) => ({ id: uuidv7(), endpointId, eventId: ev.id, centreId: ev.centreId })),
  );
  for (const part of chunks(deliveries, 2000)) {
    await repo.insertDeliveries(tx, part);
    await enqueue(
      tx,
      part.map((d) => ({
        kind: OUTBOX_KIND,
        idempotencyKey: `webhook:${d.id}`,
        payload: { deliveryId: d.id },
        centreId: d.centreId,
        maxAttempts: MAX_ATTEMPTS,
      })),
    );
  }
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
