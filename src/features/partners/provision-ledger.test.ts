import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { runRetention } from '../retention/retention.service.ts';

// The provision ledger (SECURITY.md 24) is append-only in the database, and the retention job
// destroys rows past three years.

const t = await testApp();
const centre = await t.centre('강원고용센터', null, '51110');
const admin = await t.user('admin', null);
const partner = expectStatus(
  await admin.post('/api/v1/partners', {
    name: '강원대학교 대학일자리센터',
    centreId: centre.id,
    scopes: ['seekers:read_consented'],
  }),
  201,
) as { id: string };

async function row(yearsAgo: number) {
  const id = uuidv7();
  await t.db
    .insertInto('partner_provisions')
    .values({
      id,
      partner_id: partner.id,
      key_id: null,
      centre_id: centre.id,
      seeker_id: uuidv7(),
      recipient: '강원대학교 대학일자리센터',
      purpose: '취업 지원',
      items: ['name', 'desired'],
      action: 'view',
      at: sql<Date>`now() - make_interval(years => ${yearsAgo}) - interval '1 day'`,
    })
    .execute();
  return id;
}
const exists = async (id: string) =>
  (await t.db.selectFrom('partner_provisions').select('id').where('id', '=', id).executeTakeFirst()) !==
  undefined;

describe('the provision ledger', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, for the owner too', async () => {
    const id = await row(0);
    await expect(
      t.db.updateTable('partner_provisions').set({ purpose: '바꿈' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('partner_provisions').where('id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`TRUNCATE partner_provisions`.execute(t.db)).rejects.toThrow(/append-only/);
    // the retention flag does not open recent rows either
    await expect(
      t.db.transaction().execute(async (tx) => {
        await sql`SET LOCAL ilteo.retention = 'on'`.execute(tx);
        await tx.deleteFrom('partner_provisions').where('id', '=', id).execute();
      }),
    ).rejects.toThrow(/append-only/);
    expect(await exists(id)).toBe(true);
  });

  it('is destroyed past three years by the retention job, and only then', async () => {
    const old = await row(3);
    const young = await row(2);
    const r = await runRetention(t.db, { retentionYears: 5 });
    expect(r.provisions).toBeGreaterThanOrEqual(1);
    expect(await exists(old)).toBe(false);
    expect(await exists(young)).toBe(true);
  });
});
