import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { testApp } from '../support/app.ts';

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** The real app over a fresh database, listening on a random local port (`env`: settings). */
export async function startApp(env: Record<string, string> = {}) {
  const t = await testApp(env);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...t, base: `http://127.0.0.1:${port}` };
}

/** Context options of every test page: Korean browser, as most visitors have. */
export const korean = { locale: 'ko-KR', extraHTTPHeaders: { 'accept-language': 'ko-KR,ko;q=0.9' } };

/** A desktop page's options (Korean). */
export const desktopView = { ...korean, viewport: { width: 1280, height: 900 } };

/** A phone page's options (Korean, 375 px wide). */
export const phoneView = { ...korean, viewport: { width: 375, height: 800 }, isMobile: true };

/**
 * What a browser test file starts with: the app, a browser (closed after the file) and one
 * desktop page.
 */
export async function startDesktop() {
  const t = await startApp();
  const browser = await startBrowser();
  const page = await browser.newPage(desktopView);
  return { t, browser, page };
}

/** Debian's chromium, headless, with a throw-away profile. */
export async function startBrowser(): Promise<Browser> {
  // playwright gives chromium a new empty --user-data-dir of its own (it refuses the flag).
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  afterAll(async () => {
    await browser.close();
  });
  return browser;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page and returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const r = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    // biome-ignore lint/suspicious/noExplicitAny: axe result shape
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      // biome-ignore lint/suspicious/noExplicitAny: axe node shape
      nodes: v.nodes.map((n: any) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

/** Asserts zero axe violations, printing them readably when there are some. */
export async function expectAccessible(page: Page, label = page.url()) {
  const v = await axe(page);
  expect(v, `${label}\n${JSON.stringify(v, null, 2)}`).toEqual([]);
}

/** Logs in through the form with the keyboard only (Tab, typing, Enter). */
export async function keyboardLogin(page: Page, base: string, login: string, password: string) {
  await page.goto(`${base}/login`);
  await page.locator('#f-login').focus();
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.keyboard.press('Enter')]);
}

/** Bytes of script a page loads (the budget is 150 KB). */
export async function scriptBytes(page: Page): Promise<number> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script')
      .reduce((n, e) => n + ((e as PerformanceResourceTiming).decodedBodySize || 0), 0),
  );
}

/** Writes desktop (1280) and phone (375) screenshots to docs/screenshots when ILTEO_SCREENSHOTS=1. */
export async function shot(page: Page, name: string) {
  if (process.env.ILTEO_SCREENSHOTS !== '1') return;
  const dir = new URL('../../docs/screenshots/', import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(dir, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(dir, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(size);
}

/** True when the page is wider than a 375 px phone screen (horizontal scrolling). */
export async function overflowsPhone(page: Page): Promise<boolean> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 375, height: 800 });
  const over = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await page.setViewportSize(size);
  return over;
}
