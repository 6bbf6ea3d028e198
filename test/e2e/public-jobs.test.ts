import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  closeApplications,
  newMiddleAgedProgramme,
  waitUntil,
} from '../../src/features/publicjobs/publicjobs.test-helpers.ts';
import { expectStatus } from '../support/app.ts';
import { buildSeeker } from '../support/factories.ts';
import {
  desktopView,
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  phoneView,
  startApp,
  startBrowser,
} from './support.ts';

// Issue 20: a seeker applies to a 신중년 일자리 on a phone and reads the eligibility answer with
// each reason; staff draw by RFC 3797 from the programme page and publish; the public results
// page shows application numbers, the key string and how to check it, on a phone.
describe('public jobs (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let phone: Page;
  let desk: Page;
  let staff: Awaited<ReturnType<typeof t.user>>;
  let seeker: Awaited<ReturnType<typeof t.user>>;
  let programmeId = '';
  let centreId = '';

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    phone = await browser.newPage(phoneView);
    desk = await browser.newPage(desktopView);
    const centre = await t.centre('광명시일자리센터', null, '41210');
    centreId = centre.id;
    staff = await t.user('counsellor', centre.id);
    const seekerId = (await buildSeeker(t.db, centre.id, { name: '박신중', birth_date: '1968-04-01' })).id;
    seeker = await t.user('seeker', null, { seekerId });
    programmeId = expectStatus(
      await staff.post('/api/v1/public-jobs', newMiddleAgedProgramme({ quota: 2 })),
      201,
    ).id;
  });

  it('a seeker applies on a phone and reads eligible or not with each reason', async () => {
    await keyboardLogin(phone, t.base, seeker.login, seeker.password);
    await phone.goto(`${t.base}/public-jobs`);
    await expectAccessible(phone, '/public-jobs phone');
    expect(await overflowsPhone(phone)).toBe(false);
    await Promise.all([
      phone.waitForURL(new RegExp(`/public-jobs/${programmeId}$`)),
      phone.getByRole('link', { name: '신중년 경력형 일자리' }).click(),
    ]);
    await expectAccessible(phone, 'programme phone');
    expect(await overflowsPhone(phone)).toBe(false);
    await phone.getByLabel('가구원 수').fill('2');
    await phone.getByLabel('가구 월소득(원)').fill('2,400,000');
    await phone.getByLabel('재산 합계(원)').fill('150000000');
    await phone.getByLabel('한부모가족').check();
    await Promise.all([
      phone.waitForURL(/\/apply$/),
      phone.getByRole('button', { name: '신청하고 자격 확인' }).click(),
    ]);
    const answer = (await phone.locator('#answer').textContent()) ?? '';
    expect(answer).toContain('신청번호 1번');
    expect(answer).toContain('자격 충족');
    expect(answer).toContain('가산점 한부모가족 +3점');
    expect(answer).toMatch(/가구 월소득 2,400,000원: \d{4}년 2인 가구 기준중위소득 100% \([\d,]+원\) 이하/);
    await expectAccessible(phone, 'answer phone');
    expect(await overflowsPhone(phone)).toBe(false);
  });

  it('staff draw and publish from the programme page; the public results page shows numbers and how to check', async () => {
    for (let i = 0; i < 4; i++) {
      const s = await buildSeeker(t.db, centreId, { birth_date: `196${i}-06-01` });
      expectStatus(
        await staff.post(`/api/v1/public-jobs/${programmeId}/applications`, {
          seekerId: s.id,
          householdSize: 1,
          monthlyIncome: 1_000_000,
          property: 0,
        }),
        201,
      );
    }
    await closeApplications(t.db, programmeId);
    const soon = new Date(Date.now() + 2000).toISOString();
    expectStatus(
      await staff.post(`/api/v1/public-jobs/${programmeId}/announcements`, {
        seedSource: '동행복권 로또 6/45 제1203회',
        seedsAvailableAt: soon,
      }),
      201,
    );
    await waitUntil(soon);
    await keyboardLogin(desk, t.base, staff.login, staff.password);
    await desk.goto(`${t.base}/staff/public-jobs/${programmeId}`);
    expect(await desk.locator('main').textContent()).toContain('박신중');
    await expectAccessible(desk, '/staff/public-jobs/{id}');
    await desk.getByLabel('발표된 번호(출처마다 한 줄)').fill('3 11 19 25 38 42\n7');
    await Promise.all([
      desk.waitForURL(/done=1|error=/),
      desk.getByRole('button', { name: '추첨 실행' }).click(),
    ]);
    expect(new URL(desk.url()).searchParams.get('done')).toBe('1');
    await Promise.all([
      desk.waitForURL(/done=1|error=/),
      desk.getByRole('button', { name: '이 결과 공개' }).click(),
    ]);
    expect(await desk.locator('main').textContent()).toContain('공개됨');
    await phone.goto(`${t.base}/public-jobs/${programmeId}/results`);
    expect(await phone.locator('#key-string').textContent()).toBe('3.11.19.25.38.42./7./');
    expect((await phone.locator('#selected-nos').textContent())?.trim().split(' ')).toHaveLength(2);
    expect(await phone.locator('main').textContent()).not.toContain('박신중');
    await expectAccessible(phone, 'results phone');
    expect(await overflowsPhone(phone)).toBe(false);
  });
});
