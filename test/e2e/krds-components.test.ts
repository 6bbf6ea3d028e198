import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import { expectStatus } from '../support/app.ts';
import {
  desktopView,
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  scriptBytes,
  shot,
  startApp,
  startBrowser,
} from './support.ts';

// Issue 15: the pages follow KRDS, the government's design system — its masthead, header and
// main menu, footer, buttons, form groups, inputs, data tables and alerts — on the staff
// seeker list, a staff form with an error, the public home and an employer's page; axe finds
// nothing at 1280 px and at 375 px, no page scrolls sideways on a phone, scripts stay in budget.

/** How many elements of each KRDS component the page has. */
async function krdsParts(page: Page) {
  return page.evaluate(() => {
    const n = (s: string) => document.querySelectorAll(s).length;
    return {
      masthead: n('#krds-masthead .nuri-txt'),
      header: n('header#krds-header .header-branding'),
      menu: n('nav.krds-main-menu .gnb-menu a.gnb-main-trigger'),
      footer: n('footer#krds-footer .f-info'),
      buttons: n('button.krds-btn, a.krds-btn'),
      // KRDS's header buttons (btn-navi: 전체메뉴) are KRDS's own, not krds-btn buttons.
      plainButtons: n('button:not(.krds-btn):not(#krds-header .btn-navi)'),
      inputs: n('input.krds-input, select.krds-form-select, textarea.krds-input'),
      plainInputs: n(
        'input:not(.krds-input):not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), select:not(.krds-form-select), textarea:not(.krds-input)',
      ),
      formGroups: n('.form-group > .form-tit > label'),
      tables: n('.krds-table-wrap > table.tbl.data'),
      alerts: n('.krds-critical-alerts .critical-ban .critical-badge'),
    };
  });
}

/** Zero axe violations on a desktop and on a 375 px phone, and no sideways scrolling there. */
async function accessibleBothWidths(page: Page, label: string) {
  await expectAccessible(page, `${label} 1280`);
  await page.setViewportSize({ width: 375, height: 800 });
  try {
    await expectAccessible(page, `${label} 375`);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  expect(await overflowsPhone(page), `${label} scrolls sideways at 375 px`).toBe(false);
}

describe('KRDS components (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let staff: Page;

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    staff = await (await browser.newContext(desktopView)).newPage();
    const c = await t.centre('서울마포일자리센터', null, '11440');
    const u = await t.user('counsellor', c.id);
    for (let i = 0; i < 3; i++)
      expectStatus(await u.post('/api/v1/seekers', buildSeeker({ name: '한지우' })), 201);
    await keyboardLogin(staff, t.base, u.login, u.password);
  });

  it('the staff seeker list: masthead, header and menu, search form, data table, footer', async () => {
    await staff.goto(`${t.base}/staff/seekers`);
    const parts = await krdsParts(staff);
    expect(parts).toMatchObject({ masthead: 1, header: 1, footer: 1, plainButtons: 0, plainInputs: 0 });
    expect(parts.menu).toBeGreaterThan(3);
    expect(parts.buttons).toBeGreaterThanOrEqual(2);
    expect(parts.inputs).toBeGreaterThanOrEqual(2);
    expect(parts.tables).toBe(1);
    expect(await staff.locator('#krds-masthead').textContent()).toBe(
      '이 누리집은 대한민국 공식 전자정부 누리집입니다.',
    );
    const current = staff.locator('.krds-main-menu a[aria-current="page"]');
    expect(await current.textContent()).toBe('구직자');
    expect(await current.getAttribute('class')).toContain('active');
    // KRDS's look, not the browser's: the primary button is KRDS's primary blue, 48 px tall on a desk.
    const search = staff.locator('main form.search button.krds-btn.primary');
    const look = await search.evaluate((b) => {
      const s = getComputedStyle(b);
      return { bg: s.backgroundColor, height: b.getBoundingClientRect().height };
    });
    expect(look.bg).toBe('rgb(37, 110, 244)');
    expect(look.height).toBe(48);
    await accessibleBothWidths(staff, 'staff seeker list');
    expect(await scriptBytes(staff)).toBeLessThan(150 * 1024);
    await shot(staff, 'staff-seekers');
  });

  it('a staff form with an error: KRDS alert and form groups, the message tied to its field', async () => {
    await staff.goto(`${t.base}/staff/seekers/new`);
    await staff.getByRole('button', { name: '저장' }).click();
    await staff.waitForSelector('#error-summary');
    const parts = await krdsParts(staff);
    expect(parts).toMatchObject({ plainButtons: 0, plainInputs: 0 });
    expect(parts.alerts).toBeGreaterThanOrEqual(1);
    expect(parts.formGroups).toBeGreaterThan(3);
    const summary = staff.locator('#error-summary');
    expect(await summary.getAttribute('class')).toContain('krds-critical-alerts');
    expect(await summary.getAttribute('role')).toBe('alert');
    // The badge names the kind in the page's language (drawn by CSS, hidden from screen readers).
    const badge = summary.locator('.critical-badge.danger');
    expect(await badge.evaluate((b) => getComputedStyle(b, '::after').content)).toBe('"오류"');
    expect(await badge.getAttribute('aria-hidden')).toBe('true');
    // Every invalid control names its KRDS error message, which sits in its form group.
    const invalid = await staff.evaluate(() =>
      [...document.querySelectorAll('[aria-invalid="true"]')].map((el) => {
        const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
        const message = ids
          .map((id) => document.getElementById(id))
          .find((m) => m?.className === 'form-hint-invalid');
        return {
          id: el.id,
          message: message?.textContent ?? null,
          sameGroup: !!message && message.closest('.form-group') === el.closest('.form-group'),
          errorBox: el.closest('.form-conts')?.classList.contains('is-error') ?? false,
        };
      }),
    );
    expect(invalid.length).toBeGreaterThan(0);
    for (const f of invalid) {
      expect(f.message, f.id).not.toBeNull();
      expect(f.sameGroup && f.errorBox, f.id).toBe(true);
    }
    // KRDS checkboxes: the label draws the box, the control under it still takes a key press.
    const youth = staff.locator('.krds-check-area .krds-form-check > input[type="checkbox"][value]').first();
    expect(await staff.locator('.krds-form-check > input[type="checkbox"] + label').count()).toBeGreaterThan(
      3,
    );
    await youth.focus();
    await staff.keyboard.press('Space');
    expect(await youth.isChecked()).toBe(true);
    const box = await staff
      .locator('.krds-check-area .krds-form-check > input:checked + label')
      .first()
      .evaluate((l) => getComputedStyle(l, '::before').backgroundColor);
    expect(box).not.toBe('rgba(0, 0, 0, 0)');
    await accessibleBothWidths(staff, 'seeker form with errors');
    await shot(staff, 'staff-seeker-new-errors');
  });

  it("an area's sub-pages as KRDS tabs: the current one marked", async () => {
    await staff.goto(`${t.base}/staff/outreach/requests`);
    const tabs = staff.locator('nav.krds-tab-area .tab.line li a.btn-tab');
    expect(await tabs.count()).toBe(4);
    const current = staff.locator('nav.krds-tab-area .tab.line li.active a[aria-current="page"]');
    expect(await current.getAttribute('href')).toBe('/staff/outreach/requests');
    await accessibleBothWidths(staff, 'outreach requests tabs');
  });

  it('the public home: masthead, header, menu and footer for a visitor', async () => {
    const visitor = await browser.newPage(desktopView);
    await visitor.goto(`${t.base}/`);
    const parts = await krdsParts(visitor);
    expect(parts).toMatchObject({ masthead: 1, header: 1, footer: 1, plainButtons: 0, plainInputs: 0 });
    expect(parts.menu).toBeGreaterThan(1);
    expect(await visitor.locator('#krds-header a.krds-btn', { hasText: '로그인' }).count()).toBe(1);
    await accessibleBothWidths(visitor, 'home');
    await visitor.goto(`${t.base}/?lang=en`);
    expect(await visitor.locator('#krds-masthead').textContent()).toBe(
      'This is an official e-government website of the Republic of Korea.',
    );
    await expectAccessible(visitor, 'home en');
    await visitor.close();
  });

  it("an employer's page and its posting form with errors: KRDS header, buttons, form groups, alert", async () => {
    const c = await t.centre('서울서대문일자리센터', null, '11410');
    const manager = await t.user('manager', c.id);
    const e = expectStatus(
      await manager.post('/api/v1/employers', {
        name: '신촌바른치과',
        bizRegNo: withBizRegCheckDigit('110861234'),
        regionCode: '11410',
        contacts: [{ name: '박담당', phone: '02-312-7788' }],
      }),
      201,
    ) as { id: string };
    const owner = await t.user('employer', null, { employerId: e.id });
    const page = await (await browser.newContext(desktopView)).newPage();
    await keyboardLogin(page, t.base, owner.login, owner.password);
    await page.goto(`${t.base}/employer`);
    expect((await krdsParts(page)).plainButtons).toBe(0);
    await accessibleBothWidths(page, 'employer home');
    await shot(page, 'employer-home');
    // The posting form sent half filled: the server's answer, not the browser's own check.
    const form = page.locator('main form[action="/employer/postings"]');
    await form.evaluate((f) => {
      (f as HTMLFormElement).noValidate = true;
    });
    await form.locator('button[type="submit"]').last().click();
    await page.waitForSelector('#error-summary');
    const parts = await krdsParts(page);
    expect(parts).toMatchObject({ masthead: 1, header: 1, footer: 1, plainButtons: 0, plainInputs: 0 });
    expect(parts.alerts).toBeGreaterThanOrEqual(1);
    expect(parts.formGroups).toBeGreaterThan(3);
    await accessibleBothWidths(page, 'employer posting form with errors');
  });
});
