import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { migrationsCurrent } from '../db/migrate.ts';
import type { Db } from '../db/pool.ts';
import type { Server } from './server.ts';

export interface ReadyLimits {
  /** A session waiting for a lock, or idle inside a transaction, longer than this: not ready. */
  stuckSeconds: number;
  /** The pool must hand out a connection within this time. */
  poolMs: number;
}

/**
 * Sessions of this database that stall others: waiting for a lock longer than the limit, or
 * idle inside a transaction (holding its locks) longer than the limit.
 */
async function stuckSessions(db: Db, seconds: number) {
  const r = await sql<{ waiting: number; idle: number }>`
    SELECT count(*) FILTER (WHERE wait_event_type = 'Lock' AND query_start < now() - make_interval(secs => ${seconds}))::int AS waiting,
           count(*) FILTER (WHERE state IN ('idle in transaction', 'idle in transaction (aborted)')
                              AND state_change < now() - make_interval(secs => ${seconds}))::int AS idle
    FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(db);
  return r.rows[0]!;
}

function within<T>(ms: number, p: Promise<T>): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** 503 as problem+json, with the reason in `status` (what load balancers and people read). */
function notReady(reply: FastifyReply, status: string, extra: Record<string, number> = {}) {
  return reply
    .status(503)
    .type('application/problem+json')
    .send({
      type: 'urn:ilteo:problem:unavailable',
      title: 'Service Unavailable',
      detail: status,
      errors: [],
      ...extra,
      status,
    });
}

/**
 * /healthz: the process answers. /readyz: the pool serves a connection quickly, the schema is
 * current, and no session has been stuck on a lock or idle in a transaction past the limit
 * (issue 23: an import left "idle in transaction" blocked every centre while /readyz said 200).
 */
export function registerHealth(
  app: Server,
  db: Db,
  limits: ReadyLimits = { stuckSeconds: 30, poolMs: 2000 },
) {
  app.get('/healthz', { schema: { tags: ['platform'], summary: 'Process is up' } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['platform'],
        summary: 'Pool serves, migrations current, no session stuck on a lock or idle in a transaction',
      },
    },
    async (_req, reply) => {
      try {
        // A query still waiting for its connection ends by itself later; the answer cannot wait.
        const s = await within(limits.poolMs, stuckSessions(db, limits.stuckSeconds));
        if (s === 'timeout') return notReady(reply, 'database pool exhausted');
        if (s.waiting > 0 || s.idle > 0) {
          return notReady(reply, 'sessions stuck', { waitingForLock: s.waiting, idleInTransaction: s.idle });
        }
        if (!(await migrationsCurrent(db))) return notReady(reply, 'migrations pending');
        return { status: 'ready' };
      } catch {
        return notReady(reply, 'database unreachable');
      }
    },
  );
}
