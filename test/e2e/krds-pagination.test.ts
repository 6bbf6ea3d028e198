import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { expectStatus } from '../support/app.ts';
import {
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  shot,
  type startApp,
  startDesktop,
} from './support.ts';

// The shared pager as KRDS pagination (issue 15): numbered pages, the current one marked for
// screen readers, previous and next; moved through by keyboard, axe-clean, no sideways
// scrolling on a phone.

describe('KRDS pagination (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let page: Page;

  beforeAll(async () => {
    ({ t, page } = await startDesktop());
    const c = await t.centre('서울중구일자리센터', null, '11140');
    const u = await t.user('counsellor', c.id);
    for (let i = 0; i < 25; i++)
      expectStatus(await u.post('/api/v1/seekers', buildSeeker({ name: '이도윤' })), 201);
    await keyboardLogin(page, t.base, u.login, u.password);
  });

  it('pages through a long result by keyboard', async () => {
    await page.goto(`${t.base}/staff/seekers?q=${encodeURIComponent('이도윤')}`);
    const pager = page.getByRole('navigation', { name: '페이지 이동' });
    expect(await pager.locator('.page-link').allTextContents()).toEqual(['현재 페이지 1', '2']);
    expect(await pager.locator('[aria-current="page"]').textContent()).toBe('현재 페이지 1');
    await expectAccessible(page, 'pager, first page');
    expect(await overflowsPhone(page)).toBe(false);
    await pager.getByRole('link', { name: '다음' }).focus();
    await Promise.all([page.waitForURL(/page=2/), page.keyboard.press('Enter')]);
    expect(await pager.locator('[aria-current="page"]').textContent()).toBe('현재 페이지 2');
    expect(await pager.textContent()).toContain('2 / 2 페이지 (전체 25건)');
    await expectAccessible(page, 'pager, second page');
    await shot(page, 'staff-seekers-pages');
    expect(await pager.locator('.page-navi.next').count()).toBe(0);
  });
});
