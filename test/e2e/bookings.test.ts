import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBooking } from '../../src/features/bookings/bookings.service.ts';
import { addDays, seoulInstant, weekday } from '../../src/features/bookings/bookings.slots.ts';
import { closedDays } from '../../src/features/calendar/calendar.service.ts';
import { seoulToday } from '../../src/platform/domain/dates.ts';
import type { Actor } from '../../src/platform/http/actor.ts';
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

// Issue 19: a seeker books the AI booth on a Wednesday on a phone, keyboard only; Monday and
// 2026-05-01 (노동절) offer no times; staff see the booking on the day sheet, check in a same-day
// booking of a video room, and check a seeker in at the AI booth on its day sheet.
describe('bookings (browser)', () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  let phone: Page;
  let desk: Page;
  let boothId = '';
  let centreId = '';
  let wed = '';
  let staff: Awaited<ReturnType<typeof t.user>>;
  let seeker: Awaited<ReturnType<typeof t.user>>;

  beforeAll(async () => {
    t = await startApp();
    browser = await startBrowser();
    phone = await browser.newPage(phoneView);
    desk = await browser.newPage(desktopView);
    const centre = await t.centre('광명시일자리센터', null, '41210');
    centreId = centre.id;
    staff = await t.user('counsellor', centre.id);
    const seekerId = (await buildSeeker(t.db, centre.id, { name: '이예약' })).id;
    seeker = await t.user('seeker', null, { seekerId });
    boothId = expectStatus(
      await staff.post('/api/v1/resources', {
        name: 'AI면접 체험관',
        kind: 'ai_interview',
        slotMinutes: 60,
        openingHours: [2, 3, 4, 5].map((weekday) => ({ weekday, from: '10:00', to: '17:00' })),
      }),
      201,
    ).id;
    for (let d = addDays(seoulToday(), 1); ; d = addDays(d, 1)) {
      if (
        weekday(d) === 3 &&
        (await closedDays({ db: t.db }, { centreId: centre.id, from: d, to: d })).length === 0
      ) {
        wed = d;
        break;
      }
    }
  });

  it('a seeker books the AI booth on a Wednesday on a phone with the keyboard; Monday shows no times', async () => {
    await keyboardLogin(phone, t.base, seeker.login, seeker.password);
    await phone.goto(`${t.base}/bookings`);
    await expectAccessible(phone, '/bookings phone');
    expect(await overflowsPhone(phone)).toBe(false);
    await phone.getByRole('link', { name: 'AI면접 체험관' }).focus();
    await Promise.all([phone.waitForURL(/resourceId=/), phone.keyboard.press('Enter')]);
    await expectAccessible(phone, 'booth times phone');
    expect(await overflowsPhone(phone)).toBe(false);
    const days = await phone
      .locator('section[data-day]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-day')));
    const monday = days.find((d) => d && new Date(`${d}T00:00:00Z`).getUTCDay() === 1) as string;
    expect(await phone.locator(`section[data-day="${monday}"] button`).count()).toBe(0);
    expect(await phone.locator(`section[data-day="${monday}"]`).textContent()).toContain(
      '예약 가능한 시간 없음',
    );
    const button = phone.locator(`section[data-day="${wed}"]`).getByRole('button', { name: '11:00 예약' });
    await button.focus();
    await Promise.all([phone.waitForURL(/\/me\/bookings/), phone.keyboard.press('Enter')]);
    expect(await phone.locator('main').textContent()).toContain('예약했습니다');
    expect(await phone.locator('main').textContent()).toContain('예약 확정');
    await expectAccessible(phone, '/me/bookings phone');
  });

  it('offers no times on 2026-05-01 (노동절)', async () => {
    const r = await phone.request.get(
      `${t.base}/api/v1/resources/${boothId}/availability?from=2026-05-01&to=2026-05-01`,
    );
    const body = await r.json();
    expect(body.items).toEqual([]);
    expect(body.closedDays).toContainEqual({ date: '2026-05-01', name: '노동절', kind: 'public' });
  });

  it('staff see the Wednesday on the day sheet and check in a booking of today by keyboard', async () => {
    await keyboardLogin(desk, t.base, staff.login, staff.password);
    await desk.goto(`${t.base}/staff/bookings?resourceId=${boothId}&date=${wed}`);
    expect(await desk.locator('main').textContent()).toContain('이예약');
    await expectAccessible(desk, '/staff/bookings');
    // A room open all day, so that a booking of today exists to check in.
    const room = expectStatus(
      await staff.post('/api/v1/resources', {
        name: '화상면접실',
        kind: 'video_room',
        slotMinutes: 15,
        openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '24:00' })),
      }),
      201,
    );
    const today = seoulToday();
    const free = expectStatus(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/resources/${room.id}/availability?from=${today}&to=${addDays(today, 1)}`,
      }),
      200,
    );
    const slot = free.items[0].startsAt as string;
    const day = new Date(Date.parse(slot) + 9 * 3_600_000).toISOString().slice(0, 10);
    expectStatus(await seeker.post('/api/v1/bookings', { resourceId: room.id, startsAt: slot }), 201);
    await desk.goto(`${t.base}/staff/bookings?resourceId=${room.id}&date=${day}`);
    await desk.getByRole('button', { name: /^방문 확인/ }).focus();
    await Promise.all([desk.waitForURL(/done=1|error=/), desk.keyboard.press('Enter')]);
    // Late at night the first free slot is tomorrow's: check-in opens on the booking's day.
    expect(await desk.locator('main').textContent()).toContain(day === today ? '방문 확인' : '당일부터');
    if (day === today) expect(new URL(desk.url()).searchParams.get('done')).toBe('1');
    await expectAccessible(desk, '/staff/bookings after check-in');
  });
  it('staff check a seeker in at the AI booth on its day sheet, by keyboard', async () => {
    // The booth opens Tuesday to Friday only and check-in opens on the booking's day, so the
    // booking is one made last week for the latest past Tuesday–Friday (the service takes the
    // time of booking as `now`); staff record the visit on that day's sheet.
    let day = addDays(seoulToday(), -1);
    while (
      weekday(day) < 2 ||
      weekday(day) > 5 ||
      (await closedDays({ db: t.db }, { centreId: centreId, from: day, to: day })).length > 0
    )
      day = addDays(day, -1);
    const visitor = await buildSeeker(t.db, centreId, { name: '박방문' });
    const actor: Actor = {
      userId: staff.user.id,
      login: staff.login,
      name: '상담사',
      role: 'counsellor',
      centreId,
      employerId: null,
      seekerId: null,
      centreScope: [centreId],
      via: 'session',
      sessionId: null,
    };
    await createBooking(
      { db: t.db, actor, ip: null, lang: 'ko' },
      {
        resourceId: boothId,
        startsAt: seoulInstant(day, 14 * 60).toISOString(),
        seekerId: visitor.id,
        now: seoulInstant(addDays(day, -7), 9 * 60),
      },
    );
    await desk.goto(`${t.base}/staff/bookings?resourceId=${boothId}&date=${day}`);
    await desk.getByRole('button', { name: '방문 확인 14:00 박방문' }).focus();
    await Promise.all([desk.waitForURL(/done=1|error=/), desk.keyboard.press('Enter')]);
    expect(new URL(desk.url()).searchParams.get('done')).toBe('1');
    const row = desk.locator('tr', { hasText: '박방문' });
    expect(await row.textContent()).toContain('방문 확인');
    expect(await row.getByRole('button').count()).toBe(0);
    await expectAccessible(desk, '/staff/bookings AI booth check-in');
  });
});
