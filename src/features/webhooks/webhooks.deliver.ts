import { decryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import {
  type OutboxMessage,
  OutboxPermanentError,
  OutboxRetryLater,
  registerOutboxHandler,
} from '../../platform/outbox/outbox.registry.ts';
import * as repo from './webhooks.repository.ts';
import { sendWebhook } from './webhooks.send.ts';
import { webhookHeaders } from './webhooks.sign.ts';
import { PrivateAddressError } from './webhooks.ssrf.ts';

// Sending webhooks: the retry schedule, the outbox handler and one attempt of one delivery.

export const OUTBOX_KIND = 'webhook';

/**
 * Waits after each failed try: Standard Webhooks' shape (seconds, then minutes, then hours)
 * over about three days (73 h), with 24 tries rather than the example's 10, because a receiver
 * that fails half of the requests at random would lose one event in 2^10 = 1,024 after 10 tries
 * (the bench saw 11 of 10,000); after 24 it is one in 16 million. The outbox draws each wait at
 * 50–100 % of the value given (jitter), so the values are 4/3 of the schedule: on average the
 * retries span the same three days.
 */
const SCHEDULE_MS = [
  5, 30, 120, 300, 900, 1800, 3600, 3600, 7200, 7200, 10_800, 10_800, 14_400, 14_400, 18_000, 18_000, 21_600,
  21_600, 21_600, 21_600, 21_600, 21_600, 21_600,
].map((s) => s * 1000);
export const MAX_ATTEMPTS = SCHEDULE_MS.length + 1;
export function webhookBackoffMs(attempt: number): number {
  return Math.round((SCHEDULE_MS[Math.min(attempt, SCHEDULE_MS.length) - 1] ?? SCHEDULE_MS[0]!) * (4 / 3));
}

/** What the sending side needs and the outbox handler cannot be handed per message. */
interface Runtime {
  dataKey: Buffer;
  allowPrivate: boolean;
  timeoutMs?: number;
  /** Tests and benches may shorten the schedule; the app keeps Standard Webhooks' one. */
  backoffMs?: (attempt: number) => number;
}
let runtime: Runtime | null = null;

/**
 * Registers the outbox handler of webhooks (once per process) with the data key that opens
 * endpoint secrets and the SSRF setting. The app calls it at start; a bench or test that runs
 * its own worker calls it too.
 */
export function configureWebhookSending(r: Runtime): void {
  runtime = r;
  registerOutboxHandler(OUTBOX_KIND, deliverWebhook, {
    leaseMs: 45_000,
    timeoutMs: 30_000,
    backoffMs: r.backoffMs ?? webhookBackoffMs,
  });
}
function errorText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return `${e.code ? `${e.code} ` : ''}${e.message ?? String(err)}`.slice(0, 300);
}

/**
 * The outbox handler: one attempt of one delivery. 2xx delivers; 410 disables the endpoint and
 * stops; 3xx, 4xx, 5xx, a timeout (15 s) or a refused address fail the attempt and the outbox
 * tries again on the schedule (429/502/503/504 with Retry-After wait that long); the last
 * failed attempt marks the delivery failed. Each attempt is written to the delivery log.
 */
export async function deliverWebhook(msg: OutboxMessage, { db, signal }: { db: Db; signal: AbortSignal }) {
  if (!runtime) throw new Error('webhook sending is not configured');
  const id = String(msg.payload.deliveryId);
  const d = await repo.deliveryToSend(db, id);
  if (!d || d.status === 'delivered' || d.status === 'failed') return; // sent already (a lease ran out after it)
  if (d.endpoint_status !== 'active') {
    await repo.recordAttempt(db, id, {
      status: 'skipped',
      httpStatus: null,
      error: 'endpoint disabled',
      durationMs: null,
    });
    return;
  }
  const secrets = [decryptField(runtime.dataKey, d.secret_enc)!];
  if (d.previous_secret_enc && d.previous_secret_until && d.previous_secret_until > new Date())
    secrets.push(decryptField(runtime.dataKey, d.previous_secret_enc)!);
  const headers = webhookHeaders(secrets, `msg_${d.event_id}`, d.body);
  const last = msg.attempt >= msg.maxAttempts;
  let res: Awaited<ReturnType<typeof sendWebhook>>;
  try {
    res = await sendWebhook(d.url, headers, d.body, {
      allowPrivate: runtime.allowPrivate,
      signal,
      timeoutMs: runtime.timeoutMs,
    });
  } catch (err) {
    const refused = err instanceof PrivateAddressError;
    await repo.recordAttempt(db, id, {
      status: last ? 'failed' : 'pending',
      httpStatus: null,
      error: errorText(err),
      durationMs: null,
    });
    // A refused address is tried again too: DNS may point elsewhere later, and the log says why.
    throw refused ? new Error(errorText(err)) : err;
  }
  if (res.status >= 200 && res.status < 300) {
    await repo.recordAttempt(db, id, {
      status: 'delivered',
      httpStatus: res.status,
      error: null,
      durationMs: res.durationMs,
    });
    return;
  }
  if (res.status === 410) {
    // Disabled first: whoever sees the failed delivery sees the endpoint disabled too.
    await db.transaction().execute((tx) => repo.disable(tx, d.endpoint_id, 'gone', 410));
    await repo.recordAttempt(db, id, {
      status: 'failed',
      httpStatus: 410,
      error: 'HTTP 410 Gone',
      durationMs: res.durationMs,
    });
    throw new OutboxPermanentError('HTTP 410 Gone: endpoint disabled');
  }
  await repo.recordAttempt(db, id, {
    status: last ? 'failed' : 'pending',
    httpStatus: res.status,
    error: `HTTP ${res.status}`,
    durationMs: res.durationMs,
  });
  if ([429, 502, 503, 504].includes(res.status) && res.retryAfterMs !== null)
    throw new OutboxRetryLater(`HTTP ${res.status}`, Math.min(res.retryAfterMs, 86_400_000));
  throw new Error(`HTTP ${res.status}`);
}
