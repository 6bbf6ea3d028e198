import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, seoulToday } from '../../src/platform/domain/dates.ts';
import { expectStatus } from '../support/app.ts';
import { buildSeeker } from '../support/factories.ts';
import {
  desktopView,
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  phoneView,
  startApp,
  startBrowser,
} from './support.ts';

// Issue 18's Done means in the browser: staff set up a cohort of the 6-week 취업성공 사관학교 on
// the form; it fills up and a seeker signing up on a phone lands on the waiting list; a
// cancellation offers them the place, which they confirm; the cohort's dates are moved five
// months back (time passing), staff take attendance by keyboard, the seeker answers the survey
// once on the phone, the desk shows the completions, and — once a job is recorded two months
// after the course — who found work.
describe('programmes (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let phone: Page;
  let desk: Page;
  let staff: Awaited<ReturnType<typeof t.user>>;
  let seeker: Awaited<ReturnType<typeof t.user>>;
  let centreId = '';
  let phoneSeekerId = '';
  let programmeId = '';
  const others: string[] = [];
  const enrolments: string[] = [];

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    phone = await browser.newPage(phoneView);
    desk = await browser.newPage(desktopView);
    const centre = await t.centre('광명시일자리센터', null, '41210');
    centreId = centre.id;
    staff = await t.user('counsellor', centre.id);
    phoneSeekerId = (await buildSeeker(t.db, centre.id, { name: '한지원' })).id;
    seeker = await t.user('seeker', null, { seekerId: phoneSeekerId });
    for (const name of ['김도윤', '이서연', '박민준'])
      others.push((await buildSeeker(t.db, centre.id, { name })).id);
  });

  it('staff set up the 6-week cohort on the form (Mon/Wed/Fri, holidays skipped)', async () => {
    await keyboardLogin(desk, t.base, staff.login, staff.password);
    await desk.goto(`${t.base}/staff/programmes`);
    await Promise.all([
      desk.waitForURL(/\/staff\/programmes\/new$/),
      desk.getByRole('link', { name: '새 프로그램 개설' }).click(),
    ]);
    await expectAccessible(desk, '/staff/programmes/new');
    let first = addDays(seoulToday(), 7);
    while (isoWeekday(first) !== 1) first = addDays(first, 1);
    await desk.getByLabel('프로그램명').fill('취업성공 사관학교');
    await desk.getByLabel('기수(예: 12기)').fill('25기');
    await desk.getByLabel('장소(대면)').fill('광명시 평생학습원 3층 강의실');
    await desk.locator('#f-capacity').fill('3');
    await desk.getByLabel('첫날').fill(first);
    await desk.getByLabel('마지막 날').fill(addDays(first, 39));
    await desk.getByLabel('화', { exact: true }).uncheck();
    await desk.getByLabel('목', { exact: true }).uncheck();
    await desk.getByLabel('시작 시각').fill('10:00');
    await desk.getByLabel('종료 시각').fill('13:00');
    await desk.getByLabel('청년', { exact: true }).check();
    await desk.getByLabel('바로 공개(포털에서 신청 가능)').check();
    await Promise.all([
      desk.waitForURL(/\/staff\/programmes\/[0-9a-f-]{36}\?created=\d+$/),
      desk.getByRole('button', { name: '개설하기' }).click(),
    ]);
    programmeId = /programmes\/([0-9a-f-]{36})/.exec(desk.url())![1]!;
    const notice = (await desk.locator('.notice.ok').first().textContent()) ?? '';
    const m = /회차 (\d+)개\(공휴일·휴무일로 빠진 날 (\d+)일\)/.exec(notice);
    expect(m, notice).not.toBeNull();
    expect(Number(m![1]) + Number(m![2])).toBe(18);
    expect(await desk.locator('#places').textContent()).toContain('대기자 확정 기한 48시간');
    await expectAccessible(desk, 'cohort desk');
  });

  it('fills up; a seeker signing up on a phone waits, a cancellation offers the place, they confirm it', async () => {
    for (const id of others) {
      enrolments.push(
        expectStatus(await staff.post(`/api/v1/programmes/${programmeId}/enrolments`, { seekerId: id }), 201)
          .id,
      );
    }
    await keyboardLogin(phone, t.base, seeker.login, seeker.password);
    await phone.goto(`${t.base}/programmes`);
    await Promise.all([
      phone.waitForURL(new RegExp(`/programmes/${programmeId}$`)),
      phone.getByRole('link', { name: '취업성공 사관학교' }).click(),
    ]);
    expect(await phone.textContent('main')).toContain('정원 마감(대기 신청 가능)');
    await phone.getByRole('button', { name: '대기 신청하기' }).click();
    await phone.waitForLoadState();
    expect(await phone.textContent('main')).toContain('대기 (대기 1번)');
    await expectAccessible(phone, 'waiting phone');
    expect(await overflowsPhone(phone)).toBe(false);
    // Someone else joins the list after them; then a place frees.
    const late = (await buildSeeker(t.db, centreId, { name: '최하은' })).id;
    expectStatus(await staff.post(`/api/v1/programmes/${programmeId}/enrolments`, { seekerId: late }), 201);
    const cancelled = expectStatus(await staff.post(`/api/v1/enrolments/${enrolments[2]}/cancel`, {}), 200);
    expect(cancelled.promoted).toMatchObject({ seekerId: phoneSeekerId, status: 'offered' });
    await phone.reload();
    expect(await phone.textContent('main')).toContain('자리가 났습니다');
    await phone.getByRole('button', { name: '참가 확정하기' }).click();
    await phone.waitForLoadState();
    expect(await phone.textContent('main')).toContain('참가가 확정되었습니다');
    await desk.goto(`${t.base}/staff/programmes/${programmeId}`);
    const waiting = (await desk.locator('section[aria-labelledby="waiting-h"]').textContent()) ?? '';
    expect(waiting).toContain('최하은');
    expect(waiting).not.toContain('한지원');
    expect(await desk.locator('#places').textContent()).toContain('참가 확정 3명 · 확정 대기 0명 · 대기 1명');
  });

  it('five months later: attendance by keyboard, the survey once on the phone, completions on the desk', async () => {
    // Time passes: the cohort's sessions move 150 days back.
    await sql`UPDATE programme_sessions SET starts_at = starts_at - interval '150 days',
        ends_at = ends_at - interval '150 days' WHERE programme_id = ${programmeId}`.execute(t.db);
    await sql`UPDATE programmes SET first_starts_at = first_starts_at - interval '150 days',
        last_ends_at = last_ends_at - interval '150 days' WHERE id = ${programmeId}`.execute(t.db);
    const p = expectStatus(await staff.get(`/api/v1/programmes/${programmeId}`), 200);
    const [s1, ...rest] = p.sessions as { id: string }[];
    await desk.goto(`${t.base}/staff/programmes/${programmeId}?session=${s1!.id}`);
    // Roster order: 김도윤, 이서연, 한지원. Space marks 출석, an arrow moves to 지각.
    await desk.locator('#attendance-form input[type="radio"]').first().focus();
    await desk.keyboard.press('Space');
    await desk.keyboard.press('Tab');
    await desk.keyboard.press('ArrowRight');
    await desk.keyboard.press('Tab');
    await desk.keyboard.press('Space');
    await desk.keyboard.press('Tab');
    // Enter submits the form; a key press does not wait for the navigation it starts, and the
    // page is already loaded, so wait for the answer page's message itself.
    await desk.keyboard.press('Enter');
    await desk.getByText('3명의 출석을 저장했습니다').waitFor({ timeout: 20_000 });
    expect(await desk.textContent('main')).toContain('3명의 출석을 저장했습니다');
    const checked = await desk
      .locator('#attendance-form input[type="radio"]:checked')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(checked).toEqual(['present', 'late', 'present']);
    await expectAccessible(desk, 'attendance');
    for (const [i, s] of rest.entries()) {
      expectStatus(
        await staff.put(`/api/v1/programmes/${programmeId}/sessions/${s.id}/attendance`, [
          { seekerId: others[0], status: 'present' },
          { seekerId: others[1], status: i % 3 === 0 ? 'present' : 'absent' },
          { seekerId: phoneSeekerId, status: i === 0 ? 'excused' : 'present' },
        ]),
        200,
      );
    }
    await phone.goto(`${t.base}/programmes/${programmeId}`);
    await phone.getByLabel('5', { exact: true }).check();
    await phone.getByLabel('의견(선택)').fill('모의면접과 이력서 첨삭이 큰 도움이 되었습니다.');
    await phone.getByRole('button', { name: '응답 보내기' }).click();
    await phone.waitForLoadState();
    expect(await phone.textContent('main')).toContain('응답해 주셔서 감사합니다');
    await phone.reload();
    expect(await phone.textContent('main')).toContain('만족도 조사에 응답하셨습니다');
    expect(await phone.getByRole('button', { name: '응답 보내기' }).count()).toBe(0);
    expectStatus(await seeker.post(`/api/v1/programmes/${programmeId}/survey`, { score: 1 }), 409);
    await desk.goto(`${t.base}/staff/programmes/${programmeId}`);
    const outcomes = (await desk.locator('#outcomes').textContent()) ?? '';
    expect(outcomes).toContain('수료 2명');
    expect(outcomes).toContain('만족도 5 (1명 응답)');
    expect(outcomes).toContain('수료 후 6개월 내 취업 0명');
    expect(await desk.locator('section[aria-labelledby="survey-h"]').textContent()).toContain('큰 도움');
  });

  it('and once a job is recorded two months after the course, the desk names who found work', async () => {
    const p = expectStatus(await staff.get(`/api/v1/programmes/${programmeId}`), 200);
    const lastDay = new Date(Date.parse(p.endsAt) + 9 * 3_600_000).toISOString().slice(0, 10);
    expectStatus(
      await staff.post('/api/v1/employments', {
        seekerId: phoneSeekerId,
        employerName: '(주)광명정밀',
        startDate: addDays(lastDay, 60),
        route: 'referral',
      }),
      201,
    );
    await desk.goto(`${t.base}/staff/programmes/${programmeId}`);
    expect(await desk.locator('#outcomes').textContent()).toContain('수료 후 6개월 내 취업 1명');
    const employed = (await desk.locator('section[aria-labelledby="employed-h"]').textContent()) ?? '';
    expect(employed).toContain('수료 2명 중 1명 취업');
    expect(employed).toContain('한지원');
    expect(employed).toContain('(주)광명정밀');
    expect(employed).not.toContain('김도윤');
    await expectAccessible(desk, 'cohort desk with work found');
  });
});
