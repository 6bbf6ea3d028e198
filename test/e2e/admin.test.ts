import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import { expectStatus } from '../support/app.ts';
import {
  desktopView,
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  shot,
  startApp,
  startBrowser,
} from './support.ts';

/** Issue 15: a posting rejected with a reason the employer reads; a user and a target created (keyboard, axe). */
describe('posting review and admin screens (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let staff: Page;
  let employer: Page;
  let centreId = '';

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    staff = await (await browser.newContext(desktopView)).newPage();
    employer = await (await browser.newContext(desktopView)).newPage();
    const c = await t.centre('서울성동일자리센터', null, '11200');
    centreId = c.id;
    const manager = await t.user('manager', c.id);
    const e = expectStatus(
      await manager.post('/api/v1/employers', {
        name: '성수연세의원',
        bizRegNo: withBizRegCheckDigit('220830001'),
        regionCode: '11200',
        contacts: [{ name: '정담당', phone: '02-333-4444' }],
      }),
      201,
    ) as { id: string };
    const emp = await t.user('employer', null, { employerId: e.id });
    const closes = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    expectStatus(
      await emp.post('/api/v1/postings', {
        employerId: e.id,
        title: '간호조무사 (외래 접수)',
        occupationCode: '5501',
        occupationEdition: '2018',
        duties: '외래 환자 접수와 진료 보조',
        headcount: 1,
        employmentType: '10',
        wageType: 'M',
        wageMin: 2_300_000,
        regionCode: '11200',
        educationMin: '00',
        career: { type: 'Z' },
        closesAt: closes,
      }),
      201,
    );
    await keyboardLogin(staff, t.base, manager.login, manager.password);
    await keyboardLogin(employer, t.base, emp.login, emp.password);
  });

  it('rejects a posting with a reason, and the employer reads it', async () => {
    await staff.goto(`${t.base}/staff/postings`);
    await expectAccessible(staff, 'postings queue');
    expect(await overflowsPhone(staff)).toBe(false);
    await shot(staff, 'staff-postings-review');
    await staff.getByRole('textbox', { name: /사유.*간호조무사/ }).focus();
    await staff.keyboard.type('같은 공고가 이미 게시 중입니다');
    await staff.keyboard.press('Tab');
    await staff.keyboard.press('Tab');
    await Promise.all([staff.waitForURL(/done=rejected/), staff.keyboard.press('Enter')]);
    await expectAccessible(staff, 'postings after reject');
    await employer.goto(`${t.base}/employer`);
    const main = await employer.locator('main').textContent();
    expect(main).toContain('반려되었습니다');
    expect(main).toContain('같은 공고가 이미 게시 중입니다');
    await expectAccessible(employer, 'employer home with a rejected posting');
  });

  it('creates a user and a target from the admin screens', async () => {
    await staff.goto(`${t.base}/staff/admin`);
    await expectAccessible(staff, 'admin index');
    await shot(staff, 'staff-admin');
    await staff.goto(`${t.base}/staff/admin/users`);
    await expectAccessible(staff, 'users');
    await staff.locator('#f-login').focus();
    await staff.keyboard.type('seongdong.c1');
    await staff.keyboard.press('Tab');
    await staff.keyboard.type('오상담');
    await staff.keyboard.press('Tab');
    await staff.keyboard.type('river-stone-42');
    await staff.locator('#f-centreId').selectOption(centreId);
    await staff.locator('#f-password').focus();
    await Promise.all([staff.waitForURL(/created=1/), staff.keyboard.press('Enter')]);
    expect(await staff.locator('table').textContent()).toContain('seongdong.c1');
    await expectAccessible(staff, 'users after create');
    await shot(staff, 'staff-admin-users');

    await staff.goto(`${t.base}/staff/admin/targets?centreId=${centreId}&year=2027`);
    await expectAccessible(staff, 'targets');
    await staff.locator('#f-targets-seekersRegistered').focus();
    await staff.keyboard.type('1000');
    await Promise.all([staff.waitForURL(/saved=1/), staff.keyboard.press('Enter')]);
    expect(await staff.locator('#f-targets-seekersRegistered').inputValue()).toBe('1000');
    await expectAccessible(staff, 'targets saved');
    await shot(staff, 'staff-admin-targets');

    await staff.goto(`${t.base}/staff/admin/audit`);
    await expectAccessible(staff, 'monthly access review');
    await shot(staff, 'staff-admin-audit');

    // The centres tree: the main number printed on the 알선장, set by keyboard.
    await staff.goto(`${t.base}/staff/admin/centres`);
    await expectAccessible(staff, 'centres');
    await staff.locator(`#phone-${centreId}`).focus();
    await staff.keyboard.type('02-2286-5000');
    await Promise.all([staff.waitForURL(/saved=1/), staff.keyboard.press('Enter')]);
    expect(await staff.locator(`#phone-${centreId}`).inputValue()).toBe('02-2286-5000');
    await expectAccessible(staff, 'centres saved');
    expect(await overflowsPhone(staff)).toBe(false);
    await shot(staff, 'staff-admin-centres');
  });
});
