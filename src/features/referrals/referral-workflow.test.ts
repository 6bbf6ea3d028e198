import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';

// The referral workflow of issue 15: an interview with its time and place, a hire with its start,
// type and wage (the posting's by default), the seeker's /me page showing the interview, the
// staff board with filters, pages and links that open, and the printouts (access-logged `print`).

const t = await testApp();
const centre = await t.centre('알선흐름센터');
const other = await t.centre('이웃센터');
const staff = await t.user('counsellor', centre.id);
const colleague = await t.user('counsellor', centre.id);
const outsider = await t.user('counsellor', other.id);
const employer = await buildEmployer(t.db, centre.id, { name: '㈜한빛정밀' });
const posting = await buildPosting(t.db, centre.id, employer.id, {
  title: '용접원 모집',
  wage_type: 'M',
  wage_min: 2_600_000,
  employment_type: '10',
});
// An open posting of another centre, to be closed after the referral (its staff page was a 404).
const otherEmployer = await buildEmployer(t.db, other.id, { name: '이웃기업' });
const foreign = await buildPosting(t.db, other.id, otherEmployer.id, { title: '이웃센터 공고' });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

const register = async (name: string) =>
  expectStatus(await staff.post('/api/v1/seekers', buildSeeker({ name })), 201) as { id: string };
const refer = async (seekerId: string, postingId = posting.id, client = staff) =>
  expectStatus(await client.post('/api/v1/referrals', { seekerId, postingId }), 201) as { id: string };

describe('referral details', () => {
  it('records the interview time and place, shown on the seeker’s own page', async () => {
    const s = await register('면접볼사람');
    const r = await refer(s.id);
    const missing = expectStatus(
      await staff.post(`/api/v1/referrals/${r.id}/status`, { status: 'interview' }),
      400,
    );
    expect(missing.errors).toEqual([{ field: 'interviewAt', message: expect.stringContaining('면접 일시') }]);
    const wrong = expectStatus(
      await staff.post(`/api/v1/referrals/${r.id}/status`, { status: 'screening', place: '본사' }),
      400,
    );
    expect(wrong.errors[0].field).toBe('place');
    const moved = expectStatus(
      await staff.post(`/api/v1/referrals/${r.id}/status`, {
        status: 'interview',
        interviewAt: '2030-03-04T14:30',
        place: '본사 3층 회의실',
      }),
      200,
    );
    expect(moved).toMatchObject({
      status: 'interview',
      interviewAt: '2030-03-04T05:30:00.000Z',
      interviewPlace: '본사 3층 회의실',
    });
    const me = await t.user('seeker', centre.id, { seekerId: s.id });
    const page = await me.get('/me');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('면접 2030-03-04 14:30');
    expect(page.body).toContain('본사 3층 회의실');
    expect(page.body).toContain('href="/jobs/');
  });

  it('hires with the recorded start, type and wage, and with the posting’s when none is given', async () => {
    const a = await register('채용될사람');
    const ra = await refer(a.id);
    expectStatus(
      await staff.post(`/api/v1/referrals/${ra.id}/status`, {
        status: 'hired',
        startDate: '2030-04-01',
        employmentType: '11',
        wageType: 'M',
        wage: 2_850_000,
      }),
      200,
    );
    const [ea] = expectStatus(await staff.get(`/api/v1/employments?seekerId=${a.id}`), 200).items;
    expect(ea).toMatchObject({
      startDate: '2030-04-01',
      employmentType: '11',
      wageType: 'M',
      wage: 2_850_000,
      route: 'referral',
    });
    const b = await register('기본값채용');
    const rb = await refer(b.id);
    expectStatus(await staff.post(`/api/v1/referrals/${rb.id}/status`, { status: 'hired' }), 200);
    const [eb] = expectStatus(await staff.get(`/api/v1/employments?seekerId=${b.id}`), 200).items;
    expect(eb).toMatchObject({
      startDate: seoulToday(),
      employmentType: '10',
      wageType: 'M',
      wage: 2_600_000,
    });
    const c = await register('코드틀림');
    const rc = await refer(c.id);
    const bad = expectStatus(
      await staff.post(`/api/v1/referrals/${rc.id}/status`, { status: 'hired', employmentType: 'ZZ' }),
      400,
    );
    expect(bad.errors[0].field).toBe('employmentType');
    expect(expectStatus(await staff.get(`/api/v1/referrals/${rc.id}`), 200).status).toBe('referred');
  });

  it('asks for the details on the page: interview time, then the hire with the posting’s wage', async () => {
    const s = await register('화면으로채용');
    const r = await refer(s.id);
    const post = (body: Record<string, string>) =>
      staff.post(
        `/staff/referrals/${r.id}/status`,
        new URLSearchParams({ _csrf: staff.csrf, back: '/staff/referrals', ...body }).toString(),
        form,
      );
    const ask = await post({ status: 'interview' });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('name="interviewAt"');
    expect(ask.body).toContain('화면으로채용');
    const noTime = await post({ status: 'interview', details: '1', interviewAt: '' });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.body).toContain('면접 일시를 입력해 주세요');
    const ok = await post({
      status: 'interview',
      details: '1',
      interviewAt: '2030-05-06T10:00',
      place: '2층',
    });
    expect(ok.statusCode).toBe(303);
    const hire = await post({ status: 'hired' });
    expect(hire.body).toContain('value="2600000"');
    const done = await post({
      status: 'hired',
      details: '1',
      startDate: '2030-05-20',
      employmentType: '10',
      wageType: 'M',
      wage: '2700000',
    });
    expect(done.statusCode).toBe(303);
    const [e] = expectStatus(await staff.get(`/api/v1/employments?seekerId=${s.id}`), 200).items;
    expect(e).toMatchObject({ startDate: '2030-05-20', wage: 2_700_000 });
  });
});

describe('the referral board', () => {
  it('filters by status, counsellor and period, pages by 20, and every link opens', async () => {
    const mine = await register('보드첫째');
    await refer(mine.id, foreign.id);
    const theirs = expectStatus(
      await colleague.post('/api/v1/seekers', buildSeeker({ name: '동료의구직자' })),
      201,
    );
    await refer(theirs.id, posting.id, colleague);
    // The other centre's posting closes: the board still opens it through the referral.
    await t.db.updateTable('postings').set({ status: 'closed' }).where('id', '=', foreign.id).execute();
    for (let i = 0; i < 21; i++) await refer((await register(`보드${i}`)).id);
    const page1 = await staff.get('/staff/referrals');
    expect(page1.statusCode).toBe(200);
    expect(page1.body).toContain('rel="next"');
    expect(page1.body).toContain('<td data-label="진행 상태"><span class="tag strong">알선</span>');
    expect(page1.body).not.toMatch(/>(referred|interview|hired)</);
    const links = [
      ...new Set([...page1.body.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))),
    ];
    const page2 = await staff.get('/staff/referrals?page=2');
    links.push(
      ...[...page2.body.matchAll(/href="(\/staff\/postings\/[^"]*)"/g)].map((m) =>
        m[1]!.replace(/&amp;/g, '&'),
      ),
    );
    const broken: string[] = [];
    for (const href of links.filter((h) => !h.startsWith('/static/') && h !== '/logout')) {
      const res = await staff.get(href);
      if (res.statusCode !== 200) broken.push(`${href} → ${res.statusCode}`);
    }
    expect(broken).toEqual([]);
    expect(links.some((h) => h.startsWith(`/staff/postings/${foreign.id}`))).toBe(true);
    const byColleague = await staff.get(`/staff/referrals?counsellorId=${colleague.user.id}`);
    expect(byColleague.body).toContain('동료의구직자');
    expect(byColleague.body).not.toContain('보드첫째');
    const hired = await staff.get('/staff/referrals?status=hired');
    expect(hired.body).not.toContain('보드첫째');
    const future = await staff.get('/staff/referrals?from=2099-01-01');
    expect(future.body).toContain('조건에 맞는 알선이 없습니다');
    const today = await staff.get(`/staff/referrals?from=${seoulToday()}&to=${seoulToday()}`);
    expect(today.body).toContain('보드20');
    // The API takes the same filters.
    const api = expectStatus(
      await staff.get(
        `/api/v1/referrals?counsellorId=${colleague.user.id}&from=${seoulToday()}&to=${seoulToday()}`,
      ),
      200,
    );
    expect(api.total).toBe(1);
    expect(expectStatus(await staff.get('/api/v1/referrals?from=2099-01-01'), 200).total).toBe(0);
    // Without the referral, another centre's closed posting stays out of reach.
    expect((await staff.get(`/staff/postings/${foreign.id}`)).statusCode).toBe(404);
  });
});

describe('printouts', () => {
  it('prints the 알선장, 구직표 and 구인표 as A4 pages, each access-logged as print', async () => {
    const s = await register('알선장주인');
    const r = await refer(s.id);
    const printed = async (subjectId: string) =>
      (
        await t.db
          .selectFrom('access_log')
          .select(['action', 'reason', 'actor_id'])
          .where('subject_id', '=', subjectId)
          .where('action', '=', 'print')
          .execute()
      ).map((x) => ({ ...x }));
    const letter = await staff.get(`/staff/referrals/${r.id}/letter`);
    expect(letter.statusCode).toBe(200);
    for (const text of [
      '알 선 장',
      '알선장주인',
      '용접원 모집',
      '㈜한빛정밀',
      '알선흐름센터',
      'print.css',
      'data-print',
    ])
      expect(letter.body).toContain(text);
    expect(letter.body).not.toContain('010-'); // no phone on a letter to an employer
    expect(letter.body).toContain('센터 대표 전화');
    expect(letter.body).toContain('(등록되지 않음)');
    // With the centre's main number and the counsellor's direct line on record, both print.
    const manager = await t.user('manager', centre.id);
    expectStatus(await manager.patch(`/api/v1/centres/${centre.id}`, { phone: '02-2639-1234' }), 200);
    expectStatus(await manager.patch(`/api/v1/users/${staff.user.id}`, { workPhone: '0226391301' }), 200);
    const again = (await staff.get(`/staff/referrals/${r.id}/letter`)).body;
    expect(again).toContain('02-2639-1234');
    expect(again).toContain('02-2639-1301');
    expect(again).not.toContain('(등록되지 않음)');
    expect(await printed(s.id)).toEqual([
      { action: 'print', reason: '알선장 출력', actor_id: staff.user.id },
      { action: 'print', reason: '알선장 출력', actor_id: staff.user.id },
    ]);
    const card = await staff.get(`/staff/seekers/${s.id}/card`);
    expect(card.statusCode).toBe(200);
    expect(card.body).toContain('구 직 표');
    expect(card.body).toContain('010-');
    expect((await printed(s.id)).map((x) => x.reason).sort()).toEqual([
      '구직표 출력',
      '알선장 출력',
      '알선장 출력',
    ]);
    const pcard = await staff.get(`/staff/postings/${posting.id}/card`);
    expect(pcard.statusCode).toBe(200);
    expect(pcard.body).toContain('<h1>구인표</h1>');
    expect(await printed(posting.id)).toEqual([
      { action: 'print', reason: '구인표 출력', actor_id: staff.user.id },
    ]);
    // Staff lists open the staff posting page (a closed posting's public page is a 404).
    expect((await staff.get('/staff/postings?status=all')).body).toContain(
      `href="/staff/postings/${posting.id}"`,
    );
    expect((await staff.get(`/staff/employers/${employer.id}`)).body).toContain(
      `href="/staff/postings/${posting.id}"`,
    );
    // Print buttons on the pages.
    expect((await staff.get(`/staff/seekers/${s.id}`)).body).toContain(`href="/staff/seekers/${s.id}/card"`);
    expect((await staff.get(`/staff/postings/${posting.id}`)).body).toContain(
      `href="/staff/postings/${posting.id}/card"`,
    );
    // Another centre prints nothing of ours, and logs nothing.
    expect((await outsider.get(`/staff/referrals/${r.id}/letter`)).statusCode).toBe(404);
    expect((await outsider.get(`/staff/seekers/${s.id}/card`)).statusCode).toBe(404);
    expect((await printed(s.id)).length).toBe(3);
  });
});
