import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { seoulToday } from './postings.validate.ts';

const t = await testApp();
const centre = await t.centre('서울마포일자리센터', null, '11440');
const staff = await t.user('counsellor', centre.id);

const closes = () => {
  const x = new Date(`${seoulToday()}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 20);
  return x.toISOString().slice(0, 10);
};

async function submit(emp: Client, employerId: string, title: string) {
  return expectStatus(
    await emp.post('/api/v1/postings', {
      employerId,
      title,
      occupationCode: '5501',
      duties: '어르신 돌봄',
      headcount: 1,
      employmentType: '10',
      wageType: 'H',
      wageMin: 11500,
      regionCode: '11440',
      educationMin: '00',
      career: { type: 'Z' },
      closesAt: closes(),
    }),
    201,
  ) as { id: string };
}

const form = (c: Client, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: { ilteo_session: c.cookie },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: c.csrf, ...fields }).toString(),
  });

describe('/staff/postings review (pages)', () => {
  it('opens on what needs action, returns with a reason the employer reads, and takes the resubmission', async () => {
    const e = expectStatus(
      await staff.post('/api/v1/employers', {
        name: '마포연세의원',
        bizRegNo: withBizRegCheckDigit('220810001'),
        regionCode: '11440',
        contacts: [{ name: '정담당', phone: '02-333-4444' }],
      }),
      201,
    ) as { id: string };
    const emp = await t.user('employer', null, { employerId: e.id });
    const p = await submit(emp, e.id, '간호조무사 (외래)');
    // An expired posting of the same centre is not on the first screen.
    const old = await submit(emp, e.id, '지난해 마감 공고');
    await staff.post(`/api/v1/postings/${old.id}/approve`);
    await t.db.updateTable('postings').set({ status: 'expired' }).where('id', '=', old.id).execute();

    const first = (await staff.get('/staff/postings')).body;
    expect(first).toContain('간호조무사 (외래)');
    expect(first).not.toContain('지난해 마감 공고');
    expect(first).toContain(`action="/staff/postings/${p.id}/review"`);

    const blank = await form(staff, `/staff/postings/${p.id}/review`, { decision: 'returned', reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('사유를 적어 주세요');
    expect(blank.body).toContain(
      `id="reason-${p.id}" name="reason" rows="2" maxlength="1000" aria-invalid="true"`,
    );
    // The shared KRDS field (forms.tsx Textarea): the hint and the error in its form group, both
    // named by the control, the label telling the cards' reasons apart by the posting's title.
    expect(blank.body).toContain(
      `<div class="form-group field invalid"><div class="form-tit"><label for="reason-${p.id}">사유<span class="visually-hidden">: 간호조무사 (외래)</span></label>`,
    );
    expect(blank.body).toContain(`aria-describedby="reason-${p.id}-hint reason-${p.id}-error"`);
    expect(blank.body).toMatch(
      new RegExp(`<p class="form-hint-invalid" id="reason-${p.id}-error">[^<]*사유를 적어 주세요`),
    );
    expect(blank.body).not.toMatch(/<p class="(hint|error)"/);

    const ok = await form(staff, `/staff/postings/${p.id}/review`, {
      decision: 'returned',
      reason: '근무 요일을 적어 주세요',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/staff/postings?done=returned');
    const queue = (await staff.get('/staff/postings')).body;
    expect(queue).toContain('보완 요청 중');
    expect(queue).toContain('근무 요일을 적어 주세요');

    const home = (await emp.get('/employer')).body;
    expect(home).toContain('근무 요일을 적어 주세요');
    expect(home).toContain(`/employer/postings/${p.id}/edit`);
    const edit = await emp.get(`/employer/postings/${p.id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="간호조무사 (외래)"');
    const saved = await form(emp, `/employer/postings/${p.id}/edit`, {
      title: '간호조무사 (외래)',
      occupationCode: '5501',
      occupationEdition: '2018',
      duties: '어르신 돌봄',
      headcount: '1',
      employmentType: '10',
      wageType: 'H',
      wageMin: '11500',
      workDays: '1',
      regionCode: '11440',
      educationMin: '00',
      'career.type': 'Z',
      closesAt: closes(),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/employer?resubmitted=1');
    const again = (await staff.get('/staff/postings')).body;
    expect(again).toContain('재제출');
    expect(again).toContain(`action="/staff/postings/${p.id}/approve"`);

    const rejected = await form(staff, `/staff/postings/${p.id}/review`, {
      decision: 'rejected',
      reason: '의료기관 인력은 별도 절차로 모집합니다',
    });
    expect(rejected.headers.location).toBe('/staff/postings?done=rejected');
    const after = (await emp.get('/employer')).body;
    expect(after).toContain('반려되었습니다');
    expect(after).not.toContain(`/employer/postings/${p.id}/edit`);
    expect((await emp.get(`/employer/postings/${p.id}/edit`)).statusCode).toBe(303);
  });
});
