import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seekerCsv } from '../../../bench/_imports.data.ts';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { runImport } from './imports.service.ts';

// Issue 23 item 2 / issue 13: a large seeker import takes one lock for the file (not one per
// row), shows its progress while it runs, keeps the duplicate rule against registrations that
// happen meanwhile, and no error leaves its transaction open.
const t = await testApp();
const { db } = t;

const csvHeaders = { 'content-type': 'text/csv' };

async function counsellorOf(centreId: string): Promise<Actor> {
  const c = await t.user('counsellor', centreId);
  return {
    userId: c.user.id,
    login: c.login,
    name: '상담사',
    role: 'counsellor',
    centreId,
    employerId: null,
    seekerId: null,
    centreScope: [centreId],
    via: 'session',
    sessionId: null,
  };
}

const openTransactions = async () =>
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(db)
  ).rows[0]!.n;

describe('a large seeker import', () => {
  it('holds a fixed number of locks, however many rows, and shows its progress while it runs', async () => {
    const centre = await t.centre();
    const actor = await counsellorOf(centre.id);
    const seen: { locks: number; rows: number; status: string }[] = [];
    const r = await runImport({
      db,
      dataKey: t.dataKey,
      actor,
      kind: 'seekers',
      source: [Buffer.from(seekerCsv(4000, 7, 'L'))],
      onRows: async (rows) => {
        if (rows !== 3000) return;
        // Another connection looks while the import's transaction is open.
        const imp = await db
          .selectFrom('imports')
          .selectAll()
          .where('centre_id', '=', centre.id)
          .executeTakeFirstOrThrow();
        const locks = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks
          WHERE pid = ${imp.backend_pid} AND locktype = 'advisory'`.execute(db);
        const progress = expectStatus(
          await (await t.as(actor.login, 'correct-horse-9')).get(`/api/v1/imports/${imp.id}`),
          200,
        );
        seen.push({ locks: locks.rows[0]!.n, rows: progress.rows, status: progress.status });
      },
    });
    expect(r).toMatchObject({ status: 'done', imported: 4000, rejectedCount: 0 });
    // One advisory lock for the centre; the old importer held one per row (3,000 here).
    expect(seen).toHaveLength(1);
    expect(seen[0]!.locks).toBeLessThanOrEqual(2);
    expect(seen[0]).toMatchObject({ status: 'running' });
    expect(seen[0]!.rows).toBeGreaterThanOrEqual(1000);
    const logged = await sql<{ n: number }>`SELECT count(*)::int AS n FROM access_log
      WHERE centre_id = ${centre.id} AND action = 'create' AND subject_type = 'seeker'`.execute(db);
    expect(logged.rows[0]!.n).toBe(4000);
  }, 120_000);

  it('answers, rolls back and leaves no transaction open when the database fails mid-file', async () => {
    const centre = await t.centre();
    const c = await t.user('counsellor', centre.id);
    // The failure of issue 23 ("out of shared memory", SQLSTATE 53200) once 2,000 rows are in.
    await sql`CREATE FUNCTION fail_after_2000() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT count(*) FROM seekers WHERE centre_id = ${sql.lit(centre.id)}::uuid) > 2000 THEN
          RAISE EXCEPTION 'out of shared memory' USING ERRCODE = '53200';
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER fail_after_2000 AFTER INSERT ON seekers
      FOR EACH STATEMENT EXECUTE FUNCTION fail_after_2000()`.execute(db);
    try {
      // Streamed in pieces, as a network upload arrives, and large enough that the CSV parser
      // is still full of unread rows when the batch fails.
      const file = Buffer.from(seekerCsv(8000, 8, 'F'));
      const pieces: Buffer[] = [];
      for (let o = 0; o < file.length; o += 16 * 1024) pieces.push(file.subarray(o, o + 16 * 1024));
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports/seekers',
        cookies: { ilteo_session: c.cookie },
        headers: { ...csvHeaders, 'x-csrf-token': c.csrf },
        payload: Readable.from(pieces),
      });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      await sql`DROP TRIGGER fail_after_2000 ON seekers`.execute(db);
    }
    expect(await openTransactions()).toBe(0);
    const imp = await db
      .selectFrom('imports')
      .select(['status', 'imported'])
      .where('centre_id', '=', centre.id)
      .executeTakeFirstOrThrow();
    expect(imp).toEqual({ status: 'failed', imported: 0 });
    const n = await db
      .selectFrom('seekers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('centre_id', '=', centre.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  }, 120_000);

  it('refuses a second import into the same centre while one runs, at once', async () => {
    const centre = await t.centre();
    const actor = await counsellorOf(centre.id);
    let second: unknown = null;
    const r = await runImport({
      db,
      dataKey: t.dataKey,
      actor,
      kind: 'seekers',
      source: [Buffer.from(seekerCsv(1500, 9, 'A'))],
      onRows: async (rows) => {
        if (rows !== 1000) return;
        second = await runImport({
          db,
          dataKey: t.dataKey,
          actor,
          kind: 'seekers',
          source: [Buffer.from(seekerCsv(10, 10, 'B'))],
        }).catch((e) => e);
      },
    });
    expect(r.status).toBe('done');
    expect(second).toMatchObject({ code: 'conflict', key: 'seeker.importBusy' });
  }, 120_000);

  it('fails whole when a person of the file is registered elsewhere while it runs', async () => {
    const parent = await t.centre();
    const child = await t.centre(undefined, parent.id);
    const actor = await counsellorOf(child.id);
    const elsewhere = await t.user('counsellor', parent.id);
    const csv = seekerCsv(1500, 11, 'R');
    const row5 = csv.split('\n')[5]!.split(',');
    let registered = 0;
    const err = await runImport({
      db,
      dataKey: t.dataKey,
      actor,
      kind: 'seekers',
      partial: true,
      source: [Buffer.from(csv)],
      onRows: async (rows) => {
        if (rows !== 1000) return;
        // Row 5 is written (uncommitted) by now; a shared record of the same person at the
        // parent centre does not see it and is saved.
        const res = await elsewhere.post('/api/v1/seekers', {
          name: row5[1],
          birthDate: row5[2],
          phone: row5[3],
          regionCode: row5[4],
          educationLevel: row5[5],
          desired: { occupations: row5[6]!.split(';') },
          consent: { shareWithNetwork: true },
        });
        registered = res.statusCode;
      },
    }).catch((e) => e);
    expect(registered).toBe(201);
    expect(err).toMatchObject({ code: 'conflict', key: 'seeker.importRaced', params: { count: 1 } });
    expect(err.fields).toEqual([{ field: 'rows[5].name', key: 'seeker.registeredMeanwhile' }]);
    const n = await db
      .selectFrom('seekers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('centre_id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    expect(await openTransactions()).toBe(0);
  }, 120_000);
});
