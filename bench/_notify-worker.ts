// A worker process of the notifications bench: the outbox worker with the notification handler
// and the `http` provider to the bench's local receiver. The bench kills one with SIGKILL
// mid-run and starts another; SIGTERM stops it cleanly.
import { pino } from 'pino';
import { makeProviders, notificationHandler } from '../src/features/notifications/notifications.send.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createDb } from '../src/platform/db/pool.ts';
import { registerOutboxHandler } from '../src/platform/outbox/outbox.registry.ts';
import { startOutboxWorker } from '../src/platform/outbox/outbox.worker.ts';

const env = process.env;
const config = loadConfig({
  ILTEO_DATA_DIR: '/nonexistent',
  LOG_LEVEL: 'silent',
  ILTEO_NOTIFY_PROVIDER: 'http',
  ILTEO_NOTIFY_URL: env.BENCH_RECEIVER_URL,
  ILTEO_NOTIFY_SENDER: '0212345678',
});
const leaseMs = Number(env.BENCH_LEASE_MS ?? 5000);
const { db } = createDb(env.BENCH_DB_URL!, { max: 6, applicationName: 'ilteo-bench-worker' });
const providers = makeProviders(config.notify, pino({ level: 'silent' }));
registerOutboxHandler(
  'notification',
  notificationHandler({ key: Buffer.from(env.BENCH_DATA_KEY!, 'hex'), cfg: config.notify, providers }),
  { leaseMs, timeoutMs: leaseMs - 1000, backoffMs: () => 500 },
);
const worker = startOutboxWorker(db, {
  kinds: ['notification'],
  concurrency: Number(env.BENCH_CONCURRENCY ?? 16),
  batchSize: 32,
  idleMs: 200,
});
process.send?.('ready');
process.once('SIGTERM', async () => {
  await worker.stop(2000);
  await db.destroy();
  process.exit(0);
});
