import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  keyboardLogin,
  phoneView,
  scriptBytes,
  shot,
  type startApp,
  startDesktop,
} from './support.ts';

describe('counsellor flow (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ t, browser, page } = await startDesktop());
    const c = await t.centre('서울중구일자리센터');
    const u = await t.user('counsellor', c.id);
    await keyboardLogin(page, t.base, u.login, u.password);
  });

  it('lands on the dashboard, accessible, with shortcuts', async () => {
    expect(new URL(page.url()).pathname).toBe('/staff');
    await expect.poll(() => page.locator('h1').textContent()).toBe('대시보드');
    await expectAccessible(page, 'dashboard');
    expect(await scriptBytes(page)).toBeLessThan(150 * 1024);
    await shot(page, 'staff-dashboard');
  });

  it('registers a seeker: inline errors first, then success, by keyboard shortcut and form', async () => {
    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await page.waitForURL(/\/staff\/seekers$/);
    await expectAccessible(page, 'seekers list (empty)');
    await page.keyboard.press('n');
    await page.waitForURL(/\/staff\/seekers\/new$/);
    await expectAccessible(page, 'new seeker form');
    await page.getByRole('button', { name: '저장' }).click();
    await page.waitForSelector('#error-summary');
    expect(await page.locator('#f-name-error').textContent()).toBeTruthy();
    expect(await page.locator('#f-name').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'new seeker form with errors');
    await shot(page, 'staff-seeker-new-errors');

    await page.locator('#f-name').fill('김하늘');
    await page.locator('#f-birthDate').fill('1990-05-17');
    await page.locator('#f-phone').fill('010-1234-5678');
    await page.locator('#f-regionCode').selectOption('11140');
    await page.locator('#f-educationLevel').selectOption('03');
    await page.locator('#f-desired-occupations').fill('1555 환경공학 기술자 및 연구원');
    await page.getByLabel('청년', { exact: true }).check();
    await page.locator('#f-keywords').fill('용접, 지게차');
    await page.getByRole('button', { name: '저장' }).click();
    await page.waitForURL(/\/staff\/seekers\/[0-9a-f-]{36}/);
    expect(await page.locator('h1').textContent()).toContain('김하늘');
    expect(await page.locator('.notice.ok').textContent()).toContain('등록되었습니다');
  });

  it('records counselling and builds an action plan on the seeker page', async () => {
    const url = page.url().split('?')[0]!;
    await page.locator('#f-notes').fill('용접 자격 취득 희망, 다음 주 재상담');
    await page.locator('#f-title').fill('초기 상담');
    await page.getByRole('button', { name: '상담 기록 저장' }).click();
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('용접 자격 취득 희망');
    await page.goto(url);
    await page.locator('#f-goal').fill('3개월 안에 용접 분야 취업');
    await page.getByRole('button', { name: '목표 저장' }).click();
    await expect.poll(() => page.getByRole('button', { name: '단계 추가' }).count()).toBe(1);
    await page.locator('#f-stepTitle').fill('용접기능사 필기 접수');
    await page.getByRole('button', { name: '단계 추가' }).click();
    await expect.poll(() => page.locator('#plan').textContent()).toContain('용접기능사 필기 접수');
    await page.goto(url);
    await expectAccessible(page, 'seeker detail');
    await shot(page, 'staff-seeker-detail');
  });

  it('finds the seeker by a Korean keyword in the list', async () => {
    await page.goto(`${t.base}/staff/seekers?q=${encodeURIComponent('용접')}`);
    expect(await page.locator('table').textContent()).toContain('김하늘');
    await expectAccessible(page, 'seekers list');
    await shot(page, 'staff-seekers');
    const phone = await browser.newPage(phoneView);
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(page.url());
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await phone.close();
  });
});
