import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { verifyChain } from '../features/accounts/audit.service.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { createDb, withDatabase } from '../platform/db/pool.ts';
import { uuidv7 } from '../platform/ids.ts';

const server = inject('pgServerUrl');
const name = `ilteo_scaleup_${process.pid}_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = withDatabase(server, name);
const { db } = createDb(url, { max: 3 });
const clients: pg.Client[] = [];
afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  await db.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

async function client() {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  clients.push(c);
  return c;
}

const id = {
  a: uuidv7(),
  b: uuidv7(),
  staff: uuidv7(),
  admin: uuidv7(),
  employerUser: uuidv7(),
  employer: uuidv7(),
  seeker: uuidv7(),
  posting: uuidv7(),
  referral: uuidv7(),
  gone: uuidv7(),
};

const logRow = (centre: string | null) =>
  `INSERT INTO access_log (id, actor_id, actor_login, ip, action, subject_type, subject_id, centre_id)
   VALUES ('${uuidv7()}', NULL, 'old', '10.0.0.1', 'view', 'seeker', '${uuidv7()}', ${centre ? `'${centre}'` : 'NULL'})`;

/** The data of a database at the head before 9700: one of each row the migrations backfill. */
async function seedOldHead(c: pg.Client) {
  await c.query(`
    INSERT INTO centres (id, name, kind, region_code, path) VALUES
      ('${id.a}', '가', 'city', '11', ARRAY['${id.a}'::uuid]), ('${id.b}', '나', 'city', '26', ARRAY['${id.b}'::uuid]);
    INSERT INTO employers (id, centre_id, name, biz_reg_no, region_code) VALUES ('${id.employer}', '${id.b}', '주식회사', '1234567890', '26');
    INSERT INTO users (id, login, password_hash, name, role, centre_id, employer_id) VALUES
      ('${id.staff}', 'staff', 'x', '상담사', 'counsellor', '${id.a}', NULL),
      ('${id.admin}', 'admin', 'x', '관리자', 'admin', NULL, NULL),
      ('${id.employerUser}', 'emp', 'x', '채용담당', 'employer', NULL, '${id.employer}');
    INSERT INTO sessions (id, user_id, csrf_token, expires_at)
      SELECT 's' || u, u, 'c', now() + interval '1 day' FROM unnest(ARRAY['${id.staff}', '${id.admin}', '${id.employerUser}']::uuid[]) u;
    INSERT INTO api_tokens (id, user_id, name, token_hash, expires_at) VALUES ('${uuidv7()}', '${id.staff}', 't', 'h1', now() + interval '90 days');
    INSERT INTO permission_log (id, user_id, change) VALUES ('${uuidv7()}', '${id.staff}', 'grant'), ('${uuidv7()}', '${id.gone}', 'grant');
    INSERT INTO seekers (id, centre_id, registration_no, name, birth_date, phone_enc, phone_bi, region_code,
        education_level, desired_occupations, registered_at)
      VALUES ('${id.seeker}', '${id.a}', '2026-000001', '홍길동', '1990-01-01', 'e', 'b', '11', '04', '{}', '2026-01-01');
    INSERT INTO postings (id, employer_id, centre_id, title, occupation_code, duties, headcount, employment_type,
        wage_type, wage_min, wage_monthly_min, region_code, education_min, career_type, closes_at, status)
      VALUES ('${id.posting}', '${id.employer}', '${id.b}', '공고', '0', '일', 1, '10', 'M', 1, 1, '26', '00', 'N', '2099-01-01', 'open');
    INSERT INTO referrals (id, seeker_id, posting_id, centre_id) VALUES ('${id.referral}', '${id.seeker}', '${id.posting}', '${id.a}');
    INSERT INTO referral_events (id, referral_id, status) VALUES ('${uuidv7()}', '${id.referral}', 'referred');
    INSERT INTO referral_links (id, referral_id, token_hash, expires_at) VALUES ('${uuidv7()}', '${id.referral}', 'l1', now());
    INSERT INTO seeker_recommendations (seeker_id, computed_at, posting_ids, scores) VALUES ('${id.seeker}', now(), '{}', '{}');
  `);
  for (const centre of [id.a, id.b, null, id.a]) await c.query(logRow(centre));
}

/** Does a transaction logging in centre b wait for an open one that logged in centre a? */
async function blocksAcrossCentres(): Promise<boolean> {
  const [one, two] = [await client(), await client()];
  await one.query('BEGIN');
  await one.query(logRow(id.a));
  await two.query('BEGIN');
  await two.query(`SET LOCAL lock_timeout = '500ms'`);
  const blocked = await two.query(logRow(id.b)).then(
    () => false,
    (e: Error) => /lock timeout/.test(e.message),
  );
  await two.query(blocked ? 'ROLLBACK' : 'COMMIT');
  await one.query('COMMIT');
  return blocked;
}

describe('upgrading a database of the head before 9700', () => {
  it('backfills centre_id from the owning rows and keeps the old access-log chain verifiable', async () => {
    await migrateToLatest(db, (m) => m < '20261207_9700');
    const c = await client();
    await seedOldHead(c);
    // Before: one head row for the whole system, so centres wait for each other.
    expect(await blocksAcrossCentres()).toBe(true);

    await migrateToLatest(db);
    const one = async (q: string) => (await c.query(q)).rows;
    expect(await one(`SELECT centre_id FROM referral_events`)).toEqual([{ centre_id: id.a }]);
    expect(await one(`SELECT centre_id FROM referral_links`)).toEqual([{ centre_id: id.a }]);
    expect(await one(`SELECT centre_id FROM seeker_recommendations`)).toEqual([{ centre_id: id.a }]);
    const sessions = await one(`SELECT user_id, centre_id FROM sessions`);
    expect(Object.fromEntries(sessions.map((s) => [s.user_id, s.centre_id]))).toEqual({
      [id.staff]: id.a,
      [id.admin]: null,
      [id.employerUser]: id.b,
    });
    expect(await one(`SELECT centre_id FROM api_tokens`)).toEqual([{ centre_id: id.a }]);
    const perms = await one(`SELECT user_id, centre_id FROM permission_log`);
    expect(Object.fromEntries(perms.map((p) => [p.user_id, p.centre_id]))).toEqual({
      [id.staff]: id.a,
      [id.gone]: null,
    });

    // The rows written before (5 on the single chain: 4 seeded, 1 from the blocking check) still verify, as the legacy chain.
    const before = await verifyChain(db);
    expect(before).toMatchObject({ ok: true, rows: 5, chains: [{ legacy: true, rows: 5, ok: true }] });
    // After: centres no longer wait for each other, and old and new rows verify together.
    expect(await blocksAcrossCentres()).toBe(false);
    const after = await verifyChain(db);
    expect(after.ok).toBe(true);
    expect(after.rows).toBe(7);
    expect(after.chains.filter((x) => !x.legacy).map((x) => [x.centreId, x.rows])).toEqual(
      expect.arrayContaining([
        [id.a, 1],
        [id.b, 1],
      ]),
    );
    // The old chain's end is frozen.
    await expect(c.query(`UPDATE access_log_head SET hash = repeat('1', 64)`)).rejects.toThrow(/frozen/);
  });
});
