import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setCentreTotp } from '../../src/features/accounts/centres.service.ts';
import { totpCode } from '../../src/features/accounts/totp.ts';
import { createUser } from '../../src/features/accounts/users.service.ts';
import { desktopView, expectAccessible, shot, type startApp, startDesktop } from './support.ts';

/** Presses Tab (at most 40 times) until the element `selector` has the focus. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** A six-digit code the app does not accept now (none of the codes of the drift window). */
function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, Date.now() + d)));
  let n = Number(totpCode(secret));
  let code = '';
  do {
    n = (n + 123_457) % 1_000_000;
    code = String(n).padStart(6, '0');
  } while (valid.has(code));
  return code;
}

describe('login with a second factor (browser, keyboard only)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ t, browser, page } = await startDesktop());
  });

  it('asks for the code after the password, refuses a wrong one in Korean and lets the right one in', async () => {
    const c = await t.centre('인천서구일자리센터', null, '28260');
    await setCentreTotp(t.db, c.id, true);
    // The test support enrols a factor for staff of a centre that requires one.
    const u = await t.user('counsellor', c.id);
    expect(u.totpSecret).not.toBeNull();
    const secret = u.totpSecret!;

    await page.goto(`${t.base}/login`);
    await tabTo(page, '#f-login');
    await page.keyboard.type(u.login);
    await page.keyboard.press('Tab');
    await page.keyboard.type(u.password);
    await Promise.all([page.waitForURL(/\/login\/code$/), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('OTP 코드 입력');
    await expectAccessible(page, 'code page');
    await shot(page, 'login-code');

    await tabTo(page, '#f-otp');
    await page.keyboard.type(wrongCode(secret));
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('#error-summary');
    expect(new URL(page.url()).pathname).toBe('/login/code');
    const error = page.locator('#f-otp-error');
    expect(await error.isVisible()).toBe(true);
    expect(await error.textContent()).toBe('OTP 코드가 올바르지 않습니다.');
    expect(await page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.locator('#f-otp').getAttribute('aria-invalid')).toBe('true');
    // The summary has the focus (app.js); it links to the field.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    await expectAccessible(page, 'code page with an error');
    expect(await page.context().cookies(t.base)).not.toContainEqual(
      expect.objectContaining({ name: 'ilteo_session' }),
    );

    await tabTo(page, '#f-otp');
    await page.keyboard.type(totpCode(secret));
    await Promise.all([page.waitForURL((url) => url.pathname === '/staff'), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('대시보드');
    expect(await page.locator('.who').textContent()).toContain('counsellor 사용자');
  });

  it('sends an admin without a factor to enrolment until the code from the new secret is confirmed', async () => {
    // As `ilteo create-admin` makes it: no second factor.
    const login = 'new-admin';
    const password = 'new-admin-pass-1';
    await createUser(t.db, null, { login, password, name: '새 관리자', role: 'admin' });
    const admin = await (await browser.newContext(desktopView)).newPage();

    await admin.goto(`${t.base}/login`);
    await tabTo(admin, '#f-login');
    await admin.keyboard.type(login);
    await admin.keyboard.press('Tab');
    await admin.keyboard.type(password);
    await Promise.all([admin.waitForURL(/\/account\/totp\?required=1$/), admin.keyboard.press('Enter')]);
    expect(await admin.locator('.notice.info').textContent()).toContain('2단계 인증이 필요합니다');
    await expectAccessible(admin, 'enrolment page');

    // Every other page leads back here.
    await admin.goto(`${t.base}/staff/seekers`);
    expect(new URL(admin.url()).pathname + new URL(admin.url()).search).toBe('/account/totp?required=1');

    await tabTo(admin, 'form[action="/account/totp"] button');
    await Promise.all([admin.waitForSelector('#totp-secret'), admin.keyboard.press('Enter')]);
    await expectAccessible(admin, 'enrolment QR code');
    const secret = (await admin.locator('#totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await tabTo(admin, '#f-code');
    await admin.keyboard.type(totpCode(secret));
    await Promise.all([admin.waitForSelector('.notice.ok'), admin.keyboard.press('Enter')]);
    expect(await admin.locator('.notice.ok').textContent()).toBe('2단계 인증이 등록되었습니다.');

    await tabTo(admin, 'a.button');
    await Promise.all([admin.waitForURL((url) => url.pathname === '/staff'), admin.keyboard.press('Enter')]);
    await expect.poll(() => admin.locator('h1').textContent()).toBe('대시보드');
    await admin.goto(`${t.base}/staff/seekers`);
    expect(new URL(admin.url()).pathname).toBe('/staff/seekers');
    await admin.close();
  });
});
