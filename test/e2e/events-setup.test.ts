import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, weekday } from '../../src/features/bookings/bookings.slots.ts';
import { closedDays } from '../../src/features/calendar/calendar.service.ts';
import { buildSeeker as seekerBody } from '../../src/features/seekers/seekers.factory.ts';
import { seoulToday } from '../../src/platform/domain/dates.ts';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import { expectStatus } from '../support/app.ts';
import { buildPosting } from '../support/factories.ts';
import {
  desktopView,
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  phoneView,
  startApp,
  startBrowser,
} from './support.ts';

// Issue 17, from the pages alone: a counsellor sets up Friday's 금요채용마당 on /staff/events/new,
// enters five companies with their postings at the desk and opens each one's interview slots
// in runs of 20 minutes, typing with the keyboard; the public event page then offers every
// company's times, and a seeker on a phone books one.
describe('setting up a hiring event from the staff pages (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let desk: Page;
  let friday = '';
  let fairId = '';
  let seeker = { login: '', password: '' };
  const companies = ['서구정밀', '청라물류', '가좌식품', '석남전자', '검단기계'];

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    desk = await browser.newPage(desktopView);
    const centre = await t.centre('인천서구일자리센터', null, '28260');
    const staff = await t.user('counsellor', centre.id);
    const manager = await t.user('manager', centre.id);
    for (let d = addDays(seoulToday(), 1); ; d = addDays(d, 1)) {
      if (
        weekday(d) === 5 &&
        (await closedDays({ db: t.db }, { centreId: centre.id, from: d, to: d })).length === 0
      ) {
        friday = d;
        break;
      }
    }
    // The companies are already on the centre's register, each with an open posting.
    for (const [i, name] of companies.entries()) {
      const e = expectStatus(
        await manager.post('/api/v1/employers', {
          name,
          bizRegNo: withBizRegCheckDigit(`13781000${i}`),
          regionCode: '28275',
        }),
        201,
      ) as { id: string };
      await buildPosting(t.db, centre.id, e.id, { title: `${name} 생산직` });
    }
    const seekerId = expectStatus(
      await staff.post('/api/v1/seekers', seekerBody({ name: '박예약', phone: '010-2231-8841' })),
      201,
    ).id;
    const user = await t.user('seeker', null, { seekerId });
    seeker = { login: user.login, password: user.password };
    await keyboardLogin(desk, t.base, staff.login, staff.password);
  });

  it('creates the Friday fair from the form, typing by keyboard', async () => {
    await desk.goto(`${t.base}/staff/events`);
    await Promise.all([
      desk.waitForURL(/\/staff\/events\/new$/),
      desk.getByRole('link', { name: '채용행사 만들기' }).click(),
    ]);
    await expectAccessible(desk, 'new event');
    expect(await overflowsPhone(desk)).toBe(false);
    // A first try without a place is refused on its field, the typed values kept.
    await desk.getByLabel('행사명').fill('금요채용마당');
    await desk.getByLabel('행사 종류').selectOption({ label: '금요채용마당(정기 채용행사)' });
    await desk.locator('#f-date').fill(friday);
    await desk.getByLabel('시작 시각').fill('14:00');
    await desk.getByLabel('종료 시각').fill('17:00');
    await Promise.all([desk.waitForLoadState(), desk.getByLabel('행사명').press('Enter')]);
    expect(await desk.locator('#error-summary').textContent()).toContain('장소');
    await expectAccessible(desk, 'new event with errors');
    expect(await desk.getByLabel('행사명').inputValue()).toBe('금요채용마당');
    await desk.getByLabel('장소(대면)').fill('인천서부고용복지+센터 2층');
    await desk.locator('#f-capacity').fill('50');
    await desk.getByLabel('바로 공개(/events에서 신청 가능)').check();
    await Promise.all([
      desk.waitForURL(/\/staff\/events\/[0-9a-f-]{36}\?created=1/),
      desk.locator('#f-capacity').press('Enter'),
    ]);
    fairId = /\/staff\/events\/([0-9a-f-]{36})/.exec(desk.url())?.[1] ?? '';
    expect(await desk.locator('main').textContent()).toContain('채용행사를 만들었습니다(회차 1개)');
    await expectAccessible(desk, 'new desk');
  });

  it('adds five employers with their postings and opens their slots', async () => {
    for (const [i, name] of companies.entries()) {
      await desk.goto(`${t.base}/staff/events/${fairId}/employers/new`);
      await desk.getByLabel('기업명 또는 사업자등록번호').fill(name);
      await Promise.all([
        desk.waitForURL(/q=/),
        desk.getByLabel('기업명 또는 사업자등록번호').press('Enter'),
      ]);
      if (i === 0) {
        await expectAccessible(desk, 'employer search');
        expect(await overflowsPhone(desk)).toBe(false);
      }
      const card = desk.locator('section', { has: desk.getByRole('heading', { name, exact: true }) });
      expect(await card.getByLabel(`${name} 생산직`).isChecked()).toBe(true);
      await card.getByLabel('부스·면접실').fill(`부스 ${i + 1}`);
      await Promise.all([desk.waitForURL(/added=1/), card.getByLabel('부스·면접실').press('Enter')]);
    }
    for (const name of companies) {
      await desk.goto(`${t.base}/staff/events/${fairId}/slots/new`);
      await desk.getByLabel('기업').selectOption({ label: `${name} (부스 ${companies.indexOf(name) + 1})` });
      expect(await desk.getByLabel('날짜').inputValue()).toBe(friday);
      await desk.getByLabel('첫 면접 시작').fill('14:00');
      await desk.getByLabel('마지막 면접 종료').fill('15:00');
      await desk.getByLabel('면접 한 건의 길이(분)').fill('20');
      await Promise.all([
        desk.waitForURL(/opened=3/),
        desk.getByLabel('면접 한 건의 길이(분)').press('Enter'),
      ]);
    }
    expect(await desk.locator('main').textContent()).toContain('면접 시간 3개를 열었습니다.');
    const section = (await desk.locator('section[aria-labelledby="evs-employers"]').textContent()) ?? '';
    for (const name of companies) expect(section).toContain(name);
    expect(section.match(/3개\(빈 시간 3\)/g)).toHaveLength(5);
    await expectAccessible(desk, 'desk with employers');
    await desk.goto(`${t.base}/staff/events/${fairId}/slots/new`);
    await expectAccessible(desk, 'slots form');
    expect(await overflowsPhone(desk)).toBe(false);
  });

  it('the public event page offers every company’s times, and a seeker books one on a phone', async () => {
    const phone = await browser.newPage(phoneView);
    await keyboardLogin(phone, t.base, seeker.login, seeker.password);
    await phone.goto(`${t.base}/events/${fairId}`);
    await expectAccessible(phone, 'public event phone');
    expect(await overflowsPhone(phone)).toBe(false);
    for (const name of companies) {
      const card = phone.locator('section', { hasText: name });
      for (const time of ['14:00', '14:20', '14:40']) {
        expect(await card.getByRole('button', { name: `${time} 예약` }).count()).toBe(1);
      }
    }
    await phone.getByRole('button', { name: '참가 신청' }).click();
    await phone.waitForLoadState();
    await phone
      .locator('section', { hasText: '가좌식품' })
      .getByRole('button', { name: '14:20 예약' })
      .click();
    await phone.waitForLoadState();
    expect(await phone.locator('main').textContent()).toContain('면접이 예약되었습니다');
    await desk.goto(`${t.base}/staff/events/${fairId}`);
    expect(await desk.locator('section[aria-labelledby="evs-employers"]').textContent()).toContain(
      '3개(빈 시간 2)',
    );
  });
});
