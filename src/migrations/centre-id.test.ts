import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../test/support/app.ts';
import { buildEmployer, buildPosting, buildSeeker } from '../../test/support/factories.ts';

const t = await testApp();

/**
 * Tables that hold personal data but whose centre_id may be NULL, each with its reason. Every
 * other table of personal data must carry centre_id NOT NULL (docs/SCALING.md).
 */
const NULL_ALLOWED: Record<string, string> = {
  users:
    'the account registry: centre_id is a staff member’s scope (actor.centreScope), so it is NULL for national admins and for employer/seeker accounts, whose centre is their employer’s/seeker’s (account_centre())',
  sessions: 'NULL only for a national admin’s session; trigger sessions_centre refuses any other NULL',
  api_tokens: 'NULL only for a national admin’s token; trigger api_tokens_centre refuses any other NULL',
  permission_log:
    'NULL for changes of national admins and of accounts deleted before migration 9700 (append-only, centre unknown)',
};

/** Tables without personal data that a column name would otherwise flag (code/reference data). */
const REFERENCE: Record<string, string> = {
  holidays:
    'the national calendar (features/calendar): a day, its name and kind; created_by only names the admin who declared an 임시공휴일',
  notification_templates:
    'the national message texts (features/notifications): a key, its Korean text and kind; updated_by only names the admin who last edited it',
};

/**
 * Personal data: a table with a seeker_id, user_id or employer_id column or an encrypted
 * (*_enc) column, and every table that references one of those by foreign key (a referral's
 * events, a posting's history), to the fixed point.
 */
async function personalDataTables(): Promise<string[]> {
  const direct = await sql<{ table_name: string }>`
    SELECT DISTINCT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      AND (c.column_name IN ('seeker_id', 'user_id', 'employer_id') OR c.column_name LIKE '%\\_enc')`.execute(
    t.db,
  );
  const refs = await sql<{ child: string; parent: string }>`
    SELECT DISTINCT tc.table_name AS child, ccu.table_name AS parent
    FROM information_schema.table_constraints tc
    JOIN information_schema.constraint_column_usage ccu USING (constraint_schema, constraint_name)
    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`.execute(t.db);
  const set = new Set(direct.rows.map((r) => r.table_name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of refs.rows) {
      if (set.has(r.parent) && !set.has(r.child) && r.parent !== 'centres') {
        set.add(r.child);
        grew = true;
      }
    }
  }
  return [...set].sort();
}

describe('centre_id on every table of personal data', () => {
  it('is a NOT NULL column referencing centres, except the listed account tables', async () => {
    const tables = await personalDataTables();
    // The six tables migration 9700 gave a centre_id are among those found.
    expect(tables).toEqual(
      expect.arrayContaining([
        'referral_events',
        'referral_links',
        'seeker_recommendations',
        'sessions',
        'api_tokens',
        'permission_log',
        'seekers',
        'counselling',
      ]),
    );
    const cols = await sql<{ table_name: string; is_nullable: string; fk: boolean }>`
      SELECT c.table_name, c.is_nullable,
        EXISTS (SELECT 1 FROM information_schema.key_column_usage k
          JOIN information_schema.referential_constraints rc USING (constraint_schema, constraint_name)
          JOIN information_schema.constraint_column_usage u
            ON u.constraint_schema = rc.unique_constraint_schema AND u.constraint_name = rc.unique_constraint_name
          WHERE k.table_name = c.table_name AND k.column_name = 'centre_id' AND u.table_name = 'centres') AS fk
      FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.column_name = 'centre_id'`.execute(t.db);
    const byTable = new Map(cols.rows.map((r) => [r.table_name, r]));
    const wrong: string[] = [];
    for (const table of tables) {
      if (REFERENCE[table]) continue;
      const c = byTable.get(table);
      if (!c) wrong.push(`${table}: no centre_id`);
      else if (c.is_nullable === 'YES' && !NULL_ALLOWED[table]) wrong.push(`${table}: centre_id nullable`);
      // Summary tables (report_*) are derived and rebuilt from the source tables: no foreign key.
      else if (!c.fk && !table.startsWith('report_')) wrong.push(`${table}: centre_id without a foreign key`);
    }
    expect(wrong).toEqual([]);
    // An allowance that is no longer needed goes.
    for (const table of Object.keys(NULL_ALLOWED)) {
      expect(tables, `${table} is listed but holds no personal data`).toContain(table);
      expect(byTable.get(table)?.is_nullable, `${table} needs no NULL allowance`).toBe('YES');
    }
  });
});

describe('the owning feature writes it', async () => {
  const centre = await t.centre('쓰기센터');
  const staff = await t.user('counsellor', centre.id);

  it('sessions and API tokens carry the account’s centre (the employer’s for an employer account, none for an admin)', async () => {
    const emp = await buildEmployer(t.db, centre.id, { name: '센터주식회사' });
    const employer = await t.user('employer', null, { employerId: emp.id });
    const admin = await t.user('admin', null);
    const sessionCentre = async (userId: string) =>
      (await t.db.selectFrom('sessions').select('centre_id').where('user_id', '=', userId).execute()).map(
        (r) => r.centre_id,
      );
    expect(await sessionCentre(staff.user.id)).toEqual([centre.id]);
    expect(await sessionCentre(employer.user.id)).toEqual([centre.id]);
    expect(await sessionCentre(admin.user.id)).toEqual([null]);
    const token = expectStatus(await staff.post('/api/v1/auth/tokens', { name: '연동' }), 200);
    const row = await t.db
      .selectFrom('api_tokens')
      .select('centre_id')
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row.centre_id).toBe(centre.id);
    // The database refuses a row without it (or with another centre) for an account of a centre.
    const other = await t.centre('남의센터');
    for (const centreId of [null, other.id]) {
      await expect(
        t.db
          .insertInto('sessions')
          .values({
            id: `x${centreId}`,
            user_id: staff.user.id,
            centre_id: centreId,
            csrf_token: 'c',
            expires_at: new Date(Date.now() + 60_000),
            ip: null,
          })
          .execute(),
      ).rejects.toThrow(/not the centre of account/);
    }
    const log = await t.db
      .selectFrom('permission_log')
      .select('centre_id')
      .where('user_id', '=', staff.user.id)
      .execute();
    expect(log.map((l) => l.centre_id)).toEqual([centre.id]);
  });

  it('referral events and employer links carry the referral’s centre', async () => {
    const emp = await buildEmployer(t.db, centre.id, { name: '알선상회' });
    const posting = (await buildPosting(t.db, centre.id, emp.id)).id;
    const seeker = (await buildSeeker(t.db, centre.id)).id;
    const r = expectStatus(
      await staff.post('/api/v1/referrals', { seekerId: seeker, postingId: posting }),
      201,
    );
    expectStatus(
      await staff.post(`/api/v1/referrals/${r.id}/status`, {
        status: 'interview',
        interviewAt: '2030-01-07T10:00',
      }),
      200,
    );
    expectStatus(await staff.post(`/api/v1/referrals/${r.id}/employer-link`), 201);
    const events = await t.db
      .selectFrom('referral_events')
      .select('centre_id')
      .where('referral_id', '=', r.id)
      .execute();
    expect(events.map((e) => e.centre_id)).toEqual([centre.id, centre.id]);
    const links = await t.db
      .selectFrom('referral_links')
      .select('centre_id')
      .where('referral_id', '=', r.id)
      .execute();
    expect(links.map((l) => l.centre_id)).toEqual([centre.id]);
  });
});
