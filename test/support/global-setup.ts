import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../../src/platform/db/embedded.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { createDb, withDatabase } from '../../src/platform/db/pool.ts';

/**
 * One PostgreSQL for the whole run — the embedded one, or ILTEO_TEST_DATABASE_URL (CI's second
 * pass on PostgreSQL 15) — with a migrated template database that every test file clones.
 */
export default async function setup(project: TestProject) {
  const external = process.env.ILTEO_TEST_DATABASE_URL;
  let dir: string | null = null;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let serverUrl: string;
  if (external) {
    serverUrl = external;
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-test-'));
    const pgServer = await startEmbedded({ dataDir: dir, durable: false });
    serverUrl = pgServer.url;
    stopEmbedded = pgServer.stop;
  }
  const template = `ilteo_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const { db } = createDb(withDatabase(serverUrl, template), { max: 2 });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', template);
  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${template}%`],
    );
    for (const { datname } of leftovers.rows.reverse()) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stopEmbedded?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
  }
}
