import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbedded } from '../src/platform/db/embedded.ts';
import { withDatabase } from '../src/platform/db/pool.ts';

/** A benchmark's own database, and how to get rid of it. */
export interface ScratchDatabase {
  /** connection string of the new database */
  url: string;
  /** drops the database, stops the embedded server if one was started, removes its files */
  close(): Promise<void>;
}

/**
 * A throw-away database for a benchmark: a new database on DATABASE_URL's server when that is
 * set, else on an embedded PostgreSQL (not durable: a benchmark's data needs no fsync) in a
 * temporary directory. `label` names both (`ilteo_bench_<label>_<pid>`).
 */
export async function scratchDatabase(label: string): Promise<ScratchDatabase> {
  let dir: string | null = null;
  let stop: (() => Promise<void>) | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `ilteo-bench-${label}-`));
    const server = await startEmbedded({ dataDir: dir, durable: false });
    serverUrl = server.url;
    stop = server.stop;
  }
  const name = `ilteo_bench_${label.replace(/\W/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(serverUrl, name),
    async close() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      await stop?.();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
