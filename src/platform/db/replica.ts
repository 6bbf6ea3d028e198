import { sql } from 'kysely';
import { createDb, type Db } from './pool.ts';

/** Where a read ran. */
export type ReadSource = 'replica' | 'primary';

export interface ReplicaOptions {
  /**
   * How long a read waits for the replica to replay the primary's WAL up to the moment the read
   * was asked for; past it the read goes to the primary (the replica lags).
   */
  maxLagMs?: number;
  /** After the replica failed (down, not a standby), how long reads skip it (ms). */
  retryAfterMs?: number;
  poolMax?: number;
}

const replicas = new WeakSet<Db>();

/** True for the Db of a streaming replica (read-only: nothing may be written through it). */
export function isReplica(db: Db): boolean {
  return replicas.has(db);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`replica did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/**
 * A failure of the replica rather than of the query: its connection (refused, reset, shut
 * down, timed out) or a query cancelled by a conflict with recovery (40001 on a standby).
 */
function replicaFailure(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (typeof err?.code === 'string') {
    if (/^E[A-Z]+$/.test(err.code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT, …
    return /^(08|57P)/.test(err.code) || err.code === '40001';
  }
  return /Connection terminated|timeout exceeded when trying to connect/i.test(err?.message ?? '');
}

/**
 * A streaming replica of the primary (PostgreSQL's own replication; DATABASE_REPLICA_URL) that
 * reports and exports read from. A read goes to the replica when it has replayed the primary's
 * WAL up to the moment the read was asked for (so a write committed before it shows), waiting at
 * most `maxLagMs`; otherwise, or when the replica is down or fails mid-read, it runs on the
 * primary. Writes never go through it.
 */
export class ReadReplica {
  readonly db: Db;
  private readonly maxLagMs: number;
  private readonly retryAfterMs: number;
  private downUntil = 0;
  /** Reads served by each side, and why the last one fell back (for tests and the log). */
  readonly served = { replica: 0, primary: 0 };
  lastFallback: string | null = null;

  constructor(url: string, opts: ReplicaOptions = {}) {
    this.db = createDb(url, { max: opts.poolMax ?? 5, applicationName: 'ilteo-replica-read' }).db;
    replicas.add(this.db);
    this.maxLagMs = opts.maxLagMs ?? 2000;
    this.retryAfterMs = opts.retryAfterMs ?? 5000;
  }

  /** Runs `fn` on the replica when it is caught up, else on the primary. */
  async read<T>(primary: Db, fn: (db: Db, source: ReadSource) => Promise<T>): Promise<T> {
    const db = await this.choose(primary);
    if (db !== primary) {
      try {
        const out = await fn(db, 'replica');
        this.served.replica++;
        return out;
      } catch (e) {
        if (!replicaFailure(e)) throw e;
        this.down(`failed mid-read: ${(e as Error).message}`);
      }
    }
    this.served.primary++;
    return fn(primary, 'primary');
  }

  private down(reason: string) {
    this.lastFallback = reason;
    this.downUntil = Date.now() + this.retryAfterMs;
  }

  private async choose(primary: Db): Promise<Db> {
    if (Date.now() < this.downUntil) return primary;
    const deadline = Date.now() + this.maxLagMs;
    try {
      // Everything committed so far is at or below the flushed WAL position.
      const at = await sql<{ lsn: string }>`SELECT pg_current_wal_flush_lsn()::text AS lsn`.execute(primary);
      const lsn = at.rows[0]!.lsn;
      for (;;) {
        const left = Math.max(50, deadline - Date.now());
        const r = await within(
          sql<{ standby: boolean; caught_up: boolean }>`SELECT pg_is_in_recovery() AS standby,
            coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) AS caught_up`.execute(this.db),
          left,
        );
        const row = r.rows[0]!;
        if (!row.standby) {
          this.down('DATABASE_REPLICA_URL is not a standby (promoted, or another server)');
          return primary;
        }
        if (row.caught_up) return this.db;
        if (Date.now() >= deadline) {
          this.lastFallback = `lag: not replayed up to ${lsn} within ${this.maxLagMs} ms`;
          return primary;
        }
        await sleep(10);
      }
    } catch (e) {
      this.down(`unreachable: ${(e as Error).message}`);
      return primary;
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Runs a read on the context's replica when there is one and it is caught up, else on the primary. */
export function onReader<T>(
  ctx: { db: Db; replica?: ReadReplica | null },
  fn: (db: Db, source: ReadSource) => Promise<T>,
): Promise<T> {
  return ctx.replica ? ctx.replica.read(ctx.db, fn) : fn(ctx.db, 'primary');
}
