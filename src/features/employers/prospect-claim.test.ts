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
  async function codeFor(employerId: string): Promise<string> {
    const issued = expectStatus(await officer.post(`/api/v1/employers/${employerId}/claim-code`, {}), 201);
    expect(issued.claimCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    return issued.claimCode;
  }
  const form = (no: string, login: string, claimCode?: string) => ({
    name: '(주)가정동정밀',
    bizRegNo: no,
    regionCode: '28275',
    address: '인천 서해구 가정로 10 (가정동)',
    contacts: [{ name: '박인사', phone: '032-560-1234' }],
    login,
    password: 'gajeong-pass-7',
    ...(claimCode ? { claimCode } : {}),
  });

  it('binds the sign-up to the prospect outreach found, with its visits; the recorded contacts are not handed over', async () => {
    const no = bizNo();
    const visit = await prospect(no);
    const code = await codeFor(visit.employerId);
    // Typed as read over the phone: lower case, no hyphen.
    const made = expectStatus(await signup(form(no, 'gajeong_hr', code.replace('-', '').toLowerCase())), 201);
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
    // A second sign-up cannot take it over, not even with the spent code.
    const again = await signup(form(no, 'gajeong_hr2', code));
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
    const code = await codeFor(visit.employerId);
    const results = await Promise.all([signup(form(no, 'race_a', code)), signup(form(no, 'race_b', code))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const bound = await t.db
      .selectFrom('users')
      .select('login')
      .where('employer_id', '=', visit.employerId)
      .execute();
    expect(bound).toHaveLength(1);
  });

  it('refuses a prospect without its code, with a wrong one (the fifth voids it) and with an expired one, and saves nothing', async () => {
    const no = bizNo();
    const visit = await prospect(no);
    const missing = expectStatus(await signup(form(no, 'nocode_hr')), 409);
    expect(missing.code).toBe('employer.claimCodeRequired');
    expect(JSON.stringify(missing)).not.toContain(visit.employerId);
    const code = await codeFor(visit.employerId);
    for (let i = 1; i <= 4; i++) {
      expect(expectStatus(await signup(form(no, `wrong_hr${i}`, 'AAAA-AAAA')), 409).code).toBe(
        'employer.claimCodeWrong',
      );
    }
    // The right code still works after four wrong tries; the fifth wrong one voids it.
    expect(expectStatus(await signup(form(no, 'wrong_hr5', 'BBBB-BBBB')), 409).code).toBe(
      'employer.claimCodeWrong',
    );
    expect(expectStatus(await signup(form(no, 'late_right', code)), 409).code).toBe(
      'employer.claimCodeWrong',
    );
    const fresh = await codeFor(visit.employerId);
    await t.db
      .updateTable('employers')
      .set({ claim_code_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', visit.employerId)
      .execute();
    expect(expectStatus(await signup(form(no, 'expired_hr', fresh)), 409).code).toBe(
      'employer.claimCodeExpired',
    );
    const users = await t.db
      .selectFrom('users')
      .select('id')
      .where('employer_id', '=', visit.employerId)
      .execute();
    expect(users).toEqual([]);
    const row = await t.db
      .selectFrom('employers')
      .select(['prospect', 'name'])
      .where('id', '=', visit.employerId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ prospect: true, name: '가정동정밀' });
  });

  it('issues a code only to staff who may edit the company, only for a prospect, and keeps only its HMAC', async () => {
    const no = bizNo();
    const visit = await prospect(no);
    const other = await t.centre('다른구일자리센터', null, '11110');
    const stranger = await t.user('counsellor', other.id);
    expectStatus(await stranger.post(`/api/v1/employers/${visit.employerId}/claim-code`, {}), 403);
    const code = await codeFor(visit.employerId);
    const stored = await t.db
      .selectFrom('employers')
      .select('claim_code_hash')
      .where('id', '=', visit.employerId)
      .executeTakeFirstOrThrow();
    expect(stored.claim_code_hash).toBeTruthy();
    expect(stored.claim_code_hash).not.toContain(code.replace('-', ''));
    const known = expectStatus(
      await officer.post('/api/v1/employers', {
        name: '정식등록기업',
        bizRegNo: bizNo(),
        regionCode: '28275',
      }),
      201,
    );
    expect(expectStatus(await officer.post(`/api/v1/employers/${known.id}/claim-code`, {}), 409).code).toBe(
      'employer.claimNotProspect',
    );
  });
});
