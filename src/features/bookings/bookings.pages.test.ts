import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { addDays, weekday } from './bookings.slots.ts';

const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('booking pages', async () => {
  const centre = await t.centre('광명시일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const seekerId = (await buildSeeker(t.db, centre.id, { name: '김예약' })).id;
  const seeker = await t.user('seeker', null, { seekerId });
  const booth = expectStatus(
    await staff.post('/api/v1/resources', {
      name: 'AI면접 체험관',
      kind: 'ai_interview',
      slotMinutes: 60,
      openingHours: [2, 3, 4, 5].map((weekday) => ({ weekday, from: '10:00', to: '17:00' })),
    }),
    201,
  );

  it('lists services publicly; shows two weeks of times; a seeker books one and sees it on /me/bookings', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/bookings' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('AI면접 체험관');
    expect(list.body).toContain('AI 면접 체험');
    const anon = await t.app.inject({ method: 'GET', url: `/bookings?resourceId=${booth.id}` });
    expect(anon.body).toContain('로그인하면 예약할 수 있습니다');
    expect(anon.body.match(/data-day="/g)).toHaveLength(14);
    const page = await seeker.get(`/bookings?resourceId=${booth.id}`);
    const starts = [...page.body.matchAll(/name="startsAt" value="([^"]+)"/g)].map((m) => m[1] as string);
    // Only Tuesday to Friday, never a holiday.
    const holidays = new Set(
      (await closedDays({ db: t.db }, { from: seoulToday(), to: addDays(seoulToday(), 14) })).map(
        (d) => d.date,
      ),
    );
    const days = starts.map((s) => new Date(Date.parse(s) + 9 * 3_600_000).toISOString().slice(0, 10));
    expect(days.every((d) => weekday(d) >= 2 && weekday(d) <= 5 && !holidays.has(d))).toBe(true);
    expect(starts.length).toBeGreaterThan(0);
    const res = await seeker.post(
      '/bookings',
      `resourceId=${booth.id}&startsAt=${encodeURIComponent(starts[0] as string)}`,
      form,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/me\/bookings\?booked=/);
    const mine = await seeker.get('/me/bookings');
    expect(mine.body).toContain('예약 확정');
    const again = await seeker.post(
      '/bookings',
      `resourceId=${booth.id}&startsAt=${encodeURIComponent(starts[0] as string)}`,
      form,
    );
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('이미 예약이 찼습니다');
  });

  it('shows staff the day sheet with the seeker named, and checks them in on the day', async () => {
    const [b] = expectStatus(await staff.get(`/api/v1/bookings?resourceId=${booth.id}`), 200).items;
    const day = new Date(Date.parse(b.startsAt) + 9 * 3_600_000).toISOString().slice(0, 10);
    const sheet = await staff.get(`/staff/bookings?resourceId=${booth.id}&date=${day}`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('김예약');
    expect(sheet.body).toContain('방문 확인');
    const res = await staff.post(
      `/staff/bookings/${b.id}/check-in?resourceId=${booth.id}&date=${day}`,
      '',
      form,
    );
    expect(res.statusCode).toBe(303);
    const after = expectStatus(await staff.get(`/api/v1/bookings?resourceId=${booth.id}`), 200).items[0];
    expect(after.status).toBe(day > seoulToday() ? 'confirmed' : 'checked_in');
    expect((await seeker.get('/staff/bookings')).statusCode).toBe(403);
  });

  it('runs the suit desk: add, lend, return', async () => {
    expect(
      (await staff.post('/staff/suits/items', 'code=J-100-09&category=jacket&gender=m&size=100', form))
        .statusCode,
    ).toBe(303);
    const desk = await staff.get('/staff/suits');
    expect(desk.body).toContain('J-100-09 재킷 남성 100');
    const item = expectStatus(await staff.get('/api/v1/suits?size=100'), 200).items[0];
    const lend = await staff.post(
      '/staff/suits/rentals',
      `seekerId=${seekerId}&itemIds=${item.id}&from=${seoulToday()}&dueOn=${addDays(seoulToday(), 2)}`,
      form,
    );
    expect(lend.statusCode).toBe(303);
    const twice = await staff.post(
      '/staff/suits/rentals',
      `seekerId=${seekerId}&itemIds=${item.id}&from=${seoulToday()}&dueOn=${addDays(seoulToday(), 2)}`,
      form,
    );
    expect(twice.statusCode).toBe(409);
    const rental = expectStatus(await staff.get('/api/v1/suit-rentals?open=true'), 200).items[0];
    expect((await staff.post(`/staff/suits/rentals/${rental.id}/return`, '', form)).statusCode).toBe(303);
    expect(expectStatus(await staff.get('/api/v1/suits?available=true&size=100'), 200).total).toBe(1);
  });
});
