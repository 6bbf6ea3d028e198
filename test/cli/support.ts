import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { totpCode } from '../../src/features/accounts/totp.ts';

// Helpers for tests that run the real command line (`bin/ilteo.js serve`) as child processes.

export const bin = path.resolve('bin/ilteo.js');
/** Admins log in with a second factor (SECURITY.md 5): the configured one, as automation does. */
export const adminTotpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function serveEnv(dataDir: string, port: number, extra: Record<string, string> = {}) {
  return {
    ...process.env,
    ILTEO_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ILTEO_ADMIN_LOGIN: 'admin',
    ILTEO_ADMIN_PASSWORD: 'admin-password-1',
    ILTEO_ADMIN_TOTP_SECRET: adminTotpSecret,
    ...extra,
  };
}

/** Polls /readyz until it answers 200; throws when the process ends first or time runs out. */
export async function waitReady(port: number, child: ChildProcess, ms = 240_000): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server ended (${child.exitCode ?? child.signalCode}) before it was ready`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve(child.exitCode)
      : child.once('exit', (code) => resolve(code)),
  );
}

export async function login(port: number) {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'admin-password-1', otp: totpCode(adminTotpSecret) }),
  });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    status: r.status,
    cookie,
    csrf: r.status === 200 ? ((await r.json()) as { csrfToken: string }).csrfToken : '',
  };
}

/** The pid of the postmaster serving `<dataDir>/pg`, from its pid file; null when there is none. */
export function postmasterPid(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

/** True while `pid` runs (a zombie, whose command line is empty, does not count). */
export function running(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').length > 0;
  } catch {
    return false;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux, 100 ticks a second). */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Child processes of `pid` (Linux /proc). */
export function childrenOf(pid: number): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid)
        found.push({
          pid: Number(entry),
          cmdline: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '),
        });
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

export async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** Starts `bin/ilteo.js serve` with `node` (this Node unless told) and collects its output. */
export function startServe(env: NodeJS.ProcessEnv, node = process.execPath) {
  const child = spawn(node, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { out: '', err: '' };
  child.stdout.on('data', (d) => {
    output.out += d;
  });
  child.stderr.on('data', (d) => {
    output.err += d;
  });
  return { child, output };
}
