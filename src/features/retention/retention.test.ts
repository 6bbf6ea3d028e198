import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { encryptField } from '../../platform/crypto/fields.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { runRetention } from './retention.service.ts';

const t = await testApp();

async function seeker(centreId: string, status: 'active' | 'closed', changedYearsAgo: number) {
  const id = uuidv7();
  await t.db
    .insertInto('seekers')
    .values({
      id,
      centre_id: centreId,
      registration_no: `R-${id.slice(-8)}`,
      name: '보존기간',
      birth_date: '1980-01-01',
      phone_enc: encryptField(t.dataKey, '010-0000-0000')!,
      phone_bi: 'x',
      region_code: '11140',
      education_level: '03',
      desired_occupations: ['5311'],
      registered_at: '2020-01-01',
      status,
      status_changed_at: sql<Date>`now() - make_interval(years => ${changedYearsAgo})`,
    })
    .execute();
  return id;
}

describe('retention job', () => {
  it('destroys closed records past the period and old logs, keeps the rest', async () => {
    const c = await t.centre();
    const old = await seeker(c.id, 'closed', 4);
    const recent = await seeker(c.id, 'closed', 1);
    const active = await seeker(c.id, 'active', 10);
    await t.db
      .insertInto('counselling')
      .values({
        id: uuidv7(),
        seeker_id: old,
        centre_id: c.id,
        at: new Date(),
        channel: 'phone',
        type: 'follow_up',
        notes: '상담',
      })
      .execute();
    await t.db
      .insertInto('access_log')
      .values([
        {
          id: uuidv7(),
          at: sql<Date>`now() - interval '3 years'`,
          action: 'view',
          subject_type: 'seeker',
          subject_id: old,
          ip: null,
          actor_id: null,
          actor_login: null,
          centre_id: null,
          reason: null,
        },
        {
          id: uuidv7(),
          action: 'view',
          subject_type: 'seeker',
          subject_id: recent,
          ip: null,
          actor_id: null,
          actor_login: null,
          centre_id: null,
          reason: null,
        },
      ])
      .execute();

    const r = await runRetention(t.db, { retentionYears: 3 });
    expect(r.seekers).toBe(1);
    expect(r.accessLog).toBe(1);
    const left = (await t.db.selectFrom('seekers').select('id').execute()).map((x) => x.id);
    expect(left).toEqual(expect.arrayContaining([recent, active]));
    expect(left).not.toContain(old);
    expect(
      await t.db.selectFrom('counselling').select('id').where('seeker_id', '=', old).execute(),
    ).toHaveLength(0);
  });

  it('the access log stays append-only outside the retention job', async () => {
    await expect(sql`DELETE FROM access_log`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE access_log SET reason = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE access_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});

describe('expired records through the API', () => {
  it('are not returned even before the job runs', async () => {
    const c = await t.centre();
    const staff = await t.user('counsellor', c.id);
    const id = await seeker(c.id, 'active', 0);
    expect((await staff.get(`/api/v1/seekers/${id}`)).statusCode).toBe(200);
    await t.db.updateTable('seekers').set({ retain_until: '2020-01-01' }).where('id', '=', id).execute();
    expect((await staff.get(`/api/v1/seekers/${id}`)).statusCode).toBe(404);
    expect((await staff.get('/api/v1/seekers')).body).not.toContain(id);
  });
});
