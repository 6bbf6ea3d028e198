// A separate process running the outbox worker for webhooks (the kill -9 test forks it and
// kills it with SIGKILL mid-run). Env: WORKER_DB_URL, WORKER_DATA_KEY (hex), WORKER_LEASE_MS.
import { configureWebhookSending, deliverWebhook } from '../../src/features/webhooks/webhooks.service.ts';
import { createDb } from '../../src/platform/db/pool.ts';
import { registerOutboxHandler } from '../../src/platform/outbox/outbox.registry.ts';
import { startOutboxWorker } from '../../src/platform/outbox/outbox.worker.ts';

const env = process.env;
const leaseMs = Number(env.WORKER_LEASE_MS ?? 2000);
const { db } = createDb(env.WORKER_DB_URL!, { max: 4, applicationName: 'ilteo-test-webhook-worker' });
configureWebhookSending({
  dataKey: Buffer.from(env.WORKER_DATA_KEY!, 'hex'),
  allowPrivate: true,
  backoffMs: () => 300,
});
registerOutboxHandler('webhook', deliverWebhook, { leaseMs, timeoutMs: leaseMs - 500, backoffMs: () => 300 });
startOutboxWorker(db, { kinds: ['webhook'], concurrency: 8, batchSize: 8, idleMs: 100 });
process.send?.('ready');
