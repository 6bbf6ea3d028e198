import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/support/db.ts';
import { createDb } from '../db/pool.ts';
import { OutboxPermanentError, registerOutboxHandler } from './outbox.registry.ts';
import { enqueue, listOutbox } from './outbox.ts';
import { claimDue, startOutboxWorker } from './outbox.worker.ts';

const { db, url } = await testDb();

/** A stand-in provider: every call it receives, by idempotency key (as a real provider dedupes). */
const received = new Map<string, number>();
/** When the provider first received each key (Date.now(): the database runs on this machine's clock). */
const firstReceivedAt = new Map<string, number>();
let failFirst = new Set<string>();
registerOutboxHandler(
  'test.send',
  async (msg) => {
    if (failFirst.delete(msg.idempotencyKey)) throw new Error('provider down');
    if (msg.payload.permanent) throw new OutboxPermanentError('template refused');
    received.set(msg.idempotencyKey, (received.get(msg.idempotencyKey) ?? 0) + 1);
    if (!firstReceivedAt.has(msg.idempotencyKey)) firstReceivedAt.set(msg.idempotencyKey, Date.now());
  },
  { leaseMs: 1500, timeoutMs: 1000, backoffMs: () => 400 },
);

const sent = (key: string) => received.get(key) ?? 0;

/** Waits until `check` holds, or gives up after `ms` (the assertions after it then fail). */
async function until(check: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}
let n = 0;
const key = () => `k-${++n}-${Math.random().toString(36).slice(2)}`;

describe('outbox', () => {
  it('a rolled-back change sends nothing; a repeated idempotency key is written once', async () => {
    const k = key();
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueue(trx, { kind: 'test.send', idempotencyKey: k, payload: { id: 'x' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const w = startOutboxWorker(db, { kinds: ['test.send'] });
    await w.idle();
    await w.stop();
    expect(sent(k)).toBe(0);
    expect(await db.selectFrom('outbox').where('idempotency_key', '=', k).selectAll().execute()).toEqual([]);

    const k2 = key();
    expect(await enqueue(db, { kind: 'test.send', idempotencyKey: k2, payload: {} })).toHaveLength(1);
    expect(await enqueue(db, { kind: 'test.send', idempotencyKey: k2, payload: {} })).toHaveLength(0);
  });

  it('a committed change is delivered once a worker starts (after a restart), and marked done', async () => {
    const k = key();
    await db
      .transaction()
      .execute((trx) => enqueue(trx, { kind: 'test.send', idempotencyKey: k, payload: { id: 1 } }));
    expect(sent(k)).toBe(0); // no worker running: the process is down
    const w = startOutboxWorker(db, { kinds: ['test.send'] });
    await w.idle();
    await w.stop();
    expect(sent(k)).toBe(1);
    const [row] = await listOutbox(db, { kind: 'test.send' }).then((r) =>
      r.filter((x) => x.idempotencyKey === k),
    );
    expect(row).toMatchObject({ status: 'done', attempts: 1, lastError: null });
  });

  it('two workers on two pools never deliver one row twice', async () => {
    const keys = Array.from({ length: 400 }, key);
    await enqueue(
      db,
      keys.map((k) => ({ kind: 'test.send', idempotencyKey: k, payload: {} })),
    );
    const other = createDb(url, { max: 4 });
    afterAll(() => other.db.destroy());
    const a = startOutboxWorker(db, { kinds: ['test.send'], batchSize: 7, concurrency: 8 });
    const b = startOutboxWorker(other.db, { kinds: ['test.send'], batchSize: 7, concurrency: 8 });
    await Promise.all([a.idle(), b.idle()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(keys.filter((k) => sent(k) !== 1)).toEqual([]);
    const left = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM outbox WHERE idempotency_key = ANY(${keys}) AND status <> 'done'`.execute(
      db,
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it('a row claimed by a worker killed before sending is delivered once, after the lease', async () => {
    const k = key();
    await enqueue(db, { kind: 'test.send', idempotencyKey: k, payload: {} });
    // The "killed" worker: it claims and never settles.
    const claimedFrom = Date.now();
    const claimed = await claimDue(db, [{ kind: 'test.send', leaseMs: 1500 }], 1000);
    expect(claimed.rows.map((r) => r.idempotency_key)).toContain(k);
    const w = startOutboxWorker(db, { kinds: ['test.send'], idleMs: 100 });
    await until(() => sent(k) > 0, 60_000);
    await w.stop();
    expect(firstReceivedAt.get(k)).toBeGreaterThanOrEqual(claimedFrom + 1500); // not while leased
    expect(sent(k)).toBe(1);
    const row = await db
      .selectFrom('outbox')
      .where('idempotency_key', '=', k)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a failure is retried after a jittered backoff with its error kept; a permanent one is not retried', async () => {
    const k = key();
    failFirst = new Set([k]);
    const p = key();
    await enqueue(db, [
      { kind: 'test.send', idempotencyKey: k, payload: {} },
      { kind: 'test.send', idempotencyKey: p, payload: { permanent: true } },
    ]);
    // The worker is stopped from inside the failure report, before it can claim the row again, so
    // the row is read as the failure left it however slow the machine is (no fixed sleeps).
    let failedAt = 0;
    let stopped: Promise<void> | undefined;
    const w = startOutboxWorker(db, {
      kinds: ['test.send'],
      idleMs: 50,
      onError: (_err, msg) => {
        if (msg?.idempotencyKey !== k || stopped) return;
        failedAt = Date.now();
        stopped = w.stop();
      },
    });
    await until(() => stopped !== undefined, 60_000);
    await stopped;
    const settledBy = Date.now();
    const afterFail = await db
      .selectFrom('outbox')
      .where('idempotency_key', '=', k)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(afterFail).toMatchObject({ status: 'pending', attempts: 1, last_error: 'provider down' });
    // backoffMs is 400 and the jitter keeps 50–100 % of it: due again 200–400 ms after the
    // failure was settled, which happened between failedAt and settledBy.
    const next = afterFail.next_attempt_at.getTime();
    expect(next).toBeGreaterThanOrEqual(failedAt + 200);
    expect(next).toBeLessThanOrEqual(settledBy + 400);

    const w2 = startOutboxWorker(db, { kinds: ['test.send'], idleMs: 50 });
    await until(() => sent(k) > 0, 60_000);
    await w2.stop();
    expect(firstReceivedAt.get(k)).toBeGreaterThanOrEqual(next);
    expect(sent(k)).toBe(1);
    expect(sent(p)).toBe(0);
    const rows = await db.selectFrom('outbox').where('idempotency_key', 'in', [k, p]).selectAll().execute();
    expect(Object.fromEntries(rows.map((r) => [r.idempotency_key, [r.status, r.attempts]]))).toEqual({
      [k]: ['done', 2],
      [p]: ['failed', 1],
    });
  });

  it('holds a message until not_before', async () => {
    const k = key();
    const notBefore = new Date(Date.now() + 600);
    await enqueue(db, { kind: 'test.send', idempotencyKey: k, payload: {}, notBefore });
    const w = startOutboxWorker(db, { kinds: ['test.send'], idleMs: 50 });
    await until(() => sent(k) > 0, 60_000);
    await w.stop();
    expect(firstReceivedAt.get(k)).toBeGreaterThanOrEqual(notBefore.getTime());
    expect(sent(k)).toBe(1);
  });
});
