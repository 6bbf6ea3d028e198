import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  desktopView,
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  phoneView,
  startApp,
  startBrowser,
} from './support.ts';

// The header's main menu below 1024 px (site-frame.tsx, static/menu.js): KRDS's 전체메뉴 button
// opens the GNB as a drawer, by keyboard too; Escape closes it and the focus goes back to the
// button. Without the script the links stay in view. The footer's 기관 정보 from the settings.

/** The id of the focused element and the text of a focused link. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { id: el?.id ?? '', text: el?.textContent?.trim() ?? '', inMenu: !!el?.closest('#site-menu') };
  });

/** Presses Tab from the top of the page until the menu button has the focus (at most 30 times). */
async function tabToMenuButton(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).id === 'menu-button') return;
  }
  throw new Error('the menu button is not reached with Tab');
}

const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('the main menu on a phone (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let phoneContext: BrowserContext;
  let phone: Page;

  beforeAll(async () => {
    t = await startApp({
      ILTEO_SITE_OPERATOR: '인천광역시 서해구 일자리센터',
      ILTEO_SITE_ADDRESS: '(22001) 인천광역시 서해구 청라대로 100',
      ILTEO_SITE_PHONE: '032-560-1234',
    });
    browser = await startBrowser();
    const c = await t.centre('서해구일자리센터', null, '11440');
    const u = await t.user('manager', c.id);
    phoneContext = await browser.newContext(phoneView);
    phone = await phoneContext.newPage();
    await keyboardLogin(phone, t.base, u.login, u.password);
  });

  it('a staff phone: the 전체메뉴 button opens the menu by keyboard, Escape closes it, focus returns', async () => {
    await phone.goto(`${t.base}/staff`);
    const button = phone.locator('#menu-button');
    const links = phone.locator('#site-menu .gnb-menu a');
    expect(await button.isVisible()).toBe(true);
    expect(await button.textContent()).toBe('전체메뉴');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await links.count()).toBeGreaterThan(6);
    expect(await links.first().isVisible()).toBe(false);
    // The header is one bar, not the menu wrapped over four lines.
    const header = await phone.locator('#krds-header').boundingBox();
    expect(header!.height).toBeLessThan(200);
    expect(await scrollsSideways(phone)).toBe(false);
    await expectAccessible(phone, 'staff phone, menu closed');

    await tabToMenuButton(phone);
    await phone.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    for (let i = 0; i < (await links.count()); i++) expect(await links.nth(i).isVisible()).toBe(true);
    expect(await focused(phone)).toMatchObject({ text: '대시보드', inMenu: true });
    // The drawer lies within the screen, the page behind it is inert.
    const drawer = await phone.locator('#site-menu').boundingBox();
    expect(drawer!.x).toBeGreaterThanOrEqual(0);
    expect(drawer!.x + drawer!.width).toBeLessThanOrEqual(375);
    expect(await phone.evaluate(() => document.querySelector('main')!.inert)).toBe(true);
    expect(await scrollsSideways(phone)).toBe(false);
    await expectAccessible(phone, 'staff phone, menu open');
    // Tab goes round the drawer: past the last link to 메뉴 닫기, then to the first link.
    await links.last().focus();
    await phone.keyboard.press('Tab');
    expect((await focused(phone)).text).toBe('메뉴 닫기');
    await phone.keyboard.press('Tab');
    expect((await focused(phone)).text).toBe('대시보드');

    await phone.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await links.first().isVisible()).toBe(false);
    expect((await focused(phone)).id).toBe('menu-button');
    expect(await phone.evaluate(() => document.querySelector('main')!.inert)).toBe(false);

    // Space opens it too; 메뉴 닫기 closes it and the focus goes back as well.
    await phone.keyboard.press('Space');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await phone.keyboard.press('Shift+Tab');
    expect((await focused(phone)).text).toBe('메뉴 닫기');
    await phone.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect((await focused(phone)).id).toBe('menu-button');

    // A link in the drawer takes the reader there.
    await phone.keyboard.press('Enter');
    await Promise.all([
      phone.waitForURL(/\/staff\/seekers$/),
      phone.locator('#site-menu').getByRole('link', { name: '구직자', exact: true }).click(),
    ]);
    expect(await phone.locator('#menu-button').getAttribute('aria-expanded')).toBe('false');
  });

  it('a tap beside the drawer closes it; a wider window shows the menu as the header row', async () => {
    await phone.goto(`${t.base}/staff`);
    await phone.locator('#menu-button').click();
    expect(await phone.locator('#menu-button').getAttribute('aria-expanded')).toBe('true');
    await phone.mouse.click(20, 400);
    expect(await phone.locator('#menu-button').getAttribute('aria-expanded')).toBe('false');
    await phone.locator('#menu-button').click();
    await phone.setViewportSize({ width: 1280, height: 900 });
    try {
      // The script hears the wider window through a media-query change event, which comes after
      // the resize: wait for it rather than read the menu at once.
      await expect.poll(() => phone.locator('#site-menu').getAttribute('class')).toBe('krds-main-menu');
      expect(await phone.locator('#menu-button').isVisible()).toBe(false);
      expect(await phone.locator('#site-menu .gnb-menu a').first().isVisible()).toBe(true);
      expect(await phone.evaluate(() => document.querySelector('main')!.inert)).toBe(false);
    } finally {
      await phone.setViewportSize({ width: 375, height: 800 });
    }
  });

  it('without the script the menu links stay in view and no button shows', async () => {
    const noScript = await browser.newContext({ ...phoneView, javaScriptEnabled: false });
    await noScript.addCookies(await phoneContext.cookies());
    const page = await noScript.newPage();
    await page.goto(`${t.base}/staff`);
    expect(await page.locator('#menu-button').isVisible()).toBe(false);
    const links = page.locator('#site-menu .gnb-menu a');
    expect(await links.count()).toBeGreaterThan(6);
    for (let i = 0; i < (await links.count()); i++) expect(await links.nth(i).isVisible()).toBe(true);
    expect(await overflowsPhone(page)).toBe(false);
    await noScript.close();
  });

  it('on a desk the menu is the header row and the button is not shown', async () => {
    const desk = await (await browser.newContext(desktopView)).newPage();
    await desk.goto(`${t.base}/`);
    expect(await desk.locator('#menu-button').isVisible()).toBe(false);
    expect(await desk.locator('#site-menu .gnb-menu a').first().isVisible()).toBe(true);
    await desk.close();
  });

  it("the footer shows the operator's 기관 정보, the centre's number and KRDS's identifier", async () => {
    await phone.goto(`${t.base}/staff`);
    const footer = phone.locator('#krds-footer');
    const text = (await footer.textContent()) ?? '';
    expect(text).toContain('인천광역시 서해구 일자리센터 (22001) 인천광역시 서해구 청라대로 100');
    expect(text).toContain('대표전화 032-560-1234');
    expect(text).toContain('소속 센터 서해구일자리센터');
    expect(text).toContain('이 누리집은 인천광역시 서해구 일자리센터 누리집입니다.');
    expect(await footer.locator('a[href="tel:0325601234"]').isVisible()).toBe(true);
    expect(await footer.getByRole('link', { name: '개인정보처리방침' }).count()).toBe(0);
    expect(await scrollsSideways(phone)).toBe(false);
    await expectAccessible(phone, 'staff phone footer');
  });
});
