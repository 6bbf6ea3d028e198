import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { Bench } from '../src/cli/bench.ts';
import { createCentre } from '../src/features/accounts/centres.service.ts';
import { notifyMany } from '../src/features/notifications/notifications.service.ts';
import { encryptField } from '../src/platform/crypto/fields.ts';
import { startEmbedded } from '../src/platform/db/embedded.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createDb, type Db, withDatabase } from '../src/platform/db/pool.ts';
import { uuidv7 } from '../src/platform/ids.ts';
import { registerOutboxHandler } from '../src/platform/outbox/outbox.registry.ts';
import { enqueue } from '../src/platform/outbox/outbox.ts';
import { startOutboxWorker } from '../src/platform/outbox/outbox.worker.ts';
import { countRoundTrips, runWritingAlone, writeFigures } from './_notify-write.ts';

/**
 * `npm run bench -- notifications [--samples N] [--batch M]`: N messages (10,000) written by
 * `notify()` in transactions of M (10) while two worker processes drain them to a local `http`
 * receiver; one worker is killed with SIGKILL when 40 % have arrived and another started. Counts
 * what arrived (lost = committed and never received; repeated idempotency keys are the
 * redeliveries a provider dedupes), messages/s and p50/p99 from commit to arrival. Peers in the
 * same run, same receiver, same machine: the bare outbox (enqueue + a handler that only POSTs)
 * and a pg-boss queue (send in batches, work → POST). One JSON line at the end.
 */
export const run: Bench['run'] = async ({ options }) => {
  const n = Number(options.samples ?? 10_000);
  const batch = Number(options.batch ?? 10);
  let stopPg: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-bench-notify-'));
    const server = await startEmbedded({ dataDir: dir, durable: false });
    serverUrl = server.url;
    stopPg = server.stop;
  }
  const name = `ilteo_bench_notify_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const { db, pool } = createDb(url, { max: 8 });
  const trips = countRoundTrips(pool);
  const log = (m: string) => process.stderr.write(`[notifications bench] ${m}\n`);
  const receiver = new Receiver();
  await receiver.listen();
  try {
    await migrateToLatest(db);
    const key = randomBytes(32);
    const centre = await createCentre(db, {
      name: '벤치센터',
      kind: 'city',
      parentId: null,
      regionCode: '11140',
    });
    // The bench runs at any hour: the template is urgent, so quiet hours hold nothing.
    await db
      .updateTable('notification_templates')
      .set({ urgent: true })
      .where('key', '=', 'referral_result')
      .execute();
    log(`${n} seekers with phones`);
    const seekers = await makeSeekers(db, key, centre.id, n);

    // 1. notifications end to end, a worker killed mid-run
    const notif = await runNotifications({
      db,
      url,
      key,
      receiver,
      seekers,
      centreId: centre.id,
      batch,
      log,
      trips,
    });
    // 2. peer: the bare outbox
    const outbox = await runBareOutbox({ db, receiver, n, batch, log });
    // 3. peer: pg-boss
    const boss = await runPgBoss({ url, receiver, n, batch, log });
    // 4. the writing side alone (no worker running), notifyMany and the bare enqueue in turns
    const writing = await runWritingAlone({ db, trips, seekers, centreId: centre.id, batch, log });
    console.log(
      JSON.stringify({
        bench: 'notifications',
        messages: n,
        batch,
        cores: os.availableParallelism(),
        notifications: notif,
        peers: { bareOutbox: outbox, pgBoss: boss },
        writingAlone: writing,
      }),
    );
  } finally {
    await receiver.close();
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stopPg?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
};

/** The local receiver: arrival time per idempotency key, and how often each key came. */
class Receiver {
  private server = http.createServer((req, res) => {
    const key = String(req.headers['idempotency-key'] ?? '');
    req.resume();
    req.on('end', () => {
      const now = Date.now();
      const seen = this.count.get(key) ?? 0;
      this.count.set(key, seen + 1);
      if (!seen) this.first.set(key, now);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  count = new Map<string, number>();
  first = new Map<string, number>();
  url = '';
  reset() {
    this.count.clear();
    this.first.clear();
  }
  async listen() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/send`;
  }
  close() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
  /**
   * Waits until `keys` all arrived, giving up only when nothing new arrived for `stallMs` (a
   * loaded machine drains slowly; what never arrives then counts as lost).
   */
  async until(keys: string[], stallMs: number) {
    let seen = -1;
    let since = Date.now();
    while (keys.some((k) => !this.count.has(k))) {
      if (this.count.size !== seen) {
        seen = this.count.size;
        since = Date.now();
      } else if (Date.now() - since > stallMs) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  figures(commits: Map<string, number>, started: number) {
    const lat: number[] = [];
    let lost = 0;
    let repeated = 0;
    let last = started;
    for (const [k, at] of commits) {
      const got = this.first.get(k);
      if (got === undefined) {
        lost++;
        continue;
      }
      lat.push(got - at);
      last = Math.max(last, got);
      repeated += (this.count.get(k) ?? 1) - 1;
    }
    lat.sort((a, b) => a - b);
    const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? null;
    return {
      received: lat.length,
      lost,
      repeatedKeys: repeated,
      seconds: Math.round((last - started) / 100) / 10,
      perSec: Math.round(lat.length / ((last - started) / 1000)),
      p50Ms: q(0.5),
      p99Ms: q(0.99),
      maxMs: lat.at(-1) ?? null,
    };
  }
}

async function makeSeekers(db: Db, key: Buffer, centreId: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let o = 0; o < n; o += 1000) {
    const rows = [];
    for (let i = o; i < Math.min(n, o + 1000); i++) {
      const id = uuidv7();
      ids.push(id);
      const phone = `010-${String(1000 + Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`;
      rows.push({
        id,
        centre_id: centreId,
        registration_no: `B-${i}`,
        name: `구직자${i}`,
        birth_date: '1980-01-01',
        phone_enc: encryptField(key, phone)!,
        phone_bi: `bench-${i}`,
        region_code: '11140',
        education_level: '03',
        desired_occupations: ['5501'],
        registered_at: '2026-01-05',
      });
    }
    await db.insertInto('seekers').values(rows).execute();
  }
  return ids;
}

function startWorker(env: Record<string, string>) {
  const file = fileURLToPath(new URL('./_notify-worker.ts', import.meta.url));
  const child = fork(file, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
  return { child, ready };
}

async function runNotifications(a: {
  db: Db;
  url: string;
  key: Buffer;
  receiver: Receiver;
  seekers: string[];
  centreId: string;
  batch: number;
  log: (m: string) => void;
  trips: { n: number };
}) {
  const leaseMs = 5000;
  const env = {
    BENCH_DB_URL: a.url,
    BENCH_RECEIVER_URL: a.receiver.url,
    BENCH_DATA_KEY: a.key.toString('hex'),
    BENCH_LEASE_MS: String(leaseMs),
    BENCH_CONCURRENCY: '16',
  };
  const w1 = startWorker(env);
  const w2 = startWorker(env);
  await Promise.all([w1.ready, w2.ready]);
  a.log(`notifications: 2 workers up; writing ${a.seekers.length} messages in transactions of ${a.batch}`);
  a.receiver.reset();
  const commits = new Map<string, number>();
  const started = Date.now();
  let killed = false;
  let w3: ReturnType<typeof startWorker> | null = null;
  const killAt = Math.floor(a.seekers.length * 0.4);
  // The kill comes from a timer, not the writing loop: writing may end before 40 % arrived.
  const killer = setInterval(() => {
    if (killed || a.receiver.count.size < killAt) return;
    killed = true;
    w1.child.kill('SIGKILL');
    a.log(`SIGKILL to worker 1 after ${a.receiver.count.size} arrivals; starting worker 3`);
    w3 = startWorker(env);
  }, 20);
  const tripsBefore = a.trips.n;
  let batches = 0;
  for (let o = 0; o < a.seekers.length; o += a.batch) {
    batches++;
    const slice = a.seekers.slice(o, o + a.batch);
    const ids = await a.db.transaction().execute((tx) =>
      notifyMany(
        tx,
        slice.map((s) => ({
          templateKey: 'referral_result',
          recipient: { kind: 'seeker' as const, id: s },
          centreId: a.centreId,
          variables: {
            company: '벤치기업',
            posting: '요양보호사 모집',
            result: '채용 확정',
            centre: '벤치센터',
          },
          source: 'bench',
        })),
      ),
    );
    const at = Date.now();
    for (const id of ids) commits.set(`notification:${id}`, at);
  }
  const written = Date.now();
  const write = writeFigures(a.trips.n - tripsBefore, batches, commits.size, written - started);
  a.log(`written in ${written - started} ms; waiting for the receiver`);
  await a.receiver.until([...commits.keys()], 30_000 + leaseMs);
  clearInterval(killer);
  const figures = a.receiver.figures(commits, started);
  for (const w of [w1, w2, w3]) w?.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2500));
  const states = await sql<{ status: string; n: number }>`
    SELECT status, count(*)::int AS n FROM notifications GROUP BY status ORDER BY status`.execute(a.db);
  return {
    ...figures,
    killedMidRun: killed,
    leaseMs,
    writeSeconds: Math.round((written - started) / 100) / 10,
    ...write,
    statuses: Object.fromEntries(states.rows.map((r) => [r.status, r.n])),
  };
}

async function runBareOutbox(a: {
  db: Db;
  receiver: Receiver;
  n: number;
  batch: number;
  log: (m: string) => void;
}) {
  registerOutboxHandler('bench.raw', async (msg, { signal }) => {
    const res = await fetch(a.receiver.url, {
      method: 'POST',
      signal,
      headers: { 'content-type': 'application/json', 'idempotency-key': msg.idempotencyKey },
      body: JSON.stringify(msg.payload),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`http ${res.status}`);
  });
  const workers = [0, 1].map(() =>
    startOutboxWorker(a.db, { kinds: ['bench.raw'], concurrency: 16, batchSize: 32, idleMs: 200 }),
  );
  a.receiver.reset();
  a.log(`bare outbox: ${a.n} messages`);
  const commits = new Map<string, number>();
  const started = Date.now();
  for (let o = 0; o < a.n; o += a.batch) {
    const keys = Array.from({ length: Math.min(a.batch, a.n - o) }, (_, i) => `raw:${o + i}`);
    await a.db.transaction().execute((tx) =>
      enqueue(
        tx,
        keys.map((k) => ({ kind: 'bench.raw', idempotencyKey: k, payload: { k } })),
      ),
    );
    const at = Date.now();
    for (const k of keys) commits.set(k, at);
  }
  // Its workers run in this process, beside the writing: messages written per second only.
  const writePerSec = Math.round(commits.size / ((Date.now() - started) / 1000));
  await a.receiver.until([...commits.keys()], 30_000);
  const figures = a.receiver.figures(commits, started);
  await Promise.all(workers.map((w) => w.stop(1000)));
  return { ...figures, writePerSec };
}

async function runPgBoss(a: {
  url: string;
  receiver: Receiver;
  n: number;
  batch: number;
  log: (m: string) => void;
}) {
  const boss = new PgBoss({ connectionString: a.url, schema: 'pgboss_bench', max: 8 });
  boss.on('error', () => undefined);
  await boss.start();
  const queue = 'bench-notify';
  await boss.createQueue(queue);
  await boss.work<{ k: string }>(
    queue,
    { batchSize: 32, pollingIntervalSeconds: 0.5, localConcurrency: 2 } as never,
    async (jobs) => {
      await Promise.all(
        jobs.map(async (j) => {
          const res = await fetch(a.receiver.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': j.data.k },
            body: JSON.stringify(j.data),
          });
          await res.arrayBuffer();
        }),
      );
    },
  );
  a.receiver.reset();
  a.log(`pg-boss: ${a.n} messages`);
  const commits = new Map<string, number>();
  const started = Date.now();
  for (let o = 0; o < a.n; o += a.batch) {
    const keys = Array.from({ length: Math.min(a.batch, a.n - o) }, (_, i) => `boss:${o + i}`);
    await boss.insert(
      queue,
      keys.map((k) => ({ data: { k } })),
    );
    const at = Date.now();
    for (const k of keys) commits.set(k, at);
  }
  await a.receiver.until([...commits.keys()], 30_000);
  const figures = a.receiver.figures(commits, started);
  await boss.stop({ graceful: true, timeout: 2000 });
  return figures;
}
