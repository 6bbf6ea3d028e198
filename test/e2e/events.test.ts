import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, weekday } from '../../src/features/bookings/bookings.slots.ts';
import { closedDays } from '../../src/features/calendar/calendar.service.ts';
import { buildSeeker as seekerBody } from '../../src/features/seekers/seekers.factory.ts';
import { seoulToday } from '../../src/platform/domain/dates.ts';
import { expectStatus } from '../support/app.ts';
import { buildEmployer, buildPosting } from '../support/factories.ts';
import {
  desktopView,
  expectAccessible,
  keyboardLogin,
  overflowsPhone,
  phoneView,
  startApp,
  startBrowser,
} from './support.ts';

// Issue 17 "Done means": a counsellor sets up Friday's 금요채용마당 with five employers and their
// slots (through the API with the counsellor's session; events-setup.test.ts does it from the pages) and invites
// a pre-matched candidate from the matching page; on phones one seeker accepts the invitation
// and books a time with the inviting company, another registers and books from the event page;
// the desk finds them by name or the last four digits of the phone and checks them in, enters their results the same afternoon, and
// the report shows companies, seekers, interviews, first-round passes and hires for the event
// and the year.
describe('hiring event day (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let desk: Page;
  let friday = '';
  let fairId = '';
  let staff: Awaited<ReturnType<typeof t.user>>;
  const seekers: { id: string; login: string; password: string; name: string; q: string }[] = [];
  const at = (hhmm: string) => new Date(`${friday}T${hhmm}:00+09:00`).toISOString();
  const companies = ['서구정밀', '청라물류', '가좌식품', '석남전자', '검단기계'];

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    desk = await browser.newPage(desktopView);
    const centre = await t.centre('인천서구일자리센터', null, '28260');
    staff = await t.user('counsellor', centre.id);
    for (let d = addDays(seoulToday(), 1); ; d = addDays(d, 1)) {
      if (
        weekday(d) === 5 &&
        (await closedDays({ db: t.db }, { centreId: centre.id, from: d, to: d })).length === 0
      ) {
        friday = d;
        break;
      }
    }
    fairId = expectStatus(
      await staff.post('/api/v1/events', {
        title: '금요채용마당',
        kind: 'weekly_fair',
        startsAt: at('14:00'),
        endsAt: at('17:00'),
        venue: '인천서부고용복지+센터 2층',
        capacity: 50,
        published: true,
      }),
      201,
    ).id;
    for (const [i, name] of companies.entries()) {
      const employer = await buildEmployer(t.db, centre.id, { name });
      const posting = await buildPosting(t.db, centre.id, employer.id, {
        title: `${name} 생산직`,
        occupation_code: '8241',
        keywords: ['용접'],
      });
      expectStatus(
        await staff.post(`/api/v1/events/${fairId}/employers`, {
          employerId: employer.id,
          postingIds: [posting.id],
          booth: `부스 ${i + 1}`,
        }),
        201,
      );
      expectStatus(
        await staff.post(`/api/v1/events/${fairId}/slots`, {
          employerId: employer.id,
          from: at('14:00'),
          to: at('15:00'),
          minutes: 20,
        }),
        201,
      );
    }
    // Registered through the API, as at the centre: the desk finds them by name or phone digits.
    for (const [name, phone, q] of [
      ['김초대', '010-4821-7356', '김초대'],
      ['이현장', '010-9055-1302', '1302'],
    ] as const) {
      const id = expectStatus(await staff.post('/api/v1/seekers', seekerBody({ name, phone })), 201).id;
      const user = await t.user('seeker', null, { seekerId: id });
      seekers.push({ id, login: user.login, password: user.password, name, q });
    }
    // The matching index follows new seekers through LISTEN: wait until both are candidates.
    for (let end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      const m = expectStatus(await staff.get(`/api/v1/events/${fairId}/matches`), 200);
      if ((m.items[0]?.candidates.length ?? 0) >= 2) break;
    }
    await keyboardLogin(desk, t.base, staff.login, staff.password);
  });

  it('five employers with their slots; the counsellor invites a pre-matched candidate', async () => {
    await desk.goto(`${t.base}/staff/events/${fairId}`);
    const grid = (await desk.locator('main').textContent()) ?? '';
    for (const c of companies) expect(grid).toContain(c);
    expect(await desk.locator('select[name="result"]').count()).toBe(0);
    await desk.goto(`${t.base}/staff/events/${fairId}/matches`);
    await expectAccessible(desk, 'matches');
    const section = desk.locator('section', { hasText: '서구정밀 · 서구정밀 생산직' });
    const row = section.locator('tr', { hasText: '김초대' });
    await Promise.all([desk.waitForURL(/done=1/), row.getByRole('button', { name: '초대' }).click()]);
    expect(await desk.locator('main').textContent()).toContain('초대를 보냈습니다');
  });

  it('on phones: the invited seeker accepts and books; another registers and books', async () => {
    const [invited, walkIn] = seekers as [(typeof seekers)[0], (typeof seekers)[0]];
    const phone = await browser.newPage(phoneView);
    await keyboardLogin(phone, t.base, invited.login, invited.password);
    await phone.goto(`${t.base}/events/${fairId}/invitation`);
    await expectAccessible(phone, 'invitation phone');
    expect(await overflowsPhone(phone)).toBe(false);
    expect(await phone.locator('main').textContent()).toContain('서구정밀');
    await phone.getByRole('button', { name: '참가하기' }).click();
    await phone.waitForLoadState();
    expect(await phone.locator('main').textContent()).toContain('참가를 수락했습니다(참가 확정)');
    await Promise.all([
      phone.waitForURL(/\/plan\?booked=1/),
      phone.getByRole('button', { name: '14:00 예약' }).click(),
    ]);
    await expectAccessible(phone, 'plan phone');
    expect(await overflowsPhone(phone)).toBe(false);
    expect(await phone.locator('main').textContent()).toContain('부스 1');

    const other = await browser.newPage(phoneView);
    await keyboardLogin(other, t.base, walkIn.login, walkIn.password);
    await other.goto(`${t.base}/events/${fairId}`);
    await expectAccessible(other, 'event phone');
    expect(await overflowsPhone(other)).toBe(false);
    await other.getByRole('button', { name: '참가 신청' }).click();
    await other.waitForLoadState();
    expect(await other.locator('main').textContent()).toContain('참가 신청이 접수되었습니다');
    await other
      .locator('section', { hasText: '청라물류' })
      .getByRole('button', { name: '14:20 예약' })
      .click();
    await other.waitForLoadState();
    expect(await other.locator('main').textContent()).toContain('면접이 예약되었습니다');
  });

  it('the desk finds each by name or phone digits, checks them in and enters the results the same afternoon', async () => {
    for (const s of seekers) {
      await desk.goto(`${t.base}/staff/events/${fairId}`);
      await desk.locator('#desk-q').fill(s.q);
      await Promise.all([desk.waitForURL(/q=/), desk.locator('#desk-q').press('Enter')]);
      await Promise.all([
        desk.waitForURL(/(done|error)=/),
        desk.locator('tr', { hasText: s.name }).getByRole('button', { name: '입장 확인' }).click(),
      ]);
      expect(desk.url(), (await desk.locator('main').textContent()) ?? '').toContain('done=1');
      expect(await desk.locator('tr', { hasText: s.name }).last().textContent()).toContain('입장');
    }
    await expectAccessible(desk, 'desk');
    for (const [name, result] of [
      ['김초대', '채용'],
      ['이현장', '1차 합격'],
    ] as const) {
      const row = desk
        .locator('tr', { has: desk.locator('select[name="result"]') })
        .filter({ hasText: name });
      await row.locator('select').selectOption({ label: result });
      await Promise.all([desk.waitForURL(/done=1/), row.getByRole('button', { name: '저장' }).click()]);
    }
    expect(await desk.locator('main').textContent()).toContain(
      '참가 기업 5 · 구직자 2 · 면접 2 · 1차 합격 2 · 채용 1',
    );
    await desk.goto(`${t.base}/staff/events/${fairId}/plans`);
    expect(await desk.locator('main').textContent()).toContain('김초대');
  });

  it('the report shows the event and the year: companies, seekers, interviews, passes, hires', async () => {
    await desk.goto(`${t.base}/staff/reports?from=${friday}&to=${friday}`);
    const rows = await desk
      .locator('section[aria-labelledby="events-h"] tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(rows).toContainEqual([`이 기간 (${friday}–${friday})`, '5', '2', '2', '2', '1']);
    expect(rows).toContainEqual([
      `올해 누계 (${friday.slice(0, 4)}-01-01–${friday})`,
      '5',
      '2',
      '2',
      '2',
      '1',
    ]);
    expect(rows).toContainEqual([
      '금요채용마당 금요채용마당(정기 채용행사)',
      friday,
      '5',
      '2',
      '2',
      '2',
      '1',
    ]);
    await expectAccessible(desk, 'reports');
  });
});
