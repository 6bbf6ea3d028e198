import type { Db } from '../db/pool.ts';

/** One message as a handler sees it. */
export interface OutboxMessage {
  id: string;
  kind: string;
  /** Stable across retries: send it to the provider as its idempotency key. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
  centreId: string | null;
  /** 1 on the first try; a claim by a worker that was killed counts as an attempt. */
  attempt: number;
  maxAttempts: number;
  notBefore: Date;
  createdAt: Date;
}

export interface OutboxHandlerContext {
  db: Db;
  /** Aborted when the handler's time is up (before the lease ends) or the worker stops. */
  signal: AbortSignal;
}

export type OutboxHandler = (msg: OutboxMessage, ctx: OutboxHandlerContext) => Promise<void>;

export interface OutboxHandlerOptions {
  /** How long a claim holds a row; a killed worker's row is due again after it (default 60 s). */
  leaseMs?: number;
  /** Handler time limit; must be shorter than the lease (default leaseMs − 5 s). */
  timeoutMs?: number;
  /** Delay before try n+1 after try n failed, before jitter (default 5 s · 2^(n−1), at most 6 h). */
  backoffMs?: (attempt: number) => number;
}

/** A failure that no retry can mend (410 Gone, a template the provider refuses): no more tries. */
export class OutboxPermanentError extends Error {
  override name = 'OutboxPermanentError';
}

/** A failure with the receiver's own retry time (Retry-After, throttling). */
export class OutboxRetryLater extends Error {
  override name = 'OutboxRetryLater';
  constructor(
    message: string,
    readonly afterMs: number,
  ) {
    super(message);
  }
}

export interface RegisteredHandler extends Required<Omit<OutboxHandlerOptions, 'timeoutMs'>> {
  handle: OutboxHandler;
  timeoutMs: number;
}

const handlers = new Map<string, RegisteredHandler>();

export const defaultBackoffMs = (attempt: number) => Math.min(5_000 * 2 ** (attempt - 1), 6 * 3600_000);

/**
 * Registers the handler of a kind (e.g. 'notification', 'webhook'). One per kind (a second
 * registration replaces the first: an app built again in one process); a worker claims only
 * the kinds registered in its process, so an older process leaves new kinds alone.
 */
export function registerOutboxHandler(kind: string, handle: OutboxHandler, opts: OutboxHandlerOptions = {}) {
  const leaseMs = opts.leaseMs ?? 60_000;
  const timeoutMs = opts.timeoutMs ?? Math.max(1_000, leaseMs - 5_000);
  if (timeoutMs >= leaseMs) throw new Error(`outbox ${kind}: timeoutMs must be shorter than leaseMs`);
  handlers.set(kind, { handle, leaseMs, timeoutMs, backoffMs: opts.backoffMs ?? defaultBackoffMs });
}

export function outboxHandler(kind: string): RegisteredHandler | undefined {
  return handlers.get(kind);
}

export function outboxKinds(): string[] {
  return [...handlers.keys()];
}
