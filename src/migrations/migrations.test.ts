import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { createDb, withDatabase } from '../platform/db/pool.ts';
import { readLandedHashes } from './landed-hashes.ts';
import { fileHash, migrationFileNames } from './manifest.ts';

describe('landed migrations', () => {
  it('are neither edited nor removed, and every file is listed (npm run migrations:manifest)', () => {
    const manifest = readLandedHashes();
    const files = new Set(migrationFileNames());
    for (const [file, hash] of Object.entries(manifest)) {
      expect(files.has(file), `${file} was removed after it landed`).toBe(true);
      expect(fileHash(file), `${file} was edited after it landed`).toBe(hash);
    }
    for (const file of files)
      expect(manifest[file], `${file} is not in the manifest (npm run migrations:manifest)`).toBeDefined();
  });
});

const server = inject('pgServerUrl');
const created: string[] = [];
afterAll(async () => {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

async function freshDb() {
  const name = `ilteo_migup_${process.pid}_${created.length}_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  created.push(name);
  return createDb(withDatabase(server, name), { max: 2 }).db;
}

async function hasColumn(db: Awaited<ReturnType<typeof freshDb>>, table: string, column: string) {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM information_schema.columns
    WHERE table_name = ${table} AND column_name = ${column}`.execute(db);
  return rows[0].n === 1;
}

describe('upgrading a database of an earlier head', () => {
  it('starts a database that never ran 9100 (it applied 9101 and 9102): 9100 applies after them', async () => {
    const db = await freshDb();
    await migrateToLatest(db, (name) => name !== '20261122_9100_totp_last_step');
    expect(await hasColumn(db, 'users', 'totp_last_step')).toBe(false);
    const applied = await migrateToLatest(db);
    expect(applied).toContain('20261122_9100_totp_last_step');
    expect(await hasColumn(db, 'users', 'totp_last_step')).toBe(true);
    await db.destroy();
  });

  it('starts a database that ran 9100 when it had landed, before 9101 existed', async () => {
    const db = await freshDb();
    await migrateToLatest(db, (name) => name <= '20261122_9100_totp_last_step');
    const applied = await migrateToLatest(db);
    expect(applied).toContain('20261122_9102_nightly_list_arrays');
    expect(applied).not.toContain('20261122_9100_totp_last_step');
    await db.destroy();
  });
});
