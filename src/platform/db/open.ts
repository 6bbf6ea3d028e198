import type pg from 'pg';
import type { Config } from '../config.ts';
import { startEmbedded } from './embedded.ts';
import { migrateToLatest } from './migrate.ts';
import { createDb, type Db } from './pool.ts';

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the configured database: the external server of DATABASE_URL, or the embedded one in
 * the data directory. Applies migrations unless told not to.
 */
export async function openDatabase(
  config: Config,
  opts: {
    migrate?: boolean;
    poolMax?: number;
    onLog?: (l: string) => void;
    /** The server's timeouts on every connection (config); command-line tools run without. */
    timeouts?: boolean;
  } = {},
): Promise<Database> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbedded({ dataDir: config.dataDir, onLog: opts.onLog });
  const url = config.databaseUrl ?? embedded!.url;
  const { db, pool } = createDb(url, {
    max: opts.poolMax,
    ...(opts.timeouts
      ? {
          statementTimeoutMs: config.statementTimeoutSeconds * 1000,
          idleInTransactionTimeoutMs: config.idleInTransactionSeconds * 1000,
        }
      : {}),
  });
  try {
    // Migrations (an index over a national table) run on a connection of their own, untimed.
    if (opts.migrate !== false) {
      const m = opts.timeouts ? createDb(url, { max: 1 }).db : db;
      try {
        await migrateToLatest(m);
      } finally {
        if (m !== db) await m.destroy();
      }
    }
  } catch (err) {
    await db.destroy();
    await embedded?.stop();
    throw err;
  }
  return {
    db,
    pool,
    url,
    embedded: embedded !== null,
    async close() {
      // A client held by a hung request would keep destroy() waiting: give it a second, then
      // stop the embedded server, whose fast shutdown ends that session and so the wait.
      const destroyed = db.destroy();
      if (!embedded) return await destroyed;
      const settled = destroyed.catch(() => undefined);
      const aSecond = () => new Promise((r) => setTimeout(r, 1000).unref());
      await Promise.race([settled, aSecond()]);
      await embedded.stop();
      await Promise.race([settled, aSecond()]);
    },
  };
}
