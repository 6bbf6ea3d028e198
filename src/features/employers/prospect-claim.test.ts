import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';

const t = await testApp();
let n = 500;
const bizNo = () => withBizRegCheckDigit(`31481${String(++n).padStart(4, '0')}`);
const signup = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/portal/employers/signup', payload });

describe('claiming a prospect on employer sign-up', async () => {
  const centre = await t.centre('서해구일자리센터', null, '28275');
  const officer = await t.user('outreach', centre.id);

  async function prospect(no: string) {
    const visit = expectStatus(
      await officer.post('/api/v1/outreach/visits', {
        employer: {
          name: '가정동정밀',
          bizRegNo: no,
          regionCode: '28275',
          address: '인천 서해구 가정동 10',
          contacts: [{ name: '발굴단이 적은 사람', phone: '010-9999-0000' }],
        },
        plannedAt: '2026-12-15T10:00:00+09:00',
      }),
      201,
    );
    return visit as { id: string; employerId: string };
  }
  const form = (no: string, login: string) => ({
    name: '(주)가정동정밀',
    bizRegNo: no,
    regionCode: '28275',
    address: '인천 서해구 가정로 10 (가정동)',
    contacts: [{ name: '박인사', phone: '032-560-1234' }],
    login,
    password: 'gajeong-pass-7',
  });

  it('binds the sign-up to the prospect outreach found, with its visits; the recorded contacts are not handed over', async () => {
    const no = bizNo();
    const visit = await prospect(no);
    const made = expectStatus(await signup(form(no, 'gajeong_hr')), 201);
    expect(made.employer.id).toBe(visit.employerId);
    expect(made.employer.prospect).toBe(false);
    expect(made.employer.name).toBe('(주)가정동정밀');
    const me = await t.as('gajeong_hr', 'gajeong-pass-7');
    const own = expectStatus(await me.get(`/api/v1/employers/${visit.employerId}`), 200);
    expect(own.contacts.map((c: { name: string }) => c.name)).toEqual(['박인사']);
    expect(JSON.stringify(own)).not.toContain('010-9999-0000');
    // The visit stays the company's; the grant is logged as a claim.
    expect(expectStatus(await officer.get(`/api/v1/outreach/visits/${visit.id}`), 200).employerId).toBe(
      visit.employerId,
    );
    const grant = await t.db
      .selectFrom('permission_log')
      .select('after')
      .where('user_id', '=', made.user.id)
      .executeTakeFirstOrThrow();
    expect(grant.after).toMatchObject({ via: 'portal-signup-claim', employerId: visit.employerId });
    // A second sign-up cannot take it over.
    const again = await signup(form(no, 'gajeong_hr2'));
    expect(expectStatus(again, 409).existingId).toBe(visit.employerId);
    expect(await t.db.selectFrom('users').select('id').where('login', '=', 'gajeong_hr2').execute()).toEqual(
      [],
    );
  });

  it('refuses a company registered in the ordinary way, and a prospect a staff member already gave an account', async () => {
    const no = bizNo();
    const known = expectStatus(
      await officer.post('/api/v1/employers', { name: '등록기업', bizRegNo: no, regionCode: '28275' }),
      201,
    );
    expect(expectStatus(await signup(form(no, 'known_hr')), 409).existingId).toBe(known.id);
    const other = bizNo();
    const visit = await prospect(other);
    await t.user('employer', null, { employerId: visit.employerId });
    expect(expectStatus(await signup(form(other, 'late_hr')), 409).existingId).toBe(visit.employerId);
    const row = await t.db
      .selectFrom('employers')
      .select(['prospect', 'name'])
      .where('id', '=', visit.employerId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ prospect: true, name: '가정동정밀' });
  });

  it('of two racing sign-ups for one prospect, one claims it and the other gets 409', async () => {
    const no = bizNo();
    const visit = await prospect(no);
    const results = await Promise.all([signup(form(no, 'race_a')), signup(form(no, 'race_b'))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const bound = await t.db
      .selectFrom('users')
      .select('login')
      .where('employer_id', '=', visit.employerId)
      .execute();
    expect(bound).toHaveLength(1);
  });
});
