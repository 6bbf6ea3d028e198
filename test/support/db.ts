import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createDb, type Db, withDatabase } from '../../src/platform/db/pool.ts';

let counter = 0;

/**
 * A fresh database for the calling test file, cloned from the migrated template, dropped
 * after the file's tests. Tests never share seeded data.
 */
export async function testDb(): Promise<{ db: Db; url: string; pool: pg.Pool }> {
  const server = inject('pgServerUrl');
  const template = inject('pgTemplate');
  const name = `${template}_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = withDatabase(server, name);
  const { db, pool } = createDb(url, { max: 5 });
  afterAll(async () => {
    await db.destroy();
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return { db, url, pool };
}
