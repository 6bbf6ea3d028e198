import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { Db } from '../db/pool.ts';
import type { Tables } from '../db/tables.ts';
import { uuidv7 } from '../ids.ts';
import type { OutboxStatus } from './outbox.tables.ts';

export type Tx = Transaction<Tables> | Db;

export interface EnqueueInput {
  /** The handler that sends it: 'notification', 'webhook', … (registerOutboxHandler). */
  kind: string;
  /**
   * Unique across the outbox: a second enqueue with the same key is ignored (the caller's retry
   * cannot send twice). The worker hands it to the provider as its idempotency key.
   */
  idempotencyKey: string;
  /** Ids only (or sealed values): the outbox is not a place for personal data. */
  payload: Record<string, unknown>;
  centreId?: string | null;
  /** Not sent before this time (quiet hours, reminders). Default: at once. */
  notBefore?: Date;
  /** Tries before the row is marked failed (default 10). */
  maxAttempts?: number;
}

export const OUTBOX_CHANNEL = 'ilteo_outbox';

/**
 * Writes messages with the caller's transaction: they exist exactly when the change that
 * caused them commits. Returns the ids of the rows written (a repeated idempotency key writes
 * none). NOTIFY is transactional too: workers wake on commit, never before.
 */
export async function enqueue(trx: Tx, input: EnqueueInput | EnqueueInput[]): Promise<string[]> {
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) return [];
  const rows = await trx
    .insertInto('outbox')
    .values(
      list.map((m) => ({
        id: uuidv7(),
        kind: m.kind,
        idempotency_key: m.idempotencyKey,
        payload: JSON.stringify(m.payload),
        centre_id: m.centreId ?? null,
        not_before: m.notBefore ?? sql<Date>`now()`,
        next_attempt_at: m.notBefore ?? sql<Date>`now()`,
        ...(m.maxAttempts ? { max_attempts: m.maxAttempts } : {}),
      })),
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .execute();
  if (rows.length > 0) await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
  return rows.map((r) => r.id);
}

/**
 * For a feature that writes its own rows and their messages in one statement (one round trip
 * instead of two or three): the body of a data-modifying CTE that inserts the outbox rows
 * `source` selects — columns id (uuid), kind, idempotency_key, payload (jsonb), centre_id,
 * not_before, max_attempts — skipping a repeated idempotency key as {@link enqueue} does, and
 * RETURNING id. Give its CTE's name to {@link outboxWakeAfter} in the statement's final SELECT.
 */
export function outboxInsertFrom(source: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    INSERT INTO outbox (id, kind, idempotency_key, payload, centre_id, not_before, next_attempt_at, max_attempts)
    SELECT m.id, m.kind, m.idempotency_key, m.payload, m.centre_id, m.not_before, m.not_before, m.max_attempts
      FROM (${source}) AS m
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id`;
}

/**
 * A scalar for the final SELECT of a statement built with {@link outboxInsertFrom}: one NOTIFY
 * when the CTE named `written` wrote a row, none otherwise (delivered at commit, as enqueue's).
 */
export function outboxWakeAfter(written: string): RawBuilder<unknown> {
  return sql`(SELECT pg_notify(${OUTBOX_CHANNEL}, '') FROM ${sql.table(written)} LIMIT 1)`;
}

export interface OutboxRow {
  id: string;
  kind: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  centreId: string | null;
  status: OutboxStatus;
  /** pending and claimed by a worker right now */
  inFlight: boolean;
  notBefore: Date;
  nextAttemptAt: Date;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export interface ListOutboxOptions {
  kind?: string;
  status?: OutboxStatus;
  /** Only these centres' rows (null: every centre and the rows without one). */
  centreIds?: string[] | null;
  ids?: string[];
  limit?: number;
  /** Rows created before this id (keyset paging: ids are time-ordered). */
  beforeId?: string;
}

/** Rows for status pages and delivery logs, newest first. */
export async function listOutbox(db: Db, opts: ListOutboxOptions = {}): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.centreIds) q = q.where('centre_id', 'in', opts.centreIds.length ? opts.centreIds : ['']);
  if (opts.ids)
    q = q.where('id', 'in', opts.ids.length ? opts.ids : ['00000000-0000-0000-0000-000000000000']);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(Math.min(opts.limit ?? 100, 1000))
    .execute();
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    idempotencyKey: r.idempotency_key,
    payload: r.payload,
    centreId: r.centre_id,
    status: r.status,
    inFlight: r.status === 'pending' && r.claim_token !== null && r.next_attempt_at.getTime() > now,
    notBefore: r.not_before,
    nextAttemptAt: r.next_attempt_at,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    doneAt: r.done_at,
  }));
}

/** Counts per kind and status (the outbox page's summary). */
export async function outboxCounts(db: Db, kind?: string) {
  let q = db
    .selectFrom('outbox')
    .select(['kind', 'status', sql<number>`count(*)::int`.as('n')])
    .groupBy(['kind', 'status']);
  if (kind) q = q.where('kind', '=', kind);
  return q.execute();
}

/**
 * Sends a message again (manual replay of a failed or done message): pending, due now, with
 * its tries counted from zero. The idempotency key stays, so a provider that already has it
 * may answer "duplicate" — a replay that must reach the receiver again is a new message.
 */
export async function replayOutbox(trx: Tx, id: string): Promise<boolean> {
  const r = await trx
    .updateTable('outbox')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: sql<Date>`now()`,
      claim_token: null,
      claimed_at: null,
      done_at: null,
      last_error: null,
    })
    .where('id', '=', id)
    .where('status', '<>', 'pending')
    .executeTakeFirst();
  if (r.numUpdatedRows > 0n) await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
  return r.numUpdatedRows > 0n;
}

/** Withdraws pending messages (the change they announced was undone, a reminder cancelled). */
export async function cancelOutbox(trx: Tx, where: { ids?: string[]; idempotencyKeys?: string[] }) {
  const ids = where.ids ?? [];
  const keys = where.idempotencyKeys ?? [];
  if (ids.length === 0 && keys.length === 0) return 0;
  const r = await trx
    .updateTable('outbox')
    .set({ status: 'cancelled', last_error: null })
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.or([
        ...(ids.length ? [eb('id', 'in', ids)] : []),
        ...(keys.length ? [eb('idempotency_key', 'in', keys)] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
