import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Raised when another live ilteo process already uses the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `데이터 디렉터리 ${dataDir}는 이미 다른 ilteo 프로세스(pid ${pid})가 사용 중입니다. ` +
        `The data directory ${dataDir} is in use by another ilteo process (pid ${pid}).`,
    );
  }
}

export interface DataDirLock {
  update(info: Record<string, unknown>): void;
  release(): void;
}

export interface LockInfo {
  pid: number;
  /** The holder's start time (field 22 of /proc/<pid>/stat), so that a reused pid is not taken for it. */
  start?: string;
  port?: number;
}

/** When a process started, in clock ticks since boot (Linux); null where /proc does not tell. */
export function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? null : (fields[19] ?? null);
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the process the lock names still runs: its pid is alive and, where the lock recorded
 * it, started at the same moment — a pid reused by an unrelated process after a crash is not it.
 */
export function holderAlive(info: LockInfo): boolean {
  if (!Number.isInteger(info.pid) || info.pid <= 0 || !alive(info.pid)) return false;
  if (!info.start) return true;
  const start = processStart(info.pid);
  return start === null ? !fs.existsSync('/proc/self/stat') : start === info.start;
}

function readLockAt(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

const readLockFile = (dataDir: string) => readLockAt(path.join(dataDir, 'ilteo.lock'));

/** Reads the lock of a data directory if a live process holds it. */
export function readLock(dataDir: string): LockInfo | null {
  const info = readLockFile(dataDir);
  return info && holderAlive(info) ? info : null;
}

/**
 * Linux: a listening socket in the abstract namespace, named after the data directory. The
 * kernel lets one process bind it and frees it when that process ends, however it ends (kill -9
 * included), so there is no stale state to judge. Not inherited by PostgreSQL (close-on-exec).
 */
async function bindAbstract(dataDir: string): Promise<net.Server | 'taken' | null> {
  if (process.platform !== 'linux') return null;
  const key = createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 40);
  const server = net.createServer((socket) => socket.destroy());
  return await new Promise((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'EADDRINUSE' ? 'taken' : null));
    server.listen({ path: `\0ilteo-data-dir-${key}`, exclusive: true }, () => {
      server.unref();
      resolve(server);
    });
  });
}

/**
 * Takes the data directory for this process, or throws DataDirLockedError naming the live
 * holder. On Linux the abstract socket decides; the lock file (pid, start time, port) tells
 * command-line tools where the server is. Elsewhere the file alone decides: created with
 * O_EXCL, so of two processes starting together exactly one wins; a lock left by a dead
 * process is taken over.
 */
export async function acquireLock(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, 'ilteo.lock');
  const start = processStart(process.pid);
  const me: LockInfo = start ? { pid: process.pid, start } : { pid: process.pid };
  const body = (extra: Record<string, unknown> = {}) => JSON.stringify({ ...me, ...extra });
  const held = (server: net.Server | null): DataDirLock => {
    let released = false;
    return {
      update: (info) => fs.writeFileSync(file, body(info)),
      release: () => {
        if (released) return;
        released = true;
        const info = readLockFile(dataDir);
        if (info?.pid === me.pid && info.start === me.start) fs.rmSync(file, { force: true });
        server?.close();
      },
    };
  };

  const socket = await bindAbstract(dataDir);
  if (socket === 'taken') throw new DataDirLockedError(dataDir, readLockFile(dataDir)?.pid ?? 0);
  if (socket) {
    // Whatever lock file is there was left by a process that has ended — unless a live holder
    // sits outside this kernel's view of sockets (another network namespace): then refuse.
    const holder = readLock(dataDir);
    if (holder && holder.pid !== process.pid) {
      socket.close();
      throw new DataDirLockedError(dataDir, holder.pid);
    }
    fs.writeFileSync(file, body(), { mode: 0o644 });
    return held(socket);
  }

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, body(), { flag: 'wx', mode: 0o644 });
      return held(null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(dataDir);
      if (holder) throw new DataDirLockedError(dataDir, holder.pid);
      // Stale: move it aside, then check that what was moved is still the stale lock and not
      // the fresh one of a process that took over between our read and our rename.
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside);
      } catch {
        continue; // another process moved it first; look again
      }
      const moved = readLockAt(aside);
      if (moved && holderAlive(moved)) {
        try {
          fs.linkSync(aside, file);
        } finally {
          fs.rmSync(aside, { force: true });
        }
        throw new DataDirLockedError(dataDir, moved.pid);
      }
      fs.rmSync(aside, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
