import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, seoulToday } from '../../src/platform/domain/dates.ts';
import { koDate } from '../../src/web/dates.ts';
import { expectStatus } from '../support/app.ts';
import {
  desktopView,
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  phoneView,
  startApp,
  startBrowser,
} from './support.ts';

// Issue 16 "Done means": an outreach officer plans Tuesday's visits, logs one on a phone with
// two difficulties and three discovered jobs, routes a permit question to 건축과 with its due
// date (건축과 answers from its own 부서 담당자 account on a phone, the company reads the answer on
// its portal), and the manager's report shows visits, jobs discovered and agreements against the
// year's targets, with the year before.
describe('outreach (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let desk: Page;
  let phone: Page;
  let officer: Awaited<ReturnType<typeof t.user>>;
  let manager: Awaited<ReturnType<typeof t.user>>;
  let restaurant: { id: string };
  let building: { id: string };
  const today = seoulToday();
  const year = Number(today.slice(0, 4));
  const tuesday = addDays(today, (2 - isoWeekday(today) + 7) % 7 || 7);

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    desk = await browser.newPage(desktopView);
    phone = await browser.newPage(phoneView);
    const centre = await t.centre('중구일자리센터', null, '11140');
    officer = await t.user('outreach', centre.id);
    manager = await t.user('manager', centre.id);
    const company = (name: string, bizRegNo: string, address: string) =>
      officer.post('/api/v1/employers', { name, bizRegNo, regionCode: '11140', address });
    restaurant = expectStatus(
      await company('명동한식당', '2208162517', '서울 중구 명동길 14 (명동2가)'),
      201,
    );
    const printer = expectStatus(
      await company('을지로인쇄', '1018604360', '서울 중구 을지로 157 (산림동)'),
      201,
    );
    building = expectStatus(
      await manager.post('/api/v1/departments', { name: '건축과', phone: '02-3396-5000' }),
      201,
    );
    // The year before: two visits held and one agreement on 1 January, inside last year's period.
    for (const e of [restaurant, printer]) {
      const v = expectStatus(
        await officer.post('/api/v1/outreach/visits', {
          employerId: e.id,
          plannedAt: `${year - 1}-01-01T09:00:00+09:00`,
        }),
        201,
      );
      expectStatus(
        await officer.post(`/api/v1/outreach/visits/${v.id}/report`, {
          heldAt: `${year - 1}-01-01T10:00:00+09:00`,
          jobsDiscovered: [{ title: '인쇄 보조', occupationCode: '5312', headcount: 1 }],
        }),
        200,
      );
    }
    const lastYear = `${year - 1}-01-01`;
    expectStatus(
      await officer.post('/api/v1/outreach/agreements', {
        employerId: printer.id,
        signedOn: lastYear,
        validFrom: lastYear,
        validTo: `${year - 1}-12-31`,
        pledged: 2,
      }),
      201,
    );
    expectStatus(
      await manager.put(`/api/v1/reports/targets/${centre.id}/${year}`, {
        targets: { companyVisits: 150, jobsDiscovered: 1000, agreementsSigned: 20 },
      }),
      200,
    );
  });

  it("plans Tuesday's visits from the week page", async () => {
    await keyboardLogin(desk, t.base, officer.login, officer.password);
    await desk.goto(`${t.base}/staff/outreach?week=${tuesday}`);
    await expectAccessible(desk, '/staff/outreach');
    for (const [company, time] of [
      ['명동한식당', '10:00'],
      ['101-86-04360', '14:00'],
    ] as const) {
      await desk.getByLabel('기업(기업명 또는 사업자등록번호)').fill(company);
      await desk.getByLabel('방문일').fill(tuesday);
      await desk.getByLabel('시각').fill(time);
      await desk.getByLabel('방문 목적').fill('채용 수요 조사');
      await Promise.all([
        desk.waitForLoadState('load'),
        desk.getByRole('button', { name: '방문 계획하기' }).click(),
      ]);
      expect(await desk.locator('main [role="status"]').textContent()).toContain('방문을');
    }
    const day = (await desk.locator(`#day-${tuesday}`).textContent()) ?? '';
    expect(day).toContain('명동한식당');
    expect(day).toContain('을지로인쇄');
    expect(day).toContain('2곳');
    const byDong = (await desk.locator('#by-dong').textContent()) ?? '';
    expect(byDong).toContain('명동2가');
    expect(byDong).toContain('산림동');
    await expectAccessible(desk, '/staff/outreach planned');
  });

  it('logs a visit on a phone with two difficulties and three discovered jobs, then routes a permit question to 건축과 with its due date', async () => {
    await keyboardLogin(phone, t.base, officer.login, officer.password);
    await phone.goto(`${t.base}/staff/outreach?week=${tuesday}`);
    expect(await overflowsPhone(phone)).toBe(false);
    await Promise.all([
      phone.waitForURL(/\/staff\/outreach\/visits\//),
      phone
        .locator(`#day-${tuesday} li`, { hasText: '명동한식당' })
        .getByRole('link', { name: '결과 입력' })
        .click(),
    ]);
    await expectAccessible(phone, 'visit log phone');
    expect(await overflowsPhone(phone)).toBe(false);
    await phone.getByLabel('근로자 수').fill('18');
    await phone.getByLabel('채용 계획').fill('내년 상반기 4명');
    await phone.locator('#f-difficulties-0-category').selectOption('workforce');
    await phone.locator('#f-difficulties-0-description').fill('주방 보조 인력이 자주 그만둠');
    await phone.locator('#f-difficulties-1-category').selectOption('permits');
    await phone.locator('#f-difficulties-1-description').fill('옥상 증축 허가 절차를 모름');
    const jobs = [
      ['주방 보조', '5312', '2'],
      ['홀 서빙', '5321', '1'],
      ['조리사', '5311', '1'],
    ];
    for (const [i, [title, code, n]] of jobs.entries()) {
      await phone.locator(`#f-jobsDiscovered-${i}-title`).fill(title as string);
      await phone.locator(`#f-jobsDiscovered-${i}-occupationCode`).fill(code as string);
      await phone.locator(`#f-jobsDiscovered-${i}-headcount`).fill(n as string);
    }
    await Promise.all([
      phone.waitForLoadState('load'),
      phone.getByRole('button', { name: '방문 결과 저장' }).click(),
    ]);
    expect(await phone.locator('main [role="status"]').textContent()).toContain('발굴 일자리 3건');
    expect(await phone.locator('#difficulties li').count()).toBe(2);
    expect(await phone.locator('#jobs li').count()).toBe(3);

    await phone.getByLabel('분류').selectOption('permit');
    await phone.getByLabel('담당 부서').selectOption({ label: '건축과' });
    await phone.getByLabel('내용').fill('옥상 증축 허가 절차와 필요 서류');
    await Promise.all([
      phone.waitForLoadState('load'),
      phone.getByRole('button', { name: '부서로 보내기' }).click(),
    ]);
    const routed = expectStatus(
      await officer.get(`/api/v1/outreach/requests?employerId=${restaurant.id}`),
      200,
    ).items[0];
    expect(routed.departmentName).toBe('건축과');
    const notice = (await phone.locator('main [role="status"]').textContent()) ?? '';
    expect(notice).toContain('건축과에 배정했습니다');
    expect(notice).toContain(koDate(routed.dueAt, 'ko', true));
    expect(await overflowsPhone(phone)).toBe(false);
  });

  it('the department answers from its own account on a phone; the company reads the answer on its portal', async () => {
    await desk.goto(`${t.base}/staff/outreach/requests`);
    await expectAccessible(desk, 'requests board');
    // 건축과 is given a 부서 담당자 account; signed in, it lands on the requests routed to it.
    const password = 'correct-horse-9';
    expectStatus(
      await manager.post('/api/v1/users', {
        login: 'junggu.building',
        password,
        name: '김건축',
        role: 'department',
        departmentId: building.id,
      }),
      201,
    );
    const dept = await browser.newPage(phoneView);
    await keyboardLogin(dept, t.base, 'junggu.building', password);
    expect(new URL(dept.url()).pathname).toBe('/department/requests');
    await expectAccessible(dept, '/department/requests');
    expect(await overflowsPhone(dept)).toBe(false);
    await Promise.all([
      dept.waitForURL(/\/department\/requests\/[0-9a-f-]{36}$/),
      dept.getByRole('link', { name: '옥상 증축 허가 절차와 필요 서류' }).click(),
    ]);
    await dept.getByLabel('다음 상태').selectOption('answered');
    await dept
      .getByLabel('메모(회신이면 기업에 보여집니다)')
      .fill('가설건축물 축조신고 대상입니다. 도면 2부를 지참하세요.');
    await Promise.all([
      dept.waitForLoadState('load'),
      dept.getByRole('button', { name: '처리 경과 입력' }).click(),
    ]);
    expect(await dept.locator('main [role="status"]').textContent()).toContain('회신 완료');
    await expectAccessible(dept, 'a request on /department/requests');
    expect(await overflowsPhone(dept)).toBe(false);
    const owner = await t.user('employer', null, { employerId: restaurant.id });
    const portal = await browser.newPage(phoneView);
    await keyboardLogin(portal, t.base, owner.login, owner.password);
    await portal.goto(`${t.base}/employer/requests`);
    expect(await portal.locator('main').textContent()).toContain('가설건축물 축조신고 대상입니다');
    await expectAccessible(portal, '/employer/requests');
    expect(await overflowsPhone(portal)).toBe(false);
  });

  it("shows the manager visits, jobs discovered and agreements against the year's targets, with the year before", async () => {
    expectStatus(
      await officer.post('/api/v1/outreach/agreements', {
        employerId: restaurant.id,
        signedOn: today,
        validFrom: today,
        validTo: addDays(today, 364),
        pledged: 3,
      }),
      201,
    );
    const page = await browser.newPage(desktopView);
    await keyboardLogin(page, t.base, manager.login, manager.password);
    await page.goto(`${t.base}/staff/reports`);
    const row = async (name: string) =>
      (
        (await page
          .locator('tr', { has: page.getByRole('rowheader', { name, exact: true }) })
          .first()
          .innerText()) ?? ''
      )
        .split('\t')
        .map((s) => s.trim());
    expect((await row('기업 방문 건수')).slice(1, 3)).toEqual(['1', '2']);
    expect((await row('발굴 일자리(인원)')).slice(1, 3)).toEqual(['4', '2']);
    expect((await row('우선채용 협약 체결')).slice(1, 3)).toEqual(['1', '1']);
    const targets = (await page.locator('.report-targets').innerText()) ?? '';
    expect(targets).toMatch(/기업 방문 건수\s+1 \/ 150/);
    expect(targets).toMatch(/발굴 일자리\(인원\)\s+4 \/ 1,000/);
    expect(targets).toMatch(/우선채용 협약 체결\s+1 \/ 20/);
    await expectAccessible(page, '/staff/reports');
  });
});
