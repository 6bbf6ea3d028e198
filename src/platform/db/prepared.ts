import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Named prepared statements for the application's queries (issue 23 item 8).
 *
 * Kysely sends every statement unnamed, so PostgreSQL plans it again on every execution. Under
 * the staff seeker list's load, planning was 40 % of the database's time (pg_stat_statements:
 * the session lookup planned for 0.66 ms and ran for 0.18 ms; the list page planned for 2.7 ms).
 * A named statement is planned once per connection and then, after its first five executions,
 * kept as a generic plan when that is no dearer than planning afresh (PostgreSQL's own rule).
 *
 * This wraps the pool kysely is given: a plain SELECT, INSERT, UPDATE, DELETE or WITH statement
 * of one to `MAX_PARAMETERS` parameters is sent with a name derived from its text; anything
 * else (DDL, multi-row inserts of varying size, COPY, cursors) goes unnamed as before. Each
 * connection keeps at most `MAX_PER_CONNECTION` names, so the server's memory per session stays
 * bounded. A statement that fails because its table changed under a cached plan (a migration
 * of a running test database) is sent again unnamed and never named again on that connection.
 */
export const MAX_PARAMETERS = 64;
export const MAX_PER_CONNECTION = 400;

const PREPARABLE = /^\s*(select|insert|update|delete|with)\s/i;

interface ClientState {
  names: Map<string, string>;
  refused: Set<string>;
}

function nameFor(state: ClientState, text: string, paramCount: number): string | null {
  // Without parameters pg sends the simple protocol, which also runs several commands at once
  // (migrations); a name would need the extended one.
  if (paramCount === 0 || paramCount > MAX_PARAMETERS) return null;
  if (!PREPARABLE.test(text) || state.refused.has(text)) return null;
  const known = state.names.get(text);
  if (known) return known;
  if (state.names.size >= MAX_PER_CONNECTION) return null;
  const name = `i_${createHash('sha1').update(text).digest('base64url')}`;
  state.names.set(text, name);
  return name;
}

/** PostgreSQL: "cached plan must not change result type" (a table changed under the plan). */
const isStalePlan = (e: unknown) => (e as { code?: string }).code === '0A000';

type Wrapped = ReturnType<typeof wrapClient>;
const wrappers = new WeakMap<pg.PoolClient, Wrapped>();

/**
 * The client kysely uses: named statements where they help, everything else unchanged. One
 * wrapper per pooled connection (kysely keeps its own state per client object).
 */
function wrapClient(client: pg.PoolClient) {
  const s: ClientState = { names: new Map(), refused: new Set() };
  return {
    get processID() {
      return (client as unknown as { processID?: number }).processID;
    },
    query(text: unknown, values?: readonly unknown[]) {
      if (typeof text !== 'string') return client.query(text as pg.QueryConfig);
      const name = nameFor(s, text, values?.length ?? 0);
      if (!name) return client.query(text, values as unknown[]);
      return client.query({ name, text, values: values as unknown[] }).catch((e: unknown) => {
        if (!isStalePlan(e)) throw e;
        s.names.delete(text);
        s.refused.add(text);
        return client.query(text, values as unknown[]);
      });
    },
    release(err?: Error | boolean) {
      client.release(err);
    },
  };
}

/** The pool as kysely's PostgresDialect sees it, with named statements. */
export function preparingPool(pool: pg.Pool) {
  return {
    Client: (pool as unknown as { Client: unknown }).Client,
    options: pool.options,
    async connect() {
      const client = await pool.connect();
      let w = wrappers.get(client);
      if (!w) {
        w = wrapClient(client);
        wrappers.set(client, w);
      }
      return w;
    },
    end() {
      return pool.end();
    },
  };
}
