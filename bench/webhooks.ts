import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import type { Bench } from '../src/cli/bench.ts';
import { createCentre } from '../src/features/accounts/centres.service.ts';
import { accountActor } from '../src/features/accounts/sessions.service.ts';
import { createUser } from '../src/features/accounts/users.service.ts';
import { sendWebhook } from '../src/features/webhooks/webhooks.send.ts';
import {
  configureWebhookSending,
  createEndpoint,
  emitWebhookEvent,
} from '../src/features/webhooks/webhooks.service.ts';
import { webhookHeaders } from '../src/features/webhooks/webhooks.sign.ts';
import { startEmbedded } from '../src/platform/db/embedded.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createDb, type Db, withDatabase } from '../src/platform/db/pool.ts';
import { startOutboxWorker } from '../src/platform/outbox/outbox.worker.ts';

/**
 * `npm run bench -- webhooks [--samples N]` (default 10,000 changes): each change is a
 * transaction that announces a posting change (emitWebhookEvent: event, delivery, outbox row);
 * an outbox worker signs and POSTs them to a local receiver that verifies every signature with
 * the `standardwebhooks` reference library and keeps each webhook-id. Reported:
 * - `outbox`: a receiver that always answers 204 — lost (committed but never delivered),
 *   duplicated (delivered twice by webhook-id), bad signatures, and commit → delivery p50/p99;
 * - `flaky`: a receiver that answers 500 to half the requests at random (retries 200 ms apart
 *   instead of the Standard Webhooks schedule, so the run ends in seconds): every event must
 *   still be delivered, once;
 * - `peer`: the same changes sent the naive way — commit, then POST straight from the writer,
 *   no outbox (nothing survives a crash, nothing is retried) — measured in the same run, and
 *   the ratio of the two p99s.
 * One JSON line at the end. Nothing leaves the machine (ILTEO_WEBHOOK_ALLOW_PRIVATE for 127.0.0.1).
 */

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
}

interface Receiver {
  url: string;
  /** webhook-id → times it was answered 2xx */
  delivered: Map<string, number>;
  /** data.id (the change) → receive time */
  receivedAt: Map<string, number>;
  requests: number;
  badSignatures: number;
  secret: string;
  close(): Promise<void>;
}

async function receiver(failRate: number): Promise<Receiver> {
  const r: Receiver = {
    url: '',
    delivered: new Map(),
    receivedAt: new Map(),
    requests: 0,
    badSignatures: 0,
    secret: '',
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.requests++;
      const body = Buffer.concat(chunks).toString('utf8');
      if (Math.random() < failRate) {
        res.writeHead(500).end();
        return;
      }
      let payload: { data: { id: string } };
      try {
        payload = new Webhook(r.secret).verify(
          body,
          req.headers as IncomingHttpHeaders as Record<string, string>,
        ) as {
          data: { id: string };
        };
      } catch {
        r.badSignatures++;
        res.writeHead(400).end();
        return;
      }
      const id = String(req.headers['webhook-id']);
      r.delivered.set(id, (r.delivered.get(id) ?? 0) + 1);
      if (!r.receivedAt.has(payload.data.id)) r.receivedAt.set(payload.data.id, performance.now());
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return r;
}

/** Runs `count` changes from `writers` concurrent writers; `after` runs once each commits. */
async function changes(
  db: Db,
  count: number,
  writers: number,
  centreId: string,
  committedAt: Map<string, number>,
  after?: (subjectId: string) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < count) {
        next++;
        const subjectId = randomUUID();
        await db
          .transaction()
          .execute((tx) => emitWebhookEvent(tx, { type: 'posting.updated', subjectId, centreId }));
        committedAt.set(subjectId, performance.now());
        if (after) await after(subjectId);
      }
    }),
  );
}

async function waitFor(done: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

function latencies(committed: Map<string, number>, rx: Receiver): number[] {
  const out: number[] = [];
  for (const [id, at] of committed) {
    const got = rx.receivedAt.get(id);
    if (got !== undefined) out.push(got - at);
  }
  return out;
}

export const run: Bench['run'] = async ({ options }) => {
  const count = Number(options.samples ?? 10_000);
  const writers = 8;
  const log = (m: string) => process.stderr.write(`[webhooks bench] ${m}\n`);
  let stop: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-bench-webhooks-'));
    const server = await startEmbedded({ dataDir: dir, durable: false });
    serverUrl = server.url;
    stop = server.stop;
  }
  const name = `ilteo_bench_webhooks_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const { db } = createDb(withDatabase(serverUrl, name), { max: 12 });
  const { db: workerDb } = createDb(withDatabase(serverUrl, name), {
    max: 8,
    applicationName: 'ilteo-outbox',
  });
  const dataKey = randomBytes(32);
  try {
    await migrateToLatest(db);
    const centre = await createCentre(db, { name: '벤치 센터', kind: 'centre', regionCode: '11140' });
    const user = await createUser(db, null, {
      login: 'bench-admin',
      password: randomBytes(18).toString('base64url'),
      name: '벤치 관리자',
      role: 'admin',
    });
    // A national admin without its second factor yet: the bench acts as one that has it.
    const actor = { ...(await accountActor(db, user.id))!, centreScope: null, totpEnrolmentRequired: false };
    const ctx = { db, actor, ip: null, lang: 'ko' as const };
    const hooks = { dataKey, allowPrivate: true };

    // 1. The outbox path, a receiver that always answers.
    configureWebhookSending({ ...hooks });
    let worker = startOutboxWorker(workerDb, { kinds: ['webhook'], concurrency: 16, idleMs: 200 });
    const ok = await receiver(0);
    const okEp = await createEndpoint(
      ctx,
      { url: ok.url, events: ['posting.updated'], centreId: centre.id },
      hooks,
    );
    ok.secret = okEp.secret;
    const committed = new Map<string, number>();
    log(`${count} changes → outbox → receiver`);
    const t0 = performance.now();
    await changes(db, count, writers, centre.id, committed);
    const commitMs = performance.now() - t0;
    await waitFor(() => ok.receivedAt.size >= count, 300_000);
    const outboxMs = performance.now() - t0;
    const okLat = latencies(committed, ok);
    const okDup = [...ok.delivered.values()].filter((n) => n > 1).length;
    await db.updateTable('webhook_endpoints').set({ status: 'disabled' }).where('id', '=', okEp.id).execute();

    // 2. A receiver that fails half the time; retries compressed to 200 ms.
    await worker.stop(2000);
    configureWebhookSending({ ...hooks, backoffMs: () => 200 });
    worker = startOutboxWorker(workerDb, { kinds: ['webhook'], concurrency: 16, idleMs: 100 });
    const flaky = await receiver(0.5);
    const flakyEp = await createEndpoint(
      ctx,
      { url: flaky.url, events: ['posting.updated'], centreId: centre.id },
      hooks,
    );
    flaky.secret = flakyEp.secret;
    const flakyCommitted = new Map<string, number>();
    log(`${count} changes → receiver failing half the time`);
    const t1 = performance.now();
    await changes(db, count, writers, centre.id, flakyCommitted);
    await waitFor(() => flaky.receivedAt.size >= count, 600_000);
    const flakyMs = performance.now() - t1;
    const flakyDup = [...flaky.delivered.values()].filter((n) => n > 1).length;
    const failedRows = await db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('endpoint_id', '=', flakyEp.id)
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow();
    await worker.stop(2000);
    await db
      .updateTable('webhook_endpoints')
      .set({ status: 'disabled' })
      .where('id', '=', flakyEp.id)
      .execute();

    // 3. Peer: commit, then POST straight from the writer (no outbox, no retry, no durability).
    const direct = await receiver(0);
    direct.secret = `whsec_${randomBytes(32).toString('base64')}`;
    const directCommitted = new Map<string, number>();
    log(`${count} changes → direct POST after commit (peer)`);
    const t2 = performance.now();
    let directFailed = 0;
    await changes(db, count, writers, centre.id, directCommitted, async (subjectId) => {
      const body = JSON.stringify({
        type: 'posting.updated',
        timestamp: new Date().toISOString(),
        data: { id: subjectId },
      });
      const res = await sendWebhook(
        direct.url,
        webhookHeaders([direct.secret], `msg_${subjectId}`, body),
        body,
        {
          allowPrivate: true,
        },
      ).catch(() => null);
      if (!res || res.status >= 300) directFailed++;
    });
    const directMs = performance.now() - t2;
    const directLat = latencies(directCommitted, direct);
    await Promise.all([ok.close(), flaky.close(), direct.close()]);

    const flakyLat = latencies(flakyCommitted, flaky);
    const out = {
      bench: 'webhooks',
      changes: count,
      writers,
      outbox: {
        delivered: ok.receivedAt.size,
        lost: count - ok.receivedAt.size,
        duplicated: okDup,
        badSignatures: ok.badSignatures,
        commitsPerSec: Math.round(count / (commitMs / 1000)),
        deliveriesPerSec: Math.round(ok.receivedAt.size / (outboxMs / 1000)),
        commitToDelivery: { p50Ms: pct(okLat, 50), p99Ms: pct(okLat, 99), maxMs: pct(okLat, 100) },
      },
      flaky: {
        failRate: 0.5,
        requests: flaky.requests,
        delivered: flaky.receivedAt.size,
        lost: count - flaky.receivedAt.size,
        duplicated: flakyDup,
        badSignatures: flaky.badSignatures,
        failedDeliveries: Number(failedRows.n),
        seconds: Math.round(flakyMs / 100) / 10,
        commitToDelivery: { p50Ms: pct(flakyLat, 50), p99Ms: pct(flakyLat, 99) },
      },
      peer: {
        how: 'POST from the writer right after commit, no outbox',
        delivered: direct.receivedAt.size,
        failed: directFailed,
        changesPerSec: Math.round(count / (directMs / 1000)),
        commitToDelivery: { p50Ms: pct(directLat, 50), p99Ms: pct(directLat, 99) },
      },
      p99VsPeer: pct(directLat, 99) ? Math.round((pct(okLat, 99) / pct(directLat, 99)) * 10) / 10 : null,
    };
    console.log(JSON.stringify(out));
  } finally {
    await db.destroy();
    await workerDb.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    if (stop) await stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
};
