import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/features/accounts/totp.ts';
import {
  login as adminLogin,
  bin,
  freePort,
  serveEnv,
  startServe,
  exited as stopped,
  waitReady,
} from './support.ts';

// The real command line, as a new user runs it: `ilteo serve` on the embedded PostgreSQL.
// Runs once (the embedded pass); CI's PostgreSQL 15 pass skips it.
const skip = Boolean(process.env.ILTEO_TEST_DATABASE_URL);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-cli-'));
const children: ChildProcess[] = [];

const env = (port: number) => serveEnv(dataDir, port);

function run(args: string[], port = 0): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [bin, ...args], { env: env(port) });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => {
      out += d;
    });
    c.stderr.on('data', (d) => {
      err += d;
    });
    c.on('close', (code) => resolve({ code, out, err }));
  });
}

async function serve(port: number): Promise<{ child: ChildProcess; startMs: number }> {
  const started = Date.now();
  const { child } = startServe(env(port));
  children.push(child);
  await waitReady(port, child);
  return { child, startMs: Date.now() - started };
}

const login = adminLogin;

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(skip)('command line lifecycle', () => {
  it('starts, refuses a second process on the same data, keeps data across restarts, backs up and restores', async () => {
    const port = await freePort();
    const first = await serve(port);
    console.info(`first start (initdb + migrations): ${first.startMs} ms`);
    const a = await login(port);
    expect(a.status).toBe(200);
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/centres`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf },
      body: JSON.stringify({ name: '인천 서구 일자리센터', kind: 'city', regionCode: '28260' }),
    });
    expect(created.status).toBe(201);

    // A second server on the same data directory refuses, and the first keeps working.
    const second = await run(['serve'], await freePort());
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/이미 다른 ilteo 프로세스|in use by another ilteo process/);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    // Backup while the server runs (it connects to the running database).
    const file = path.join(dataDir, 'backup.ilteo.gz');
    const backup = await run(['backup', file]);
    expect(backup.code, backup.err).toBe(0);
    const counts = JSON.parse(backup.out.trim().split('\n').pop()!);
    expect(counts.rows).toBeGreaterThan(0);

    // SIGTERM stops HTTP and the database within 10 seconds.
    const t0 = Date.now();
    first.child.kill('SIGTERM');
    expect(await stopped(first.child)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(fs.existsSync(path.join(dataDir, 'ilteo.lock'))).toBe(false);

    // Restart: the centre is still there.
    const again = await serve(port);
    console.info(`restart: ${again.startMs} ms`);
    const b = await login(port);
    const list = await fetch(`http://127.0.0.1:${port}/api/v1/centres`, { headers: { cookie: b.cookie } });
    const body = (await list.json()) as { items: { name: string }[] };
    expect(body.items.map((c) => c.name)).toContain('인천 서구 일자리센터');

    // A second admin from the command line, with its second factor enrolled at once; a secret
    // that is not base32 is refused with the option's name.
    const bad = await run(
      ['create-admin', '--login', 'ops', '--password', 'ops-password-1', '--totp-secret', 'abc!'],
      port,
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--totp-secret/);
    const opsSecret = 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF';
    const ops = await run(
      ['create-admin', '--login', 'ops', '--password', 'ops-password-1', '--totp-secret', opsSecret],
      port,
    );
    expect(ops.code, ops.err).toBe(0);
    expect(JSON.parse(ops.out.trim()).role).toBe('admin');
    const opsLogin = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'ops', password: 'ops-password-1', otp: totpCode(opsSecret) }),
    });
    expect(opsLogin.status).toBe(200);
    expect(((await opsLogin.json()) as { totpEnrolmentRequired: boolean }).totpEnrolmentRequired).toBe(false);

    // Change data, then restore the backup: the change is gone, the counts are identical.
    await fetch(`http://127.0.0.1:${port}/api/v1/centres`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: b.cookie, 'x-csrf-token': b.csrf },
      body: JSON.stringify({ name: '복원 후 사라질 센터', kind: 'city', regionCode: '11140' }),
    });
    again.child.kill('SIGTERM');
    await stopped(again.child);
    const restore = await run(['restore', file]);
    expect(restore.code, restore.err).toBe(0);
    expect(JSON.parse(restore.out.trim().split('\n').pop()!).rows).toBe(counts.rows);
    const check = await run(['backup', `${file}.2`]);
    expect(JSON.parse(check.out.trim().split('\n').pop()!).rows).toBe(counts.rows);
  }, 900_000);

  it('stops at once with a message naming a bad setting', async () => {
    const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const c = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, PORT: 'eighty' } });
      let err = '';
      c.stderr.on('data', (d) => {
        err += d;
      });
      c.on('close', (code) => resolve({ code, err }));
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PORT/);
  }, 120_000);
});
