import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { createDb } from '../db/pool.ts';
import { toProblem } from './problem.ts';

// Issue 23 item 2: /readyz said 200 while one import's open transaction blocked every centre.
const t = await testApp({ ILTEO_READY_STUCK_SECONDS: '1', ILTEO_READY_POOL_MS: '300' });
const ready = async () => (await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Ready once the app's own start-up work (index builds in a snapshot) is over. */
async function settled() {
  for (let i = 0; i < 50 && (await ready()) !== 200; i++) await sleep(200);
  return ready();
}

describe('/readyz', () => {
  it('fails while a session waits for a lock past the limit, and recovers', async () => {
    expect(await settled()).toBe(200);
    const holder = new pg.Client({ connectionString: t.url });
    const waiter = new pg.Client({ connectionString: t.url });
    await holder.connect();
    await waiter.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(4242)');
      const waiting = waiter.query('SELECT pg_advisory_xact_lock(4242)');
      // The holder is idle in its transaction and the waiter waits: both count after 1 s.
      await sleep(1500);
      const res = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.json()).toMatchObject({ status: 'sessions stuck', waitingForLock: 1, idleInTransaction: 1 });
      expect(res.statusCode).toBe(503);
      await holder.query('ROLLBACK');
      await waiting;
    } finally {
      await holder.end();
      await waiter.end();
    }
    expect(await ready()).toBe(200);
  });

  it('fails when the pool serves no connection in time', async () => {
    const held = await Promise.all(Array.from({ length: t.pool.options.max }, () => t.pool.connect()));
    try {
      const res = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.json()).toMatchObject({ status: 'database pool exhausted' });
      expect(res.statusCode).toBe(503);
    } finally {
      for (const c of held) c.release();
    }
    expect(await ready()).toBe(200);
  });
});

describe('pool timeouts', () => {
  it('cancels a statement past statement_timeout and ends a session idle in a transaction', async () => {
    const { db } = createDb(t.url, { max: 2, statementTimeoutMs: 300, idleInTransactionTimeoutMs: 500 });
    try {
      const cancelled = await sql`SELECT pg_sleep(2)`.execute(db).catch((e) => e);
      expect(cancelled).toMatchObject({ code: '57014' });
      // Answered as 503 unavailable, not as a 500 bug.
      expect(toProblem(cancelled, 'en')).toMatchObject({ status: 503, code: 'unavailable' });
      const tx = db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        await sleep(1200);
        await sql`SELECT 1`.execute(trx);
      });
      await expect(tx).rejects.toThrow();
      const idle = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(t.db);
      expect(idle.rows[0]!.n).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
