import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb, withDatabase } from '../../platform/db/pool.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { insertSeeker } from '../seekers/test-helpers.ts';

// Migration 5002 on a database that already holds repeated employments: it must apply, keep
// every row, and leave exactly one unmarked record per hire. Run on a database migrated only
// up to the migration before it (the shared template is already at the latest).
const BEFORE = '20261122_5001_access_log_chain_batch';
const dir = path.resolve('src/migrations');
const provider = {
  async getMigrations() {
    const out: Record<string, Migration> = {};
    for (const f of fs.readdirSync(dir).filter((x) => /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/.test(x))) {
      out[f.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(dir, f)).href)) as Migration;
    }
    return out;
  },
};

const server = inject('pgServerUrl');
const name = `ilteo_mig5002_${process.pid}_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
await admin.end();
const { db } = createDb(withDatabase(server, name), { max: 2 });
afterAll(async () => {
  await db.destroy();
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

describe('migration 5002 (one employment per hire)', () => {
  it('marks existing repeats instead of deleting them and refuses new ones', async () => {
    const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migration' });
    const upTo = await migrator.migrateTo(BEFORE);
    expect(upTo.error).toBeUndefined();
    const centre = uuidv7();
    await sql`INSERT INTO centres (id, name, kind, region_code, path) VALUES (${centre}, '이전센터', 'city', '11140', ARRAY[${centre}]::uuid[])`.execute(
      db,
    );
    const seeker = await insertSeeker(db, centre);
    const rows: [string, string, string, string][] = [
      // id, employer name, start date, created at
      [uuidv7(), '㈜한빛정밀', '2025-06-02', '2025-06-02T01:00:00Z'],
      [uuidv7(), '(주) 한빛 정밀', '2025-06-02', '2025-06-03T01:00:00Z'],
      [uuidv7(), '(주)한빛정밀', '2025-06-02', '2025-06-04T01:00:00Z'],
      [uuidv7(), '(주)한빛정밀', '2025-07-01', '2025-07-01T01:00:00Z'],
      [uuidv7(), '다른상사', '2025-06-02', '2025-06-02T02:00:00Z'],
    ];
    for (const [id, employer, start, at] of rows) {
      await sql`INSERT INTO employments (id, seeker_id, centre_id, employer_name, start_date, route, created_at)
        VALUES (${id}, ${seeker}, ${centre}, ${employer}, ${start}, 'self', ${at})`.execute(db);
    }

    const rest = await migrator.migrateToLatest();
    expect(rest.error).toBeUndefined();
    expect(rest.results?.map((r) => r.migrationName)).toContain('20261122_5002_employment_once');

    const after = await sql<{ id: string; duplicate_of: string | null }>`
      SELECT id, duplicate_of FROM employments WHERE seeker_id = ${seeker}`.execute(db);
    const mark = new Map(after.rows.map((r) => [r.id, r.duplicate_of]));
    expect(mark.size).toBe(5);
    const [first, second, third, later, other] = rows.map((r) => r[0]);
    expect(mark.get(first!)).toBeNull();
    expect(mark.get(second!)).toBe(first);
    expect(mark.get(third!)).toBe(first);
    expect(mark.get(later!)).toBeNull();
    expect(mark.get(other!)).toBeNull();

    await expect(
      sql`INSERT INTO employments (id, seeker_id, centre_id, employer_name, start_date, route)
        VALUES (${uuidv7()}, ${seeker}, ${centre}, '(주)한빛정밀 ', '2025-07-01', 'self')`.execute(db),
    ).rejects.toMatchObject({ code: '23505', constraint: 'employments_once' });
  });
});
