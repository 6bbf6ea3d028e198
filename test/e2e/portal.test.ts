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

describe('portal and login (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ t, browser, page } = await startDesktop());
  });

  it('home is Korean by default, switches to English and back, and is accessible', async () => {
    const res = await page.goto(`${t.base}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    await expectAccessible(page, 'home ko');
    expect(await scriptBytes(page)).toBeLessThan(150 * 1024);
    await shot(page, 'home');
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${t.base}/login`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page, 'login en');
    await page.getByRole('link', { name: '한국어' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
  });

  it('skip link is the first tab stop and moves focus to main', async () => {
    await page.goto(`${t.base}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('본문 바로가기');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
  });

  it('login shows inline errors, then a counsellor logs in by keyboard and out again', async () => {
    const c = await t.centre('서울중구일자리센터');
    const u = await t.user('counsellor', c.id);
    await page.goto(`${t.base}/login`);
    await page.locator('#f-login').fill(u.login);
    await page.locator('#f-password').fill('wrong-password');
    await page.getByRole('button', { name: '로그인' }).click();
    await expect.poll(() => page.locator('#error-summary').textContent()).toContain('올바르지 않습니다');
    await expectAccessible(page, 'login error');
    await keyboardLogin(page, t.base, u.login, u.password);
    expect(new URL(page.url()).pathname).toMatch(/^\/(staff)?$/);
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.waitForURL(`${t.base}/`);
    expect(await page.getByRole('link', { name: '로그인' }).count()).toBe(1);
  });

  it('a form post without the CSRF token is refused', async () => {
    const res = await page.request.post(`${t.base}/login`, { form: { login: 'x', password: 'y' } });
    expect(res.status()).toBe(403);
  });

  it('home on a 375 px phone has no horizontal scroll', async () => {
    const phone = await browser.newPage(phoneView);
    await phone.goto(`${t.base}/`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(phone, 'home phone');
    await phone.close();
  });
});
