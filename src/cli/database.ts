import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../platform/config.ts';
import { readLock } from '../platform/db/lock.ts';
import { type Database, openDatabase } from '../platform/db/open.ts';
import { createDb } from '../platform/db/pool.ts';

/**
 * Opens the database for a command-line tool. When a server already runs on the embedded data
 * directory, the tool connects to that server (port from its lock file) instead of refusing.
 */
export async function openForCli(opts: { migrate?: boolean; poolMax?: number } = {}): Promise<Database> {
  const config = loadConfig();
  const running = config.databaseUrl ? null : readLock(config.dataDir);
  if (running?.port) {
    const password = fs.readFileSync(path.join(config.dataDir, 'pg-password'), 'utf8').trim();
    const url = `postgres://ilteo:${encodeURIComponent(password)}@127.0.0.1:${running.port}/postgres`;
    const { db, pool } = createDb(url, { max: opts.poolMax });
    return { db, pool, url, embedded: true, close: () => db.destroy() };
  }
  return openDatabase(config, opts);
}
