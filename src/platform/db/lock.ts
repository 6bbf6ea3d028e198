import fs from 'node:fs';
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
  port?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock of a data directory if a live process holds it. */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'ilteo.lock'), 'utf8')) as LockInfo;
    return alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data directory for this process. The lock file is created with O_EXCL, so of
 * two processes starting together exactly one wins; a lock left by a dead process is taken over.
 */
export function acquireLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'ilteo.lock');
  const body = (extra: Record<string, unknown> = {}) => JSON.stringify({ pid: process.pid, ...extra });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, body(), { flag: 'wx', mode: 0o644 });
      let released = false;
      return {
        update: (info) => fs.writeFileSync(file, body(info)),
        release: () => {
          if (released) return;
          released = true;
          if (readLock(dataDir)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(dataDir);
      if (holder) throw new DataDirLockedError(dataDir, holder.pid);
      // Stale: its process is gone. Rename first so a concurrent taker cannot delete our new lock.
      try {
        fs.renameSync(file, `${file}.stale-${process.pid}`);
        fs.rmSync(`${file}.stale-${process.pid}`, { force: true });
      } catch {
        // another process took it over first; loop and look again
      }
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
