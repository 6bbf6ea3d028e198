import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  closeApplications,
  waitUntil,
} from '../../src/features/publicjobs/publicjobs.test-helpers.ts';
import { seoulToday } from '../../src/platform/domain/dates.ts';
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

// Issue 20 "Done means", in the browser: staff open a 신중년 일자리 for 50–64-year-olds with an
// income cap of 100% of 2026's 기준중위소득 on the staff form; 300 people apply; staff draw 40
// on the programme page with the numbers of an announced 로또 round and publish; a citizen
// takes the published page's list and key string and recomputes the same 40 with code of
// their own (below, written from RFC 3797, not ilteo's); 40 are placed, some later move to
// private jobs, and the report shows both.

/** RFC 3797 as a citizen would write it: MD5 of counter ‖ key ‖ counter, BigInt remainder, splice. */
function citizenDraw(key: string, pool: number): number[] {
  const left = Array.from({ length: pool }, (_, i) => i);
  const out: number[] = [];
  for (let j = 0; j < pool; j++) {
    const counter = Buffer.alloc(j < 65_536 ? 2 : 4);
    counter.writeUIntBE(j, 0, counter.length);
    const md5 = createHash('md5')
      .update(Buffer.concat([counter, Buffer.from(key), counter]))
      .digest('hex');
    out.push(left.splice(Number(BigInt(`0x${md5}`) % BigInt(left.length)), 1)[0] as number);
  }
  return out;
}

const STARTS = '2026-06-01';
const ENDS = '2026-11-30';

describe('issue 20 done: 신중년 일자리 from the form to the report (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let desk: Page;
  let phone: Page;
  let staff: Awaited<ReturnType<typeof t.user>>;
  let centreId = '';
  let programmeId = '';
  let selectedNos: string[] = [];

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    desk = await browser.newPage(desktopView);
    phone = await browser.newPage(phoneView);
    centreId = (await t.centre('광명시일자리센터', null, '41210')).id;
    staff = await t.user('counsellor', centreId);
    await keyboardLogin(desk, t.base, staff.login, staff.password);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('staff open the programme on the form: ages 50–64, income ≤ 100% of the 2026 median', async () => {
    await desk.goto(`${t.base}/staff/public-jobs`);
    await Promise.all([desk.waitForURL(/\/new$/), desk.getByRole('link', { name: '새 사업 등록' }).click()]);
    await expectAccessible(desk, '/staff/public-jobs/new');
    await desk.getByLabel('사업명').fill('2026 신중년 경력형 일자리');
    await desk.getByLabel('사업 유형').selectOption('new_middle_aged');
    await desk.getByLabel('사업연도').fill('2026');
    await desk.getByLabel('모집 인원(명)').fill('40');
    await desk.getByLabel('사업 시작일').fill(STARTS);
    await desk.getByLabel('사업 종료일').fill(ENDS);
    await desk.locator('#f-hoursPerWeek').fill('35');
    await desk.getByLabel('시급(원)').fill('9,900'); // below 2026's 10,320: refused on its field
    await desk.getByLabel('선발 방식').selectOption('lottery');
    await desk.getByLabel('접수 시작일').fill(seoulToday());
    await desk.getByLabel('접수 마감일').fill(addDays(seoulToday(), 5));
    await desk.getByLabel('최소 나이(만)').fill('50');
    await desk.getByLabel('최대 나이(만)').fill('64');
    await desk.getByLabel('소득 기준(기준중위소득의 %)').fill('100');
    await desk.locator('#f-exclude-unemployment_benefit').check();
    await desk.getByRole('button', { name: '사업 등록' }).click();
    await desk.waitForSelector('#error-summary');
    expect(await desk.locator('#f-hourlyWage-error').textContent()).toContain('최저임금');
    await desk.getByLabel('시급(원)').fill('10,700');
    await Promise.all([
      desk.waitForURL(/\/staff\/public-jobs\/[0-9a-f-]{36}\?done=1$/),
      desk.getByRole('button', { name: '사업 등록' }).click(),
    ]);
    programmeId = /public-jobs\/([0-9a-f-]{36})/.exec(desk.url())?.[1] ?? '';
    const p = expectStatus(await staff.get(`/api/v1/public-jobs/${programmeId}`), 200);
    expect(p).toMatchObject({
      year: 2026,
      quota: 40,
      eligibility: { minAge: 50, maxAge: 64, incomePctOfMedian: 100, excludeFlags: ['unemployment_benefit'] },
    });
  });

  it('300 people apply and each is answered against the 2026 median for the household size', async () => {
    const median2026 = [0, 2_564_238, 4_199_292, 5_359_036, 6_494_738];
    const people = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        buildSeeker(t.db, centreId, { birth_date: `${1957 + (i % 25)}-03-15` }),
      ),
    );
    const answers: { eligible: boolean; age: number; size: number; income: number }[] = [];
    for (let i = 0; i < people.length; i += 10) {
      const batch = await Promise.all(
        people.slice(i, i + 10).map(async (s, k) => {
          const n = i + k;
          const size = 1 + (n % 4);
          const income = n % 7 === 0 ? 9_000_000 : 1_000_000 + (n % 13) * 150_000;
          const a = expectStatus(
            await staff.post(`/api/v1/public-jobs/${programmeId}/applications`, {
              seekerId: s.id,
              householdSize: size,
              monthlyIncome: income,
              property: 0,
              flags: n % 19 === 0 ? ['unemployment_benefit'] : [],
            }),
            201,
          );
          return { eligible: a.eligible as boolean, age: a.age as number, size, income, n };
        }),
      );
      answers.push(...batch);
    }
    expect(answers).toHaveLength(300);
    for (const a of answers) {
      const inAge = a.age >= 50 && a.age <= 64;
      const underCap = a.income <= (median2026[a.size] as number);
      if (!inAge || !underCap) expect(a.eligible).toBe(false);
    }
    expect(answers.filter((a) => a.eligible).length).toBeGreaterThan(40);
  });

  it('staff draw 40 with the announced 로또 numbers and publish; a citizen recomputes the same 40 from the page', async () => {
    await closeApplications(t.db, programmeId);
    const soon = new Date(Date.now() + 2000).toISOString();
    expectStatus(
      await staff.post(`/api/v1/public-jobs/${programmeId}/announcements`, {
        seedSource: '동행복권 로또 6/45 제1204회 당첨번호 6개와 보너스 번호',
        seedsAvailableAt: soon,
      }),
      201,
    );
    await waitUntil(soon);
    await desk.goto(`${t.base}/staff/public-jobs/${programmeId}`);
    await desk.getByLabel('발표된 번호(출처마다 한 줄)').fill('8 16 28 30 31 44\n27');
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

    // The citizen, on a phone, with nothing but the published page.
    await phone.goto(`${t.base}/public-jobs/${programmeId}/results`);
    await expectAccessible(phone, 'results phone');
    expect(await overflowsPhone(phone)).toBe(false);
    const sha = (await phone.locator('#input-sha256').textContent())?.trim();
    const key = (await phone.locator('#key-string').textContent())?.trim() ?? '';
    selectedNos = ((await phone.locator('#selected-nos').textContent()) ?? '').trim().split(/\s+/);
    const href = await phone.getByRole('link', { name: /명단 파일/ }).getAttribute('href');
    const list = await (await phone.request.get(`${t.base}${href}`)).text();
    expect(createHash('sha256').update(list).digest('hex')).toBe(sha);
    expect(key).toBe('8.16.28.30.31.44./27./');
    const candidates = list
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(',')[0] as string);
    const mine = citizenDraw(key, candidates.length)
      .slice(0, 40)
      .map((i) => candidates[i]);
    expect(selectedNos).toHaveLength(40);
    expect(mine).toEqual(selectedNos);
    // The selected were told (through the notifications feature) when the result was published.
    const told = await t.db
      .selectFrom('notifications')
      .select('template_key')
      .where('source', '=', 'public_job.selected')
      .where('centre_id', '=', centreId)
      .execute();
    expect(told).toHaveLength(40);
  });

  it('places the 40, some later move to private jobs, and the report shows both', async () => {
    const draw = expectStatus(await staff.get(`/api/v1/public-jobs/${programmeId}/draws`), 200).items[0];
    const placements: string[] = [];
    for (const [k, applicationId] of (draw.selected as string[]).entries()) {
      const p = expectStatus(
        await staff.post(`/api/v1/public-jobs/${programmeId}/placements`, {
          applicationId,
          worksite: ['광명시청 민원실', '철산도서관', '광명동굴 안내소', '하안동 행정복지센터'][k % 4],
          startsOn: STARTS,
        }),
        201,
      );
      placements.push(p.id);
    }
    // Five moved on to private jobs in the autumn; the first is ended on the staff page.
    for (const [k, id] of placements.slice(1, 5).entries()) {
      expectStatus(
        await staff.post(`/api/v1/public-jobs/${programmeId}/placements/${id}/end`, {
          endsOn: `2026-09-${10 + k}`,
          outcome: 'private_job',
          privateEmployer: '(주)광명정밀',
        }),
        200,
      );
    }
    const first = placements[0] as string;
    await desk.goto(`${t.base}/staff/public-jobs/${programmeId}`);
    await desk.locator(`#f-endsOn-${first}`).fill('2026-09-30');
    await desk.locator(`#f-outcome-${first}`).selectOption('private_job');
    await desk.locator(`#f-privateEmployer-${first}`).fill('(주)소하물류');
    await Promise.all([
      desk.waitForURL(/done=1|error=/),
      desk.locator(`form:has(#f-endsOn-${first})`).getByRole('button', { name: '배치 종료' }).click(),
    ]);
    expect(new URL(desk.url()).searchParams.get('done')).toBe('1');
    expect(await desk.locator('main').textContent()).toContain('(주)소하물류 (취업 기록됨)');

    const figure = async (from: string, to: string, kpi: string) => {
      await desk.goto(`${t.base}/staff/reports?from=${from}&to=${to}&centreId=${centreId}`);
      const row = desk.locator('tr', { has: desk.locator(`a[href="#def-${kpi}"]`) });
      return ((await row.locator('td').first().textContent()) ?? '').trim();
    };
    // June: 40 placed, nobody moved on yet; later (July–December): 5 in private jobs.
    expect(await figure('2026-06-01', '2026-06-30', 'publicJobPlaced')).toBe('40');
    expect(await figure('2026-06-01', '2026-06-30', 'publicJobMovedToPrivate')).toBe('0');
    expect(await figure('2026-07-01', '2026-12-31', 'publicJobMovedToPrivate')).toBe('5');
    expect(await figure('2026-01-01', '2026-12-31', 'publicJobSelected')).toBe('40');
    expect(await figure('2026-01-01', '2026-12-31', 'publicJobApplicants')).toBe('300');
    await expectAccessible(desk, '/staff/reports');
  });
});
