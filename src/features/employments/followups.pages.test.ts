import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { koDate } from '../../web/dates.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';
import { seoulToday } from './employments.service.ts';

// /staff/followups (issue 15): the due and overdue 1/3/6-month checks, recorded on the page as
// 재직 유지, 퇴사 (with the day) or 연락 안 됨, which the retention KPI reads.

const t = await testApp();
const centre = await t.centre('사후관리센터');
const other = await t.centre('다른사후센터');
const staff = await t.user('counsellor', centre.id);
const colleague = await t.user('counsellor', centre.id);
const stranger = await t.user('counsellor', other.id);
const form = { 'content-type': 'application/x-www-form-urlencoded' };

const daysAgo = (n: number) => {
  const d = new Date(`${seoulToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

const seeker = expectStatus(
  await staff.post('/api/v1/seekers', buildSeeker({ name: '한결같은', birthDate: '1990-05-06' })),
  201,
);
// Started 40 days ago: the 1-month check is overdue, the 3- and 6-month ones are not due yet.
expectStatus(
  await staff.post('/api/v1/employments', {
    seekerId: seeker.id,
    employerName: '㈜오래다닐회사',
    route: 'self',
    startDate: daysAgo(40),
  }),
  201,
);
const followups = async () =>
  (
    await t.db
      .selectFrom('retention_followups')
      .selectAll()
      .where('seeker_id', '=', seeker.id)
      .orderBy('months')
      .execute()
  ).map((f) => ({ ...f }));
const [oneMonth] = await followups();

const post = (body: Record<string, string>, client = staff) =>
  client.post(
    `/staff/followups/${oneMonth!.id}?state=due`,
    new URLSearchParams({ _csrf: client.csrf, ...body }).toString(),
    form,
  );

describe('the follow-ups page', () => {
  it('lists the overdue check with the seeker and a form, not the later ones', async () => {
    const page = await staff.get('/staff/followups');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>사후관리</h1>');
    expect(page.body).toContain(`/staff/seekers/${seeker.id}`);
    expect(page.body).toContain('한결같은');
    expect(page.body).toContain('1990-05-06');
    expect(page.body).toContain('㈜오래다닐회사');
    expect(page.body).toContain('기한 지남');
    expect(page.body).toContain(`action="/staff/followups/${oneMonth!.id}?state=due"`);
    expect(page.body).toContain('<option value="unknown">연락 안 됨</option>');
    expect(page.body).not.toContain('3개월');
    // another centre's counsellor sees none of it
    const theirs = await stranger.get('/staff/followups?state=open');
    expect(theirs.body).not.toContain('한결같은');
    // the counsellor filter: hires recorded by the colleague only
    const byColleague = await staff.get(`/staff/followups?state=open&counsellorId=${colleague.user.id}`);
    expect(byColleague.body).not.toContain('한결같은');
    const mine = await staff.get(`/staff/followups?state=open&counsellorId=${staff.user.id}`);
    expect(mine.body).toContain('3개월');
  });

  it('is linked from the staff dashboard', async () => {
    expect((await staff.get('/staff')).body).toContain('href="/staff/followups"');
  });

  it('refuses a form post without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/staff/followups/${oneMonth!.id}`,
      cookies: { ilteo_session: staff.cookie },
      headers: form,
      payload: 'result=employed',
    });
    expect(res.statusCode).toBe(403);
    expect((await followups())[0]!.done_at).toBeNull();
  });

  it('asks for the day a seeker left, refuses one before the start, then records it', async () => {
    const missing = await post({ result: 'left' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('퇴사일을 입력해 주세요.');
    const early = await post({ result: 'left', leftOn: daysAgo(60) });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('취업 시작일');
    expect((await followups())[0]!.done_at).toBeNull();

    const ok = await post({ result: 'left', leftOn: daysAgo(5), note: '이직 준비' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/staff/followups?state=due&recorded=1');
    const [done] = await followups();
    expect(done).toMatchObject({
      result: 'left',
      left_on: daysAgo(5),
      note: '이직 준비',
      done_by: staff.user.id,
    });

    const again = await post({ result: 'employed' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('이미 완료된 사후관리입니다.');

    const list = await staff.get('/staff/followups?state=done');
    expect(list.body).toContain(`퇴사 (${koDate(daysAgo(5))})`);
    expect((await staff.get('/staff/followups')).body).not.toContain('한결같은');
  });

  it('feeds the 1-month retention rate', async () => {
    const kpi = expectStatus(
      await staff.get(`/api/v1/reports/kpi?from=${daysAgo(60)}&to=${seoulToday()}`),
      200,
    ) as { figures: { retention1m: number | null } };
    // the one recorded 1-month check says 퇴사: 0.0 % retained (null if nothing were recorded)
    expect(kpi.figures.retention1m).toBe(0);
    const row = await t.db
      .selectFrom('retention_followups')
      .select(['result'])
      .where('id', '=', oneMonth!.id)
      .executeTakeFirstOrThrow();
    expect(row.result).toBe('left');
  });
});
