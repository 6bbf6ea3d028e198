import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';

const t = await testApp();

describe('the prospect’s 가입 코드 on the staff and portal pages', async () => {
  const centre = await t.centre('서해구일자리센터', null, '28275');
  const officer = await t.user('outreach', centre.id);

  it('offers the code on a prospect’s page, shows it once uncached, and the sign-up page asks for it', async () => {
    const bizRegNo = withBizRegCheckDigit('314819001');
    const visit = expectStatus(
      await officer.post('/api/v1/outreach/visits', {
        employer: { name: '석남동공업사', bizRegNo, regionCode: '28275' },
        plannedAt: '2026-12-15T10:00:00+09:00',
      }),
      201,
    ) as { employerId: string };
    const page = await officer.get(`/staff/employers/${visit.employerId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/staff/employers/${visit.employerId}/claim-code"`);
    const issued = await officer.post(`/staff/employers/${visit.employerId}/claim-code`, '', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(issued.statusCode).toBe(200);
    expect(issued.headers['cache-control']).toBe('no-store');
    const code = /<code class="secret">([A-Z2-9]{4}-[A-Z2-9]{4})<\/code>/.exec(issued.body)?.[1];
    expect(code).toBeTruthy();
    const signup = await t.app.inject({ method: 'GET', url: '/employer/signup' });
    expect(signup.body).toContain('name="claimCode"');
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/employers/signup',
      payload: {
        name: '(주)석남동공업사',
        bizRegNo,
        regionCode: '28275',
        login: 'seoknam_hr',
        password: 'seoknam-pass-7',
        claimCode: code,
      },
    });
    expect(expectStatus(made, 201).employer.id).toBe(visit.employerId);
    // Claimed: no longer a prospect, so its page no longer offers a code.
    expect((await officer.get(`/staff/employers/${visit.employerId}`)).body).not.toContain('/claim-code"');
  });
});
