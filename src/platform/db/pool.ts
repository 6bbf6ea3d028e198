import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { preparingPool } from './prepared.ts';
import type { Tables } from './tables.ts';

export type Db = Kysely<Tables>;

// Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(1082, (v) => v);
// Counts and ids from bigint columns fit in a double for our sizes.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface PoolOptions {
  max?: number;
  applicationName?: string;
  /**
   * statement_timeout and idle_in_transaction_session_timeout of every connection (ms, 0 or
   * absent = none): no single request can hold locks that stall every centre (issue 23).
   * Longer work raises its own with SET LOCAL (imports).
   */
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
}

/** Opens a pg pool and a Kysely instance over it. */
export function createDb(url: string, opts: PoolOptions = {}): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'ilteo',
    // A request that cannot get a connection in 10 s fails (503) instead of waiting forever.
    connectionTimeoutMillis: 10_000,
    // Everything is stored in UTC; presentation converts to Asia/Seoul. No JIT: the app's
    // statements answer in milliseconds, and a PostgreSQL built with LLVM compiled any whose
    // estimate passed jit_above_cost — the staff seeker list's count — for ~100 ms each time.
    options: '-c TimeZone=UTC -c jit=off',
    ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
    ...(opts.idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs }
      : {}),
  });
  pool.on('error', () => {
    // An idle client lost its server (restart, kill). The pool drops it and reconnects;
    // without this handler Node would crash the process.
  });
  pool.on('connect', (client) => {
    // The same for a client in use between two statements: the server ends a session idle in
    // a transaction past its timeout; the transaction's next statement fails and is answered.
    client.on('error', () => undefined);
  });
  // Named statements: planned once per connection, not on every execution (prepared.ts).
  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) as unknown as PostgresPool }),
  });
  urls.set(db, url);
  return { db, pool };
}

const urls = new WeakMap<Db, string>();

/** The URL a Db was opened with: for dedicated clients (LISTEN, COPY) beside the pool. */
export function databaseUrlOf(db: Db): string | undefined {
  return urls.get(db);
}

/** Returns the URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
