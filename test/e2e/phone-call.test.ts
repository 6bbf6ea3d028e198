import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/features/employments/employments.record.ts';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { seoulToday } from '../../src/platform/domain/dates.ts';
import { koDate } from '../../src/web/dates.ts';
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

// Issue 15's "Done means" in one browser session, keyboard only: a counsellor answers a call by
// typing the caller's number into the search box of every staff page, finds the right one of
// two namesakes with their next appointment, refers them from the recommendations, prints the
// 알선장, records the interview's time and then the hire with its wage, and finds the 1-month
// follow-up on its day in /staff/followups, where the result is recorded. axe on every page.

/** Moves the keyboard focus to an element and presses Enter on it. */
async function enter(page: Page, locator: ReturnType<Page['locator']>) {
  await locator.focus();
  await page.keyboard.press('Enter');
}

const CALLER = '010-4821-3907';

describe('a phone call, from the number to the 1-month follow-up (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let page: Page;
  let seekerId = '';
  // Started a month ago, so its 1-month check falls due today.
  const today = seoulToday();
  const startDate = addMonths(today, -1);

  beforeAll(async () => {
    ({ t, page } = await startDesktop());
    const c = await t.centre('서울중구일자리센터', null, '11140');
    const u = await t.user('counsellor', c.id);
    // Two people of the same name: only the number tells them apart.
    const caller = buildSeeker({ name: '박서준', phone: CALLER, birthDate: '1991-03-05' });
    seekerId = expectStatus(await u.post('/api/v1/seekers', caller), 201).id;
    expectStatus(
      await u.post('/api/v1/seekers', buildSeeker({ name: '박서준', birthDate: '1979-11-30' })),
      201,
    );
    expectStatus(
      await u.post('/api/v1/appointments', {
        seekerId,
        channel: 'visit',
        startsAt: '2030-01-08T10:00:00+09:00',
        endsAt: '2030-01-08T10:50:00+09:00',
        place: '1층 상담실',
      }),
      201,
    );
    const e = await buildEmployer(t.db, c.id, { name: '㈜대성기공' });
    await buildPosting(t.db, c.id, e.id, {
      title: 'CO2 용접원 모집',
      occupation_code: '8241',
      wage_min: 2_900_000,
    });
    await keyboardLogin(page, t.base, u.login, u.password);
  });

  it('finds the caller by the number as they say it, with the next appointment', async () => {
    await page.goto(`${t.base}/staff`);
    // "/" focuses the search box on any staff page; the number is typed without hyphens.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('find-q');
    await page.keyboard.type(CALLER.replaceAll('-', ''));
    await Promise.all([page.waitForURL(/\/staff\/seekers\?q=/), page.keyboard.press('Enter')]);
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('1991');
    await expectAccessible(page, 'find by phone');
    expect(await overflowsPhone(page)).toBe(false);
    await shot(page, 'staff-find-phone');
    await enter(page, rows.first().getByRole('link', { name: /박서준/ }));
    await page.waitForURL(new RegExp(`/staff/seekers/${seekerId}$`));
    expect(await page.locator('#appointments').textContent()).toContain('2030-01-08 10:00');
  });

  it('refers them and prints the 알선장', async () => {
    await enter(page, page.getByRole('button', { name: /알선하기.*CO2 용접원 모집/ }));
    await page.waitForURL(/referred=1/);
    const referrals = page.locator('#referrals');
    expect(await referrals.textContent()).toContain('CO2 용접원 모집');
    await enter(page, referrals.getByRole('link', { name: '알선장 인쇄' }));
    await page.waitForURL(/\/letter$/);
    await expectAccessible(page, 'referral letter');
    const letter = await page.locator('main').textContent();
    expect(letter).toContain('박서준');
    expect(letter).toContain('㈜대성기공');
    const printed = await t.db
      .selectFrom('access_log')
      .select('reason')
      .where('subject_id', '=', seekerId)
      .where('action', '=', 'print')
      .execute();
    expect(printed.map((r) => r.reason)).toEqual(['알선장 출력']);
  });

  it('records the interview time, then the hire with its wage', async () => {
    await page.goto(`${t.base}/staff/seekers/${seekerId}`);
    const referrals = page.locator('#referrals');
    await referrals.getByLabel('다음 상태').selectOption('interview');
    await enter(page, referrals.getByRole('button', { name: '상태 변경' }));
    await page.waitForSelector('#f-interviewAt');
    // A week before the start day.
    const interview = new Date(Date.parse(`${startDate}T00:00:00Z`) - 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    await page.locator('#f-interviewAt').fill(`${interview}T14:00`);
    await page.locator('#f-place').fill('');
    await page.locator('#f-place').focus();
    await page.keyboard.type('본사 2층 면접실');
    await expectAccessible(page, 'interview details');
    await page.keyboard.press('Enter');
    await page.waitForURL(/moved=1/);
    expect(await page.locator('main').textContent()).toContain(`면접 ${interview} 14:00 · 본사 2층 면접실`);

    await referrals.getByLabel('다음 상태').selectOption('hired');
    await enter(page, referrals.getByRole('button', { name: '상태 변경' }));
    await page.waitForSelector('#f-wage');
    // The wage comes from the posting; this hire was agreed a little higher.
    expect(await page.locator('#f-wage').inputValue()).toBe('2900000');
    await page.locator('#f-startDate').fill(startDate);
    await page.locator('#f-wage').fill('');
    await page.locator('#f-wage').focus();
    await page.keyboard.type('3000000');
    await expectAccessible(page, 'hire details');
    await page.keyboard.press('Enter');
    await page.waitForURL(/moved=1/);
    const hire = await t.db
      .selectFrom('employments')
      .select(['wage', 'wage_type', 'route'])
      .where('seeker_id', '=', seekerId)
      .executeTakeFirstOrThrow();
    expect(hire).toEqual({ wage: 3_000_000, wage_type: 'M', route: 'referral' });
  });

  it('finds the 1-month follow-up on its day and records it', async () => {
    await page.goto(`${t.base}/staff`);
    // The dashboard's shortcut "g f" opens the follow-ups.
    await page.keyboard.press('g');
    await Promise.all([page.waitForURL(/\/staff\/followups/), page.keyboard.press('f')]);
    const row = page.locator('main tbody tr', { hasText: '박서준' });
    expect(await row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain('1개월');
    expect(text).toContain(koDate(addMonths(startDate, 1)));
    expect(addMonths(startDate, 1) <= today).toBe(true);
    await expectAccessible(page, 'follow-ups');
    expect(await overflowsPhone(page)).toBe(false);
    await shot(page, 'staff-followups');
    await row.getByLabel('결과', { exact: true }).selectOption('employed');
    await enter(page, row.getByRole('button', { name: '기록' }));
    await page.waitForURL(/recorded=1/);
    expect(await page.locator('main').textContent()).toContain('사후관리 결과를 기록했습니다.');
    const done = await t.db
      .selectFrom('retention_followups')
      .select(['months', 'result'])
      .where('seeker_id', '=', seekerId)
      .where('done_at', 'is not', null)
      .execute();
    expect(done).toEqual([{ months: 1, result: 'employed' }]);
  });
});
