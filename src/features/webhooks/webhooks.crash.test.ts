import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { receiver, until } from '../../../test/support/webhook-receiver.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { registerOutboxHandler } from '../../platform/outbox/outbox.registry.ts';
import { type OutboxWorker, startOutboxWorker } from '../../platform/outbox/outbox.worker.ts';
import { configureWebhookSending, deliverWebhook, emitWebhookEvent } from './webhooks.service.ts';

// kill -9 of a worker process with deliveries in flight (SECURITY.md 26): its claims run out
// with their lease, another worker delivers them, and every event reaches the receiver at least
// once under its one webhook-id — none lost. The redeliveries (same webhook-id, which receivers
// dedupe) and the time from the kill to the last arrival are printed as one JSON line.

const LEASE_MS = 2000;
const N = 150;
const t = await testApp({ ILTEO_WEBHOOK_ALLOW_PRIVATE: '1' });
const centre = await t.centre('강릉고용센터', null, '51150');
const admin = await t.user('admin', null);
let replacement: OutboxWorker | null = null;
afterAll(() => replacement?.stop(1000));

describe('webhooks survive a killed worker', () => {
  it('delivers every event after SIGKILL mid-run: lease expiry, then redelivery, none lost', async () => {
    const rx = await receiver(() => ({ status: 204 }), 150);
    expectStatus(
      await admin.post('/api/v1/webhooks', {
        url: `${rx.url}/k9`,
        events: ['posting.updated'],
        centreId: centre.id,
      }),
      201,
    );
    for (let o = 0; o < N; o += 10)
      await t.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 10; i++)
          await emitWebhookEvent(tx, { type: 'posting.updated', subjectId: uuidv7(), centreId: centre.id });
      });
    const child = fork(
      fileURLToPath(new URL('../../../test/support/webhook-worker.ts', import.meta.url)),
      [],
      {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          WORKER_DB_URL: t.url,
          WORKER_DATA_KEY: t.dataKey.toString('hex'),
          WORKER_LEASE_MS: String(LEASE_MS),
        },
        stdio: 'inherit',
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
    });
    await until(
      () => rx.got.length,
      (n) => n >= N * 0.3,
      60_000,
    );
    child.kill('SIGKILL');
    const killedAt = Date.now();
    const atKill = rx.got.length;
    await new Promise((r) => child.once('exit', r));
    // the replacement: same handler, same short lease
    configureWebhookSending({ dataKey: t.dataKey, allowPrivate: true, backoffMs: () => 300 });
    registerOutboxHandler('webhook', deliverWebhook, {
      leaseMs: LEASE_MS,
      timeoutMs: LEASE_MS - 500,
      backoffMs: () => 300,
    });
    replacement = startOutboxWorker(t.db, { kinds: ['webhook'], concurrency: 8, idleMs: 100 });
    const ids = () => new Set(rx.got.map((g) => String(g.headers['webhook-id'])));
    await until(
      () => ids().size,
      (n) => n >= N,
      90_000,
    );
    const lastAt = Date.now();
    await replacement.idle();
    expect(ids().size).toBe(N);
    const states = await t.db
      .selectFrom('webhook_deliveries')
      .select(['status'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('centre_id', '=', centre.id)
      .groupBy('status')
      .execute();
    expect(states.map((s) => [s.status, Number(s.n)])).toEqual([['delivered', N]]);
    // the killed worker's claims came back after their lease and went out again
    const retaken = await t.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'webhook')
      .where('attempts', '>', 1)
      .executeTakeFirstOrThrow();
    expect(Number(retaken.n)).toBeGreaterThan(0);
    expect(lastAt - killedAt).toBeGreaterThanOrEqual(LEASE_MS - 1000);
    console.log(
      JSON.stringify({
        test: 'webhooks-kill9',
        events: N,
        receivedBeforeKill: atKill,
        retakenAfterLease: Number(retaken.n),
        delivered: ids().size,
        redelivered: rx.got.length - N,
        leaseMs: LEASE_MS,
        killToLastMs: lastAt - killedAt,
      }),
    );
  }, 180_000);
});
