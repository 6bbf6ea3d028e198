import { describe, expect, it } from 'vitest';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { expectStatus } from '../support/app.ts';
import { expectAccessible, keyboardLogin, startDesktop } from './support.ts';

// Issue 18, a counsellor enrolling a seeker on the cohort page, by keyboard alone: the phone
// number typed into the page's search box finds the caller, Tab reaches their enrol button,
// Enter enrols them, and the roster shows them; once the cohort is full the next person found
// goes on the waiting list and the page says so.
describe('enrolling from the cohort page (browser)', () => {
  it('a counsellor finds a seeker by phone on the cohort page and enrols them; the roster shows them', {
    timeout: 180_000,
  }, async () => {
    const { t, page } = await startDesktop();
    const centre = await t.centre('광명시일자리센터', null, '41210');
    const staff = await t.user('counsellor', centre.id);
    const seeker = async (name: string, phone: string) =>
      expectStatus(await staff.post('/api/v1/seekers', buildSeeker({ name, phone })), 201) as { id: string };
    await seeker('한지원', '010-4821-7730');
    await seeker('한지민', '010-9921-3304');
    await seeker('오세린', '010-5530-1189');
    const start = new Date(Date.now() + 10 * 86_400_000);
    const cohort = expectStatus(
      await staff.post('/api/v1/programmes', {
        title: '취업성공 사관학교',
        kind: 'course',
        cohort: '26기',
        format: 'offline',
        venue: '광명시 평생학습원 3층 강의실',
        capacity: 1,
        sessions: [
          { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 10_800_000).toISOString() },
        ],
        published: true,
      }),
      201,
    ) as { id: string };

    await keyboardLogin(page, t.base, staff.login, staff.password);
    await page.goto(`${t.base}/staff/programmes/${cohort.id}`);
    await expectAccessible(page, 'cohort page with the enrol form');
    // The phone as a caller says it, typed into the box; Enter searches.
    await page.locator('#enrol').getByLabel('구직자 찾기(이름·전화번호·구직번호·생년월일)').focus();
    await page.keyboard.type('010 4821 7730');
    await Promise.all([page.waitForURL(/find=/), page.keyboard.press('Enter')]);
    const found = (await page.locator('#enrol-found').textContent()) ?? '';
    expect(found).toContain('한지원');
    expect(found).not.toContain('한지민');
    await expectAccessible(page, 'seeker found by phone');
    // Tab from the search button to the enrol button, Enter enrols.
    await page.locator('#enrol').getByRole('button', { name: '찾기', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('한지원 등록');
    await page.keyboard.press('Enter');
    await page.getByText('한지원님을 참가 확정으로 등록했습니다.').waitFor({ timeout: 20_000 });
    const roster = (await page.locator('section[aria-labelledby="roster-h"]').textContent()) ?? '';
    expect(roster).toContain('한지원');
    expect(roster).toContain('참가 확정');
    expect(await page.locator('#places').textContent()).toContain('참가 확정 1명');
    await expectAccessible(page, 'enrolled');
    // Full now: the next one found by the last four digits goes on the waiting list.
    await page.locator('#enrol').getByLabel('구직자 찾기(이름·전화번호·구직번호·생년월일)').focus();
    await page.keyboard.type('1189');
    await Promise.all([page.waitForURL(/find=1189/), page.keyboard.press('Enter')]);
    await page.locator('#enrol').getByRole('button', { name: '찾기', exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page
      .getByText('정원이 차서 오세린님을 대기자로 등록했습니다(대기 1번).')
      .waitFor({ timeout: 20_000 });
    const waiting = (await page.locator('section[aria-labelledby="waiting-h"]').textContent()) ?? '';
    expect(waiting).toContain('오세린');
    await expectAccessible(page, 'waiting list after enrolling');
  });
});
