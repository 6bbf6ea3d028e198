import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db, withDatabase } from './pool.ts';
import { MAX_PARAMETERS } from './prepared.ts';

const server = inject('pgServerUrl');
const name = `ilteo_prepared_${process.pid}_${Date.now().toString(36)}`;
let db: Db;

beforeAll(async () => {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  // One connection, so every statement below meets the same session's prepared statements.
  db = createDb(withDatabase(server, name), { max: 1 }).db;
  await sql`CREATE TABLE t (id int PRIMARY KEY, v text)`.execute(db);
});

afterAll(async () => {
  await db.destroy();
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

const prepared = async () =>
  (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(db)).rows.map(
    (r) => r.statement,
  );

describe('named prepared statements (issue 23 item 8)', () => {
  it('names a statement with parameters once per connection and reuses it', async () => {
    await db
      .insertInto('t' as never)
      .values({ id: 1, v: 'a' } as never)
      .execute();
    for (let i = 0; i < 3; i++)
      expect(await sql`SELECT v FROM t WHERE id = ${1}`.execute(db)).toMatchObject({ rows: [{ v: 'a' }] });
    const names = await prepared();
    expect(names.filter((s) => s.includes('SELECT v FROM t WHERE id = $1'))).toHaveLength(1);
    expect(names.some((s) => s.startsWith('insert into "t"'))).toBe(true);
  });

  it('leaves statements without parameters, with too many, and several commands unnamed', async () => {
    await sql`UPDATE t SET v = 'b' WHERE id = 1; UPDATE t SET v = 'c' WHERE id = 1`.execute(db);
    const many = Array.from({ length: MAX_PARAMETERS + 1 }, (_, i) => i);
    const r = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM t WHERE id IN (${sql.join(many)})`.execute(db);
    expect(r.rows[0]!.n).toBe(1);
    const names = await prepared();
    expect(names.some((s) => s.includes("v = 'c'"))).toBe(false);
    expect(names.some((s) => s.includes('count(*)::int AS n FROM t'))).toBe(false);
  });

  it('answers a statement whose table changed under its cached plan', async () => {
    const read = () => sql<Record<string, unknown>>`SELECT * FROM t WHERE id = ${1}`.execute(db);
    expect((await read()).rows[0]).toEqual({ id: 1, v: 'c' });
    await sql`ALTER TABLE t ADD COLUMN w int DEFAULT 7`.execute(db);
    expect((await read()).rows[0]).toEqual({ id: 1, v: 'c', w: 7 });
    expect((await read()).rows[0]).toEqual({ id: 1, v: 'c', w: 7 });
  });

  it('keeps errors as they were (a constraint violation is still the same error)', async () => {
    await expect(
      db
        .insertInto('t' as never)
        .values({ id: 1, v: 'x' } as never)
        .execute(),
    ).rejects.toMatchObject({
      code: '23505',
    });
    expect((await sql<{ v: string }>`SELECT v FROM t WHERE id = ${1}`.execute(db)).rows[0]!.v).toBe('c');
  });
});
