import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { expectStatus } from '../support/app.ts';
import { buildEmployer, buildPosting } from '../support/factories.ts';
import {
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  shot,
  type startApp,
  startDesktop,
} from './support.ts';

// The counsellor's day of issue 15 in a browser, keyboard only (focus, typing, Enter; no mouse):
// book an appointment from the seeker's page and move it on the week view, print the 알선장,
// record the interview's time and place and then the hire with its wage. Every page is checked
// with axe and for horizontal scrolling at 375 px.

/** Moves the keyboard focus to an element and presses Enter on it. */
async function enter(page: Page, locator: ReturnType<Page['locator']>) {
  await locator.focus();
  await page.keyboard.press('Enter');
}

/** 2030-01-07 is a Monday: a working day far from today's data. */
const DAY = '2030-01-07';

describe('the counsellor’s day (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let page: Page;
  let seekerId = '';
  let referralId = '';
  let postingId = '';

  beforeAll(async () => {
    ({ t, page } = await startDesktop());
    const c = await t.centre('서울중구일자리센터', null, '11140');
    const u = await t.user('counsellor', c.id);
    const s = expectStatus(await u.post('/api/v1/seekers', buildSeeker({ name: '김하루' })), 201);
    seekerId = s.id;
    const e = await buildEmployer(t.db, c.id, { name: '㈜한빛정밀' });
    const p = await buildPosting(t.db, c.id, e.id, { title: 'CNC 선반 기능원', wage_min: 2_700_000 });
    postingId = p.id;
    referralId = expectStatus(await u.post('/api/v1/referrals', { seekerId, postingId: p.id }), 201).id;
    await keyboardLogin(page, t.base, u.login, u.password);
  });

  it('books an appointment from the seeker page and moves it on the week view', async () => {
    await page.goto(`${t.base}/staff/seekers/${seekerId}`);
    await enter(page, page.getByRole('link', { name: '상담 예약', exact: true }));
    await page.waitForURL(/\/staff\/calendar\/new/);
    await expectAccessible(page, 'appointment form');
    await page.locator('#f-startsAt').fill(`${DAY}T10:00`);
    await page.locator('#f-minutes').selectOption('60');
    await page.locator('#f-place').focus();
    await page.keyboard.type('2층 상담실');
    await shot(page, 'staff-appointment-new');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/staff\/calendar\?week=2030-01-07&booked=1/);
    expect(await page.locator('main').textContent()).toContain('상담 예약을 잡았습니다');
    const monday = page.locator('section.day', { hasText: '월 01.07' });
    expect(await monday.textContent()).toContain('10:00–11:00');
    expect(await monday.textContent()).toContain('김하루');
    await expectAccessible(page, 'week view');
    expect(await overflowsPhone(page)).toBe(false);
    await shot(page, 'staff-calendar');

    await enter(page, monday.getByRole('link', { name: /변경/ }));
    await page.waitForURL(/\/edit/);
    await expectAccessible(page, 'move form');
    await page.locator('#f-startsAt').fill(`${DAY}T14:00`);
    await page.locator('#f-startsAt').press('Enter');
    await page.waitForURL(/moved=1/);
    expect(await page.locator('section.day', { hasText: '월 01.07' }).textContent()).toContain('14:00–15:00');
    // The seeker's page shows it as the next appointment.
    await page.goto(`${t.base}/staff/seekers/${seekerId}`);
    expect(await page.locator('#appointments').textContent()).toContain('2030-01-07 14:00');
  });

  it('prints the referral letter on one A4 page, and the print is access-logged', async () => {
    await page.goto(`${t.base}/staff/referrals`);
    await expectAccessible(page, 'referral board');
    expect(await overflowsPhone(page)).toBe(false);
    await enter(page, page.getByRole('link', { name: /알선장 인쇄/ }).first());
    await page.waitForURL(/\/letter$/);
    await expectAccessible(page, 'referral letter');
    expect(await page.locator('main').textContent()).toContain('김하루');
    expect(await page.locator('main').textContent()).toContain('CNC 선반 기능원');
    await shot(page, 'staff-referral-letter');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    const rows = await t.db
      .selectFrom('access_log')
      .select(['reason'])
      .where('subject_id', '=', seekerId)
      .where('action', '=', 'print')
      .execute();
    expect(rows.map((r) => r.reason)).toEqual(['알선장 출력']);
    // The other two sheets, for the screenshots and axe.
    await page.goto(`${t.base}/staff/seekers/${seekerId}/card`);
    await expectAccessible(page, 'seeker card');
    await shot(page, 'staff-seeker-card');
    await page.goto(`${t.base}/staff/postings/${postingId}/card`);
    await expectAccessible(page, 'posting card');
    await shot(page, 'staff-posting-card');
    await page.goto(`${t.base}/staff/postings/${postingId}`);
    await expectAccessible(page, 'posting page');
    expect(await overflowsPhone(page)).toBe(false);
    await shot(page, 'staff-posting-detail');
  });

  it('records the interview with its time and place, then the hire with its wage', async () => {
    await page.goto(`${t.base}/staff/referrals`);
    await page.getByLabel('다음 상태').first().selectOption('interview');
    await enter(page, page.getByRole('button', { name: '상태 변경' }).first());
    await page.waitForSelector('#f-interviewAt');
    await page.locator('#f-interviewAt').fill('2030-01-09T15:30');
    await page.locator('#f-place').fill('');
    await page.locator('#f-place').focus();
    await page.keyboard.type('본사 3층 회의실');
    await expectAccessible(page, 'interview details');
    await shot(page, 'staff-referral-interview');
    await page.keyboard.press('Enter');
    await page.waitForURL(/moved=1/);
    expect(await page.locator('main table').textContent()).toContain(
      '면접 2030-01-09 15:30 · 본사 3층 회의실',
    );

    await page.getByLabel('다음 상태').first().selectOption('hired');
    await enter(page, page.getByRole('button', { name: '상태 변경' }).first());
    await page.waitForSelector('#f-wage');
    expect(await page.locator('#f-wage').inputValue()).toBe('2700000');
    await page.locator('#f-startDate').fill('2030-01-20');
    await page.locator('#f-wage').fill('');
    await page.locator('#f-wage').focus();
    await page.keyboard.type('2850000');
    await expectAccessible(page, 'hire details');
    await shot(page, 'staff-referral-hire');
    await page.keyboard.press('Enter');
    await page.waitForURL(/moved=1/);
    const e = await t.db
      .selectFrom('employments')
      .select(['start_date', 'wage', 'wage_type', 'route'])
      .where('referral_id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect({ ...e, start_date: String(e.start_date).slice(0, 10) }).toMatchObject({
      wage: 2_850_000,
      wage_type: 'M',
      route: 'referral',
    });
    await shot(page, 'staff-referrals-board');
  });
});
