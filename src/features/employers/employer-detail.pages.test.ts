import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { insertSeeker } from '../seekers/test-helpers.ts';

// /staff/employers/{id}: a company's details, contacts, postings, referrals and hires, each
// within the reader's rights.

const t = await testApp();
const centreA = await t.centre('인천남동구일자리센터', null, '28200');
const centreB = await t.centre('인천서구일자리센터', null, '28260');
const counsellorA = await t.user('counsellor', centreA.id);
const counsellorB = await t.user('counsellor', centreB.id);
const no = withBizRegCheckDigit('131811234');

const employer = expectStatus(
  await counsellorA.post('/api/v1/employers', {
    name: '㈜남동정밀',
    bizRegNo: no,
    ksic: '25',
    size: '중소기업',
    regionCode: '28200',
    address: '인천광역시 남동구 남동대로 215',
    counsellorId: counsellorA.user.id,
    contacts: [{ name: '오세진', phone: '032-812-3456', email: 'hr@namdong.co.kr' }],
  }),
  201,
);
const closesAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const posting = (title: string, headcount: number) => ({
  employerId: employer.id,
  title,
  occupationCode: '8241',
  duties: 'CNC 선반 가공 및 치수 검사',
  headcount,
  employmentType: '10',
  wageType: 'M',
  wageMin: 2_800_000,
  regionCode: '28200',
  educationMin: '00',
  career: { type: 'Z' },
  closesAt,
});
const open = expectStatus(await counsellorA.post('/api/v1/postings', posting('CNC 선반 가공원', 3)), 201);
const employerUser = await t.user('employer', centreA.id, { employerId: employer.id });
const pending = expectStatus(
  await employerUser.post('/api/v1/postings', posting('용접 보조원 (검토 중)', 2)),
  201,
);

// Referrals of centre A's seekers to the open posting: one hired (an employment follows), one at interview.
const hiredSeeker = await insertSeeker(t.db, centreA.id, { name: '강도윤' });
const interviewSeeker = await insertSeeker(t.db, centreA.id, { name: '윤채원' });
for (const [seeker, status] of [
  [hiredSeeker, 'hired'],
  [interviewSeeker, 'interview'],
] as const) {
  const r = expectStatus(
    await counsellorA.post('/api/v1/referrals', { seekerId: seeker, postingId: open.id }),
    201,
  );
  expectStatus(
    await counsellorA.post(`/api/v1/referrals/${r.id}/status`, {
      status,
      ...(status === 'interview' ? { interviewAt: '2030-01-07T10:00' } : {}),
    }),
    200,
  );
}
// A hire of centre B's own seeker with the company, recorded by centre B.
const seekerB = await insertSeeker(t.db, centreB.id, { name: '서지안' });
expectStatus(
  await counsellorB.post('/api/v1/employments', {
    seekerId: seekerB,
    employerId: employer.id,
    startDate: '2026-03-09',
    route: 'self',
  }),
  201,
);

const page = (
  c: { get: (p: string, h?: Record<string, string>) => Promise<{ statusCode: number; body: string }> },
  q = '',
) => c.get(`/staff/employers/${employer.id}${q}`);

describe('staff employer page', () => {
  it('shows the owning centre everything: details, contacts, postings, referrals and hires', async () => {
    const res = await page(counsellorA);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1>㈜남동정밀</h1>');
    expect(html).toContain(`${no.slice(0, 3)}-${no.slice(3, 5)}-${no.slice(5)}`);
    expect(html).toContain('금속 가공제품 제조업; 기계 및 가구 제외 (25)');
    expect(html).toContain('남동구');
    expect(html).toContain('counsellor 사용자');
    expect(html).toContain('오세진');
    expect(html).toContain('href="tel:0328123456"');
    expect(html).toContain('hr@namdong.co.kr');
    // Postings: status, approval, openings, link.
    expect(html).toContain(`<a href="/staff/postings/${open.id}">CNC 선반 가공원</a>`);
    expect(html).toContain(`<a href="/staff/postings/${pending.id}">용접 보조원 (검토 중)</a>`);
    expect(html).toMatch(
      /모집 중<\/td><td data-label="구인인증">\d{4}-\d{2}-\d{2} 승인<\/td><td data-label="모집 인원">3</,
    );
    expect(html).toMatch(
      /승인 대기<\/td><td data-label="구인인증">승인 대기<\/td><td data-label="모집 인원">2</,
    );
    // Referrals by status.
    expect(html).toMatch(/<dt>전체 알선<\/dt><dd><strong>2건<\/strong>/);
    expect(html).toContain('<dt>채용</dt><dd>1건</dd>');
    expect(html).toContain('<dt>면접</dt><dd>1건</dd>');
    expect(html).toContain('<dt>불합격</dt><dd>0건</dd>');
    // Hires of its own seekers only: centre B's seeker is not named here.
    expect(html).toContain(`<a href="/staff/seekers/${hiredSeeker}">강도윤</a>`);
    expect(html).toContain('알선 취업');
    expect(html).not.toContain('서지안');
    expect(html).not.toContain('윤채원');

    const logs = await t.db
      .selectFrom('access_log')
      .select(['action', 'subject_type', 'subject_id'])
      .where('actor_id', '=', counsellorA.user.id)
      .where('action', '=', 'view')
      .execute();
    expect(logs).toContainEqual({
      action: 'view',
      subject_type: 'employer_contacts',
      subject_id: employer.id,
    });
    expect(logs).toContainEqual({ action: 'view', subject_type: 'seeker', subject_id: hiredSeeker });
  });

  it('shows another centre the shared registry like the API: no contacts, no drafts, only its own hires', async () => {
    const api = expectStatus(await counsellorB.get(`/api/v1/employers/${employer.id}`), 200);
    expect(api).not.toHaveProperty('contacts');
    const res = await page(counsellorB);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('㈜남동정밀');
    expect(res.body).toContain('다른 센터가 관리하는 기업이라 담당자 연락처는 표시하지 않습니다.');
    expect(res.body).not.toContain('오세진');
    expect(res.body).toContain('CNC 선반 가공원');
    expect(res.body).not.toContain(pending.id);
    expect(res.body).not.toContain('강도윤');
    expect(res.body).toContain(`<a href="/staff/seekers/${seekerB}">서지안</a>`);
    expect(res.body).toMatch(/<dt>전체 알선<\/dt><dd><strong>0건<\/strong>/);
    const contactViews = await t.db
      .selectFrom('access_log')
      .select('id')
      .where('actor_id', '=', counsellorB.user.id)
      .where('subject_type', '=', 'employer_contacts')
      .execute();
    expect(contactViews).toEqual([]);
  });

  it('gives an outreach officer the company without referrals and hires, in English on request', async () => {
    const outreach = await t.user('outreach', centreA.id);
    const res = await page(outreach, '?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Contact persons');
    expect(res.body).toContain('오세진');
    expect(res.body).toContain('Manufacture of fabricated metal products');
    expect(res.body).toContain('Waiting for approval');
    expect(res.body).not.toContain('Referrals to its postings');
    expect(res.body).not.toContain('강도윤');
  });

  it('answers 404 for unknown ids, 403 to a company login, and is linked from the list', async () => {
    expect((await counsellorA.get(`/staff/employers/${uuidv7()}`)).statusCode).toBe(404);
    expect((await counsellorA.get('/staff/employers/not-an-id')).statusCode).toBe(404);
    expect((await page(employerUser)).statusCode).toBe(403);
    const list = await counsellorA.get(`/staff/employers?q=${encodeURIComponent('남동정밀')}`);
    expect(list.body).toContain(`<a href="/staff/employers/${employer.id}">㈜남동정밀</a>`);
  });
});
