import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { recordAccess, recordAccesses } from '../../platform/audit/access-log.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { verifyChain } from './audit.service.ts';

const t = await testApp();
const clients: pg.Client[] = [];
afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
});

async function client() {
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  clients.push(c);
  return c;
}

/** One access-log row in the client's open transaction, as recordAccess writes it. */
async function logIn(c: pg.Client, centreId: string | null) {
  await c.query(
    `INSERT INTO access_log (id, actor_id, actor_login, ip, action, subject_type, subject_id, centre_id)
     VALUES ($1, NULL, 'test', '127.0.0.1', 'view', 'seeker', $2, $3)`,
    [uuidv7(), uuidv7(), centreId],
  );
}

describe('access-log hash chain, one per centre', async () => {
  const a = await t.centre('가센터');
  const b = await t.centre('나센터');
  const admin = await t.user('admin', null);

  it('lets transactions of different centres log at once; those of the same centre wait for each other', async () => {
    const [one, two, three] = [await client(), await client(), await client()];
    await one.query('BEGIN');
    await logIn(one, a.id); // holds centre a's head until commit
    await two.query('BEGIN');
    await two.query(`SET LOCAL lock_timeout = '3s'`);
    const started = Date.now();
    await logIn(two, b.id); // another centre: does not wait for `one`
    expect(Date.now() - started).toBeLessThan(1000);
    await three.query('BEGIN');
    await three.query(`SET LOCAL lock_timeout = '300ms'`);
    await expect(logIn(three, a.id)).rejects.toThrow(/lock timeout/);
    await three.query('ROLLBACK');
    await two.query('COMMIT');
    await one.query('COMMIT');
    const heads = await t.db.selectFrom('access_log_heads').select('chain').execute();
    expect(heads.map((h) => h.chain)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await verifyChain(t.db)).toMatchObject({ ok: true, brokenAt: null });
  });

  it('chains each centre’s rows on their own and verifies each, also many rows in one transaction', async () => {
    await t.db.transaction().execute(async (tx) => {
      const entries = Array.from({ length: 300 }, (_, i) => ({
        actor: null,
        ip: null,
        action: 'view' as const,
        subjectType: 'seeker',
        subjectId: `s${i}`,
        centreId: [a.id, b.id, null][i % 3],
      }));
      await recordAccesses(tx, entries);
      await recordAccess(tx, {
        actor: null,
        ip: null,
        action: 'view',
        subjectType: 'seeker',
        subjectId: 'x',
      });
    });
    const v = await verifyChain(t.db);
    expect(v.ok).toBe(true);
    const byCentre = Object.fromEntries(v.chains.filter((c) => !c.legacy).map((c) => [c.centreId, c.rows]));
    const counts = await sql<{ chain: string; n: number }>`
      SELECT chain, count(*)::int AS n FROM access_log GROUP BY chain`.execute(t.db);
    for (const r of counts.rows) {
      expect(byCentre[r.chain === '00000000-0000-0000-0000-000000000000' ? 'null' : r.chain]).toBe(r.n);
    }
    const own = await verifyChain(t.db, { centreId: a.id });
    expect(own.chains.map((c) => c.centreId)).toEqual([a.id]);
    expect(own.ok).toBe(true);
    // The head of a centre is the hash of its last row: the one no other row follows.
    const head = await t.db
      .selectFrom('access_log_heads')
      .select('hash')
      .where('chain', '=', b.id)
      .executeTakeFirstOrThrow();
    const newest = await sql<{ hash: string }>`SELECT a.hash FROM access_log a WHERE a.chain = ${b.id}
      AND NOT EXISTS (SELECT 1 FROM access_log x WHERE x.prev_hash = a.hash)`.execute(t.db);
    expect(newest.rows).toHaveLength(1);
    expect(head.hash).toBe(newest.rows[0]!.hash);
  });

  it('still detects a row changed or removed behind the application’s back, in the centre’s chain', async () => {
    expectStatus(await admin.get('/api/v1/audit/verify'), 200);
    const victim = await t.db
      .selectFrom('access_log')
      .select('id')
      .where('chain', '=', b.id)
      .orderBy('at')
      .orderBy('id')
      .offset(5)
      .limit(1)
      .executeTakeFirstOrThrow();
    const c = await client();
    // A superuser bypassing the append-only trigger.
    await c.query('SET session_replication_role = replica');
    await c.query(`UPDATE access_log SET reason = 'forged' WHERE id = $1`, [victim.id]);
    const res = expectStatus(await admin.get('/api/v1/audit/verify'), 200);
    expect(res).toMatchObject({ ok: false, brokenAt: victim.id });
    expect(expectStatus(await admin.get(`/api/v1/audit/verify?centreId=${a.id}`), 200).ok).toBe(true);
    expect(expectStatus(await admin.get(`/api/v1/audit/verify?centreId=${b.id}`), 200)).toMatchObject({
      ok: false,
      brokenAt: victim.id,
    });
    await c.query(`DELETE FROM access_log WHERE id = $1`, [victim.id]);
    const after = await verifyChain(t.db, { centreId: b.id });
    expect(after.ok).toBe(false);
    expect(after.brokenAt).not.toBeNull();
  });
});
