import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
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

/** Employer signs up and submits a posting → counsellor approves it → a seeker registers and finds it → referral. */
describe('employer, seeker and referral flows (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let employer: Page;
  let seeker: Page;
  let staff: Page;
  /** A detailed KECO code picked from the posting form, used again by the seeker. */
  let occ = '';

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    employer = await (await browser.newContext(desktopView)).newPage();
    seeker = await (await browser.newContext(desktopView)).newPage();
    staff = await (await browser.newContext(desktopView)).newPage();
    const c = await t.centre('서울중구일자리센터', null, '11140');
    const u = await t.user('counsellor', c.id);
    await keyboardLogin(staff, t.base, u.login, u.password);
  });

  it('an employer signs up (errors inline first) and submits a posting for approval', async () => {
    const p = employer;
    await p.goto(`${t.base}/employer/signup`);
    await expectAccessible(p, 'employer signup');
    await shot(p, 'employer-signup');
    await p.locator('#f-name').fill('(주)한빛정밀');
    await p.locator('#f-bizRegNo').fill('1234567890');
    await p.getByRole('button', { name: '가입하기' }).click();
    await p.waitForSelector('#error-summary');
    expect(await p.locator('#f-bizRegNo').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(p, 'employer signup errors');
    await p.locator('#f-bizRegNo').fill(withBizRegCheckDigit('120812345'));
    await p.locator('#f-regionCode').selectOption('11140');
    await p.locator('#f-contacts-0-name').fill('박담당');
    await p.locator('#f-contacts-0-phone').fill('02-123-4567');
    await p.locator('#f-login').fill('hanbit');
    await p.locator('#f-password').fill('hanbit-pass-1');
    await p.getByRole('button', { name: '가입하기' }).click();
    await p.waitForURL(/\/employer\?welcome=1/);
    await expectAccessible(p, 'employer home');

    await p.getByRole('button', { name: '구인공고 신청' }).click();
    await p.waitForSelector('#error-summary');
    expect(await p.locator('#f-title-error').count()).toBe(1);
    // The occupation field is a search box over the KECO 2025 list (a datalist), not a select.
    occ = (await p.locator('#occupations-list option').nth(200).getAttribute('value')) ?? occ;
    await p.locator('#f-title').fill('CNC 선반 가공원 채용');
    await p.locator('#f-occupationCode').fill(occ);
    await p.locator('#f-headcount').fill('2');
    await p.locator('#f-employmentType').selectOption('10');
    await p.locator('#f-wageType').selectOption('M');
    await p.locator('#f-wageMin').fill('2800000');
    await p.locator('#f-regionCode').selectOption('11140');
    await p.locator('#f-educationMin').selectOption('00');
    await p.locator('#f-closesAt').fill(new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10));
    await p.locator('#f-duties').fill('CNC 선반을 이용한 정밀 부품 가공 및 품질 검사');
    await p.getByRole('button', { name: '구인공고 신청' }).click();
    await p.waitForURL(/submitted=1/);
    expect(await p.locator('main').textContent()).toContain('승인 대기');
    await shot(p, 'employer-home');
  });

  it('a counsellor approves the posting from the queue', async () => {
    await staff.goto(`${t.base}/staff/postings`);
    await expectAccessible(staff, 'postings queue');
    await shot(staff, 'staff-postings');
    await staff.getByRole('button', { name: /승인.*CNC 선반/ }).click();
    await staff.waitForURL(/done=approved/);
    expect(await staff.locator('main').textContent()).toContain('승인되어 게시되었습니다');
    await staff.goto(`${t.base}/staff/postings?status=open`);
    expect(await staff.locator('table').textContent()).toContain('모집 중');
  });

  it('a visitor finds the job with Korean text and filters, and reads how to apply', async () => {
    const p = seeker;
    await p.goto(`${t.base}/jobs?q=${encodeURIComponent('선반')}&regionCode=11`);
    expect(await p.locator('.cards').textContent()).toContain('CNC 선반 가공원 채용');
    await expectAccessible(p, 'job search');
    expect(await scriptBytes(p)).toBeLessThan(150 * 1024);
    expect(await overflowsPhone(p)).toBe(false);
    await shot(p, 'jobs');
    await p.goto(`${t.base}/jobs?q=${encodeURIComponent('요양보호')}`);
    expect(await p.locator('main').textContent()).toContain('0건');
    await p.goto(`${t.base}/jobs?q=${encodeURIComponent('선반')}`);
    await p.getByRole('link', { name: 'CNC 선반 가공원 채용' }).click();
    await p.waitForURL(/\/jobs\/[0-9a-f-]{36}/);
    expect(await p.locator('main').textContent()).toContain('지원 방법');
    await expectAccessible(p, 'job detail');
    await shot(p, 'job-detail');
  });

  it('the visitor registers as a job seeker and sees their page', async () => {
    const p = seeker;
    await p.getByRole('link', { name: '구직 등록하고 지원하기' }).click();
    await p.waitForURL(/\/register/);
    await expectAccessible(p, 'register');
    await shot(p, 'register');
    await p.getByRole('button', { name: '등록하기' }).click();
    await p.waitForSelector('#error-summary');
    await expectAccessible(p, 'register errors');
    await p.locator('#f-centreId').selectOption({ index: 1 });
    await p.locator('#f-name').fill('이서준');
    await p.locator('#f-birthDate').fill('1988-03-02');
    await p.locator('#f-phone').fill('010-2222-3333');
    await p.locator('#f-regionCode').selectOption('11140');
    await p.locator('#f-educationLevel').selectOption('03');
    await p.locator('#f-desired-occupations').fill(occ);
    await p.locator('#f-desired-regions').selectOption('11140');
    await p.locator('#f-keywords').fill('선반, CNC');
    await p.locator('#f-login').fill('seojun88');
    await p.locator('#f-password').fill('seojun-pass-1');
    await p.getByRole('button', { name: '등록하기' }).click();
    await p.waitForURL(/\/me\?welcome=1/);
    expect(await p.locator('.notice.ok').textContent()).toContain('구직 등록이 완료되었습니다');
    await expectAccessible(p, 'me');
  });

  it('the counsellor sees the recommendation with reasons, refers, and moves the referral on the board', async () => {
    await staff.goto(`${t.base}/staff/seekers?q=${encodeURIComponent('이서준')}`);
    await staff.getByRole('link', { name: '이서준' }).click();
    await expect
      .poll(
        async () => {
          await staff.reload();
          return staff.getByRole('button', { name: /알선하기.*CNC 선반/ }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await staff.getByRole('button', { name: /알선하기.*CNC 선반/ }).click();
    await staff.waitForURL(/referred=1/);
    expect(await staff.locator('#referrals').textContent()).toContain('알선');
    await expectAccessible(staff, 'seeker detail with referral');
    await staff.goto(`${t.base}/staff/referrals`);
    await expectAccessible(staff, 'referral board');
    await staff.getByLabel('다음 상태').first().selectOption('interview');
    await staff.getByRole('button', { name: '상태 변경' }).first().click();
    // An interview asks for its time and place first (issue 15).
    await staff.getByLabel('면접 일시').fill('2030-03-04T14:30');
    await staff.getByLabel('면접 장소').fill('본사 3층 회의실');
    await expectAccessible(staff, 'interview details');
    await staff.getByRole('button', { name: '저장' }).click();
    await staff.waitForURL(/moved=1/);
    expect(await staff.locator('main table').textContent()).toContain('면접 2030-03-04 14:30');
    await shot(staff, 'staff-referrals');
  });

  it('the seeker sees the referral status on /me', async () => {
    await seeker.goto(`${t.base}/me`);
    expect(await seeker.locator('main').textContent()).toContain('면접');
    await expectAccessible(seeker, 'me with referral');
    await shot(seeker, 'me');
  });
});
