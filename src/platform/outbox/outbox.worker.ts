import { sql } from 'kysely';
import pg from 'pg';
import { coalesce } from '../db/coalesce.ts';
import type { Db } from '../db/pool.ts';
import { databaseUrlOf } from '../db/pool.ts';
import { uuidv7 } from '../ids.ts';
import {
  type OutboxMessage,
  OutboxPermanentError,
  OutboxRetryLater,
  outboxHandler,
  outboxKinds,
  type RegisteredHandler,
} from './outbox.registry.ts';
import { OUTBOX_CHANNEL } from './outbox.ts';

export interface OutboxWorkerOptions {
  /** Kinds this worker sends (default: every kind registered when it starts). */
  kinds?: string[];
  /** Rows claimed per statement (default 50). */
  batchSize?: number;
  /** Handlers running at once in this process (default 16). */
  concurrency?: number;
  /** Longest wait between two looks when no NOTIFY wakes the worker (default 1,000 ms). */
  idleMs?: number;
  /** LISTEN on ilteo_outbox for at-once wake-ups (default true when the Db's URL is known). */
  listen?: boolean;
  /** Done rows older than this are deleted (default 30 days; 0 keeps them). */
  keepDoneDays?: number;
  onError?: (err: unknown, msg?: OutboxMessage) => void;
}

export interface OutboxWorker {
  /** Stops claiming, lets running handlers finish for up to `graceMs`, then aborts them. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when nothing of this worker's kinds is due and nothing is in flight. */
  idle(): Promise<void>;
}

interface ClaimedRow {
  id: string;
  kind: string;
  idempotency_key: string;
  payload: Record<string, unknown>;
  centre_id: string | null;
  attempts: number;
  max_attempts: number;
  not_before: Date;
  created_at: Date;
}

/**
 * Claims due rows of the given kinds: FOR UPDATE SKIP LOCKED lets any number of workers take
 * disjoint rows, and the claim moves next_attempt_at one lease ahead, so the row is due again
 * only if this worker does not settle it in time (killed, hung). The claim commits at once.
 */
export async function claimDue(
  db: Db,
  kinds: { kind: string; leaseMs: number }[],
  limit: number,
  token: string = uuidv7(),
): Promise<{ token: string; rows: ClaimedRow[] }> {
  if (kinds.length === 0 || limit <= 0) return { token, rows: [] };
  const names = kinds.map((k) => k.kind);
  const leases = kinds.map((k) => k.leaseMs);
  const r = await sql<ClaimedRow>`
    WITH due AS (
      SELECT id FROM outbox
       WHERE status = 'pending' AND next_attempt_at <= now() AND kind = ANY(${names}::text[])
         AND attempts < max_attempts
       ORDER BY next_attempt_at
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    )
    UPDATE outbox o
       SET attempts = o.attempts + 1, claim_token = ${token}::uuid, claimed_at = now(),
           next_attempt_at = now() + l.lease_ms * interval '1 millisecond'
      FROM due, unnest(${names}::text[], ${leases}::int[]) AS l (kind, lease_ms)
     WHERE o.id = due.id AND l.kind = o.kind
    RETURNING o.id, o.kind, o.idempotency_key, o.payload, o.centre_id, o.attempts, o.max_attempts,
              o.not_before, o.created_at`.execute(db);
  return { token, rows: r.rows };
}

function toMessage(r: ClaimedRow): OutboxMessage {
  return {
    id: r.id,
    kind: r.kind,
    idempotencyKey: r.idempotency_key,
    payload: r.payload,
    centreId: r.centre_id,
    attempt: r.attempts,
    maxAttempts: r.max_attempts,
    notBefore: r.not_before,
    createdAt: r.created_at,
  };
}

const errorText = (err: unknown) =>
  (err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err)).slice(
    0,
    2000,
  );

/** Settles a claimed row; a row whose claim has passed to another worker is left alone. */
async function settle(
  db: Db,
  id: string,
  token: string,
  outcome: { failed: string } | { retryMs: number; error: string },
) {
  let q = db
    .updateTable('outbox')
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .where('status', '=', 'pending');
  if ('failed' in outcome) {
    q = q.set({ status: 'failed', claim_token: null, last_error: outcome.failed });
  } else {
    q = q.set({
      claim_token: null,
      last_error: outcome.error,
      next_attempt_at: sql<Date>`now() + ${Math.round(outcome.retryMs)} * interval '1 millisecond'`,
    });
  }
  await q.execute();
}

/**
 * The successful settle of many rows at once (one statement for the messages that finished in
 * the same turn): each row only while its claim is still this worker's.
 */
function doneSettler(db: Db) {
  return coalesce(async (rows: { id: string; token: string }[]) => {
    await sql`
      UPDATE outbox o SET status = 'done', done_at = now(), claim_token = NULL, last_error = NULL
        FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.token)}::uuid[]) AS s (id, token)
       WHERE o.id = s.id AND o.claim_token = s.token AND o.status = 'pending'`.execute(db);
    return rows.map(() => undefined);
  });
}

/** Marks rows failed whose last try was claimed and never settled (the worker died). */
async function sweep(db: Db, keepDoneDays: number) {
  await db
    .updateTable('outbox')
    .set({
      status: 'failed',
      claim_token: null,
      last_error: '마지막 시도 중 작업자가 멈췄습니다 / worker lost on the last try',
    })
    .where('status', '=', 'pending')
    .where(sql<boolean>`attempts >= max_attempts`)
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .execute();
  if (keepDoneDays > 0) {
    await sql`
      DELETE FROM outbox WHERE id IN (
        SELECT id FROM outbox WHERE status = 'done'
           AND done_at < now() - ${keepDoneDays} * interval '1 day' LIMIT 5000)`.execute(db);
  }
}

/** Runs one message's handler and settles its row. */
async function run(
  db: Db,
  reg: RegisteredHandler,
  msg: OutboxMessage,
  token: string,
  stopSignal: AbortSignal,
  onError: (e: unknown, m?: OutboxMessage) => void,
  settleDone: (row: { id: string; token: string }) => Promise<void>,
) {
  const signal = AbortSignal.any([stopSignal, AbortSignal.timeout(reg.timeoutMs)]);
  try {
    await reg.handle(msg, { db, signal });
    await settleDone({ id: msg.id, token });
  } catch (err) {
    onError(err, msg);
    const error = errorText(err);
    try {
      if (err instanceof OutboxPermanentError || msg.attempt >= msg.maxAttempts) {
        await settle(db, msg.id, token, { failed: error });
      } else {
        const base = err instanceof OutboxRetryLater ? err.afterMs : reg.backoffMs(msg.attempt);
        // Jitter: 50–100 % of the delay, so rows that failed together do not return together.
        const retryMs = err instanceof OutboxRetryLater ? base : base * (0.5 + Math.random() * 0.5);
        await settle(db, msg.id, token, { retryMs, error });
      }
    } catch (e) {
      onError(e, msg); // the lease brings the row back
    }
  }
}

/** Starts a worker loop in this process (the server starts one; tests and the bench start their own). */
export function startOutboxWorker(db: Db, opts: OutboxWorkerOptions = {}): OutboxWorker {
  const kinds = (opts.kinds ?? outboxKinds()).map((kind) => {
    const reg = outboxHandler(kind);
    if (!reg) throw new Error(`no outbox handler registered for ${kind}`);
    return { kind, leaseMs: reg.leaseMs, reg };
  });
  const batchSize = opts.batchSize ?? 50;
  const concurrency = opts.concurrency ?? 16;
  const idleMs = opts.idleMs ?? 1000;
  const keepDoneDays = opts.keepDoneDays ?? 30;
  const onError = opts.onError ?? (() => undefined);
  /** Set by stop(): no more claims. */
  let stopping = false;
  /** Aborted when stop()'s grace has passed: running handlers are told to give up. */
  const stopper = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let wake: (() => void) | null = null;
  let woken = false;
  const poke = () => {
    woken = true;
    wake?.();
  };
  let listener: pg.Client | null = null;
  let idleWaiters: (() => void)[] = [];
  let lastSweep = 0;
  const settleDone = doneSettler(db);

  const url = databaseUrlOf(db);
  async function listen() {
    if (!url || opts.listen === false || stopping) return;
    const client = new pg.Client({ connectionString: url, application_name: 'ilteo-outbox-listen' });
    client.on('notification', poke);
    client.on('error', () => {
      listener = null;
      void client.end().catch(() => undefined);
      if (!stopping) setTimeout(() => void listen().catch(onError), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    if (stopping) await client.end();
    else listener = client;
  }

  async function loop() {
    while (!stopping) {
      woken = false;
      let claimedFull = false;
      try {
        if (Date.now() - lastSweep > 60_000) {
          lastSweep = Date.now();
          await sweep(db, keepDoneDays);
        }
        const free = concurrency - inFlight.size;
        if (free > 0) {
          const { token, rows } = await claimDue(db, kinds, Math.min(batchSize, free));
          claimedFull = rows.length === Math.min(batchSize, free);
          for (const row of rows) {
            const reg = outboxHandler(row.kind) ?? kinds.find((k) => k.kind === row.kind)!.reg;
            const p = run(db, reg, toMessage(row), token, stopper.signal, onError, settleDone).finally(() => {
              inFlight.delete(p);
              poke();
            });
            inFlight.add(p);
          }
          if (rows.length === 0 && inFlight.size === 0) {
            const waiters = idleWaiters;
            idleWaiters = [];
            for (const w of waiters) w();
          }
        }
      } catch (err) {
        onError(err);
        await new Promise((r) => setTimeout(r, 1000));
      }
      if (claimedFull && inFlight.size < concurrency) continue;
      if (woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (woken || stopping) wake();
      });
      wake = null;
    }
  }

  void listen().catch(onError);
  const looping = loop();

  return {
    async stop(graceMs = 5000) {
      if (stopping) return;
      stopping = true;
      wake?.();
      await looping.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((r) => {
        timer = setTimeout(r, graceMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      stopper.abort();
      await Promise.allSettled([...inFlight]);
      await listener?.end().catch(() => undefined);
      for (const w of idleWaiters) w();
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        poke();
      });
    },
  };
}
