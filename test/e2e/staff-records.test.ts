import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import type { Client } from '../support/app.ts';
import {
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  shot,
  type startApp,
  startDesktop,
} from './support.ts';

/** Presses Tab until the element matching `selector` has the focus (fails after `max` presses). */
async function tabTo(page: Page, selector: string, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with Tab`);
}

describe('seeker status and employer pages (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let page: Page;
  let staff: Client;

  beforeAll(async () => {
    ({ t, page } = await startDesktop());
    const c = await t.centre('대구수성구일자리센터', null, '27260');
    staff = await t.user('counsellor', c.id);
    await keyboardLogin(page, t.base, staff.login, staff.password);
  });

  it('a counsellor changes a seeker’s status by keyboard and sees it in the history', async () => {
    const s = (
      await staff.post('/api/v1/seekers', buildSeeker({ name: '배수아', regionCode: '27260' }))
    ).json();
    await page.goto(`${t.base}/staff/seekers/${s.id}`);
    expect(await page.locator('#status').textContent()).toContain('상태 변경 이력이 없습니다.');

    // First without a reason: the error names the field and takes the focus.
    await tabTo(page, '#f-status');
    await page.keyboard.press('ArrowDown'); // 선택하세요 → 취업
    await page.keyboard.press('ArrowDown'); // → 보류
    expect(await page.locator('#f-status').inputValue()).toBe('on_hold');
    await tabTo(page, '#status-form button[type="submit"]');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('#f-reason-error');
    expect(await page.locator('#f-reason-error').textContent()).toBe('필수 항목입니다.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    await expectAccessible(page, 'seeker status form with an error');

    await tabTo(page, '#f-reason');
    await page.keyboard.type('건강 회복 때까지 구직활동 보류 요청');
    await tabTo(page, '#status-form button[type="submit"]');
    await Promise.all([page.waitForURL(/statusChanged=1/), page.keyboard.press('Enter')]);
    expect(await page.locator('#status [role="status"]').textContent()).toContain('보류');
    const row = page.locator('#status table tbody tr').first();
    expect(await row.textContent()).toContain('건강 회복 때까지 구직활동 보류 요청');
    expect(await row.locator('td[data-label="변경 상태"]').textContent()).toBe('보류');
    expect(await row.locator('td[data-label="이전 상태"]').textContent()).toBe('구직 중');
    expect(await page.locator('h1 + p .tag.strong').first().textContent()).toBe('보류');
    await expectAccessible(page, 'seeker status history');
    expect(await overflowsPhone(page)).toBe(false);
    await shot(page, 'staff-seeker-status');
  });

  it('shows a company’s page from the employers list, accessible', async () => {
    const e = (
      await staff.post('/api/v1/employers', {
        name: '수성푸드(주)',
        bizRegNo: withBizRegCheckDigit('504811234'),
        ksic: '10',
        size: '중소기업',
        regionCode: '27260',
        address: '대구광역시 수성구 달구벌대로 2450',
        contacts: [{ name: '이하은', phone: '053-741-2345', email: 'recruit@suseongfood.kr' }],
      })
    ).json();
    await staff.post('/api/v1/postings', {
      employerId: e.id,
      title: '식품 생산직 (주간)',
      occupationCode: '8241',
      duties: '식품 포장 및 생산 라인 관리',
      headcount: 4,
      employmentType: '10',
      wageType: 'M',
      wageMin: 2_400_000,
      regionCode: '27260',
      educationMin: '00',
      career: { type: 'N' },
      closesAt: new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10),
    });
    await page.goto(`${t.base}/staff/employers`);
    await page.getByRole('link', { name: '수성푸드(주)' }).click();
    await page.waitForURL(new RegExp(`/staff/employers/${e.id}$`));
    expect(await page.locator('h1').textContent()).toBe('수성푸드(주)');
    expect(await page.locator('main').textContent()).toContain('이하은');
    expect(await page.locator('main').textContent()).toContain('식품 생산직 (주간)');
    await expectAccessible(page, 'employer detail');
    expect(await overflowsPhone(page)).toBe(false);
    await shot(page, 'staff-employer-detail');
  });
});
