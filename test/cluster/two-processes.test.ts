import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/features/accounts/totp.ts';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import { testDb } from '../support/db.ts';

// ENGINEERING.md "Beyond one machine": two real `ilteo serve` processes on one database (a fresh
// one on the test run's server: the embedded PostgreSQL, or CI's PostgreSQL 15). A change made
// through one shows in the other's recommendations and search within a second (LISTEN/NOTIFY),
// a session made on one works on the other, and a scheduled job fires once across both.
const bin = path.resolve('bin/ilteo.js');
const { db, url } = await testDb();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-cluster-'));
const dataKey = randomBytes(32).toString('hex');
const admin = { login: 'cluster-admin', password: 'cluster-password-1' };
// Admins log in with a second factor (SECURITY.md 5): the configured one, as automation does.
const adminTotpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PROBE_KEY = 'cluster-probe';

interface Server {
  name: string;
  port: number;
  child: ChildProcess;
  stderr: () => string;
}
const servers: Server[] = [];

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

// Registered after testDb's own hook, so it runs first: the processes are gone before the
// database is dropped. A SIGTERM gets five seconds, then SIGKILL.
afterAll(async () => {
  await Promise.all(
    servers.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await exited(child, 5000))) {
        child.kill('SIGKILL');
        await exited(child, 5000);
      }
    }),
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
});
// Should the test worker itself die, no server outlives it.
process.once('exit', () => {
  for (const { child } of servers) if (child.exitCode === null) child.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function serve(name: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      ILTEO_DATA_DIR: dataDir,
      ILTEO_DATA_KEY: dataKey,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ILTEO_ADMIN_LOGIN: admin.login,
      ILTEO_ADMIN_PASSWORD: admin.password,
      ILTEO_ADMIN_TOTP_SECRET: adminTotpSecret,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => {
    if (err.length < 20_000) err += d;
  });
  const server = { name, port, child, stderr: () => err };
  servers.push(server);
  // Patient: a cold start (tsx transforms, migrations of a new database) takes 30-90 s on a loaded 2-core machine.
  const end = Date.now() + 180_000;
  let last = 'no answer';
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited ${child.exitCode}: ${err}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.status === 200) return server;
      last = `${r.status} ${await r.text()}`;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server ${name} did not become ready (${last}): ${err}`);
}

interface Session {
  cookie: string;
  csrf: string;
}

async function call<T>(
  s: Server,
  method: string,
  p: string,
  opts: { session?: Session; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (opts.session) {
    headers.cookie = opts.session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = opts.session.csrf;
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`http://127.0.0.1:${s.port}${p}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: r.status, body: body as T };
}

/** The created or read record: every answer checked here carries its id (and postings a status). */
interface Answer {
  id: string;
  status?: string;
}

async function expectOk(s: Server, method: string, p: string, status: number, opts = {}) {
  const r = await call<Answer>(s, method, p, opts);
  if (r.status !== status) {
    throw new Error(
      `${s.name} ${method} ${p}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`,
    );
  }
  return r.body;
}

async function login(s: Server, who: { login: string; password: string; otp?: string }): Promise<Session> {
  const r = await fetch(`http://127.0.0.1:${s.port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (r.status !== 200) throw new Error(`login on ${s.name}: ${r.status} ${await r.text()}`);
  return {
    cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!,
    csrf: ((await r.json()) as { csrfToken: string }).csrfToken,
  };
}

/** Polls `probe` until it holds; answers the milliseconds it took, or throws after `ms`. */
async function within(what: string, ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`${what}: not seen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// A scheduled job the test can count: every minute on a queue both processes work, with a
// payload of its own. The queue schema is created here first, so each process's very first cron
// pass (at start) already finds the schedule.
async function scheduleProbe() {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    max: 2,
    schedule: false,
    supervise: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue('postings-expire');
  await boss.schedule('postings-expire', '* * * * *', { probe: PROBE_KEY }, { key: PROBE_KEY });
  await boss.stop({ graceful: false });
}

describe('two processes on one database', () => {
  it('shows a posting change made through A in B within a second, and fires a schedule once', async () => {
    await scheduleProbe();
    const [a, b] = await Promise.all([serve('A'), serve('B')]);

    const rootA = await login(a, { ...admin, otp: totpCode(adminTotpSecret) });
    const centre = await expectOk(a, 'POST', '/api/v1/centres', 201, {
      session: rootA,
      body: { name: '수원 일자리센터', kind: 'city', regionCode: '41111' },
    });
    const counsellor = { login: 'suwon-counsellor', password: 'suwon-password-1' };
    await expectOk(a, 'POST', '/api/v1/users', 201, {
      session: rootA,
      body: { ...counsellor, name: '김상담', role: 'counsellor', centreId: centre.id },
    });
    const onA = await login(a, counsellor);
    const onB = await login(b, counsellor);

    const employer = await expectOk(a, 'POST', '/api/v1/employers', 201, {
      session: onA,
      body: { name: '(주)수원돌봄', bizRegNo: withBizRegCheckDigit('124811234'), regionCode: '41111' },
    });
    const seeker = await expectOk(a, 'POST', '/api/v1/seekers', 201, {
      session: onA,
      body: {
        name: '박구직',
        birthDate: '1979-09-21',
        phone: '010-3100-2200',
        regionCode: '41111',
        educationLevel: '03',
        desired: {
          occupations: ['5311'],
          regions: ['41111'],
          employmentTypes: ['10'],
          wageType: 'M',
          wageMin: 2200000,
        },
        keywords: ['요양'],
        consent: { shareWithNetwork: false, sensitive: false },
      },
    });
    // Sessions live in PostgreSQL: the one made on A is good on B as well.
    await expectOk(b, 'GET', `/api/v1/seekers/${seeker.id}`, 200, { session: onA });

    const recommendedOnB = async (postingId: string) => {
      const r = await call<{ items: { postingId: string }[] }>(
        b,
        'GET',
        `/api/v1/seekers/${seeker.id}/recommendations`,
        { session: onB },
      );
      return r.status === 200 && r.body.items.some((i: { postingId: string }) => i.postingId === postingId);
    };
    const foundOnB = async (word: string, postingId: string) => {
      const r = await call<{ items: { id: string }[] }>(
        b,
        'GET',
        `/api/v1/postings?q=${encodeURIComponent(word)}`,
      );
      return r.status === 200 && r.body.items.some((p: { id: string }) => p.id === postingId);
    };

    const posting = await expectOk(a, 'POST', '/api/v1/postings', 201, {
      session: onA,
      body: {
        employerId: employer.id,
        title: '팔달구 방문요양보호사 모집',
        occupationCode: '5311',
        duties: '어르신 댁 방문 돌봄',
        headcount: 2,
        employmentType: '10',
        wageType: 'M',
        wageMin: 2400000,
        regionCode: '41111',
        educationMin: '00',
        career: { type: 'Z' },
        closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    });
    expect(posting.status).toBe('open');
    const recMs = await within('the new posting in B’s recommendations', 1000, () =>
      recommendedOnB(posting.id),
    );
    const searchMs = await within('the new posting in B’s public search', 1000, () =>
      foundOnB('팔달구', posting.id),
    );

    // A change: the title (search) and then closing it (recommendations and search).
    await expectOk(a, 'PATCH', `/api/v1/postings/${posting.id}`, 200, {
      session: onA,
      body: { title: '영통구 방문요양보호사 모집' },
    });
    const renamedMs = await within('the renamed posting in B’s search', 1000, () =>
      foundOnB('영통구', posting.id),
    );
    expect(await foundOnB('팔달구', posting.id)).toBe(false);
    await expectOk(a, 'POST', `/api/v1/postings/${posting.id}/status`, 200, {
      session: onA,
      body: { status: 'closed' },
    });
    const closedMs = await within(
      'the closed posting gone from B',
      1000,
      async () => !(await recommendedOnB(posting.id)) && !(await foundOnB('영통구', posting.id)),
    );
    console.info(JSON.stringify({ cluster: 'two-processes', recMs, searchMs, renamedMs, closedMs }));

    // The schedule: one job per occurrence across both processes, each run to completion once.
    // Occurrences go through pg-boss's send-it queue (one row per minute slot, claimed with a
    // singleton) and are then forwarded as jobs of the queue.
    const jobs = async () =>
      (
        await sql<{ sent: number; slots: number; forwarded: number; completed: number; retried: number }>`
          SELECT
            (SELECT count(*)::int FROM pgboss.job WHERE name = '__pgboss__send-it' AND data->>'key' = ${PROBE_KEY}) AS sent,
            (SELECT count(DISTINCT singleton_on)::int FROM pgboss.job
               WHERE name = '__pgboss__send-it' AND data->>'key' = ${PROBE_KEY}) AS slots,
            (SELECT count(*)::int FROM pgboss.job WHERE name = 'postings-expire' AND data->>'probe' = ${PROBE_KEY}) AS forwarded,
            (SELECT count(*)::int FROM pgboss.job
               WHERE name = 'postings-expire' AND data->>'probe' = ${PROBE_KEY} AND state = 'completed') AS completed,
            (SELECT count(*)::int FROM pgboss.job
               WHERE name = 'postings-expire' AND data->>'probe' = ${PROBE_KEY} AND retry_count > 0) AS retried`.execute(
          db,
        )
      ).rows[0]!;
    await within('the scheduled job to run', 20_000, async () => {
      const j = await jobs();
      return j.completed >= 1 && j.completed === j.forwarded && j.forwarded === j.sent;
    });
    const j = await jobs();
    expect(j.sent).toBe(j.slots);
    expect(j.forwarded).toBe(j.sent);
    expect(j.completed).toBe(j.forwarded);
    expect(j.retried).toBe(0);
    for (const s of [a, b]) expect(s.child.exitCode, s.stderr()).toBeNull();
  }, 480_000);
});
