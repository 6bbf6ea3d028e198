import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { nextWorkingDay } from '../calendar/calendar.service.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';
import { addDaysTo } from './appointments.time.ts';

// Appointments (issue 15): booking, moving and cancelling, no overlap for one counsellor (the
// database's exclusion constraint, 409 appointment.overlap), closed days, who sees what, the
// calendar feed and the pages.

const t = await testApp();
const centre = await t.centre('예약센터');
const other = await t.centre('남의예약센터');
const staff = await t.user('counsellor', centre.id);
const colleague = await t.user('counsellor', centre.id);
const stranger = await t.user('counsellor', other.id);
const form = { 'content-type': 'application/x-www-form-urlencoded' };

const seeker = expectStatus(await staff.post('/api/v1/seekers', buildSeeker({ name: '예약하는사람' })), 201);
const seeker2 = expectStatus(await staff.post('/api/v1/seekers', buildSeeker({ name: '두번째사람' })), 201);
const day = await nextWorkingDay({ db: t.db }, { date: addDaysTo(seoulToday(), 7) });
const at = (d: string, hm: string) => `${d}T${hm}:00+09:00`;
const book = (client: typeof staff, body: Record<string, unknown>) =>
  client.post('/api/v1/appointments', {
    seekerId: seeker.id,
    channel: 'visit',
    startsAt: at(day, '10:00'),
    endsAt: at(day, '11:00'),
    ...body,
  });

describe('appointments API', () => {
  it('books, refuses an overlap for the same counsellor with 409, allows back-to-back and others', async () => {
    const a = expectStatus(await book(staff, { place: '2층 상담실', note: '이력서 지참' }), 201);
    expect(a).toMatchObject({
      seekerId: seeker.id,
      counsellorId: staff.user.id,
      channel: 'visit',
      status: 'scheduled',
    });
    expect(a.startsAt).toBe(new Date(at(day, '10:00')).toISOString());
    const clash = expectStatus(
      await book(staff, { seekerId: seeker2.id, startsAt: at(day, '10:30'), endsAt: at(day, '11:30') }),
      409,
    );
    expect(clash.code).toBe('appointment.overlap');
    expect(clash.detail).toContain('이미 다른 상담 예약');
    // 11:00–12:00 touches 10:00–11:00 but does not overlap it; a colleague may hold 10:30.
    expectStatus(
      await book(staff, { seekerId: seeker2.id, startsAt: at(day, '11:00'), endsAt: at(day, '12:00') }),
      201,
    );
    expectStatus(
      await book(colleague, { seekerId: seeker2.id, startsAt: at(day, '10:30'), endsAt: at(day, '11:30') }),
      201,
    );
    // Korean time without an offset, as staff type it.
    const local = expectStatus(await book(staff, { startsAt: `${day}T15:00`, endsAt: `${day}T15:30` }), 201);
    expect(local.startsAt).toBe(new Date(at(day, '15:00')).toISOString());
    const log = await t.db
      .selectFrom('access_log')
      .select(['action'])
      .where('subject_id', '=', seeker.id)
      .where('action', '=', 'create')
      .execute();
    expect(log.length).toBeGreaterThanOrEqual(2); // registration and the booking
  });

  it('lets exactly one of 10 parallel bookings of the same time through', async () => {
    const res = await Promise.all(
      Array.from({ length: 10 }, () => book(staff, { startsAt: at(day, '16:00'), endsAt: at(day, '16:40') })),
    );
    expect(res.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(res.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
      Array(9).fill('appointment.overlap'),
    );
  });

  it('moves (409 into another appointment), cancels, and a cancelled time is free again', async () => {
    const d2 = await nextWorkingDay({ db: t.db }, { date: addDaysTo(day, 1) });
    const a = expectStatus(await book(staff, { startsAt: at(d2, '09:00'), endsAt: at(d2, '10:00') }), 201);
    const b = expectStatus(await book(staff, { startsAt: at(d2, '13:00'), endsAt: at(d2, '14:00') }), 201);
    const into = expectStatus(
      await staff.patch(`/api/v1/appointments/${a.id}`, {
        startsAt: at(d2, '13:30'),
        endsAt: at(d2, '14:30'),
      }),
      409,
    );
    expect(into.code).toBe('appointment.overlap');
    const moved = expectStatus(
      await staff.patch(`/api/v1/appointments/${a.id}`, {
        startsAt: at(d2, '14:00'),
        endsAt: at(d2, '15:00'),
        channel: 'phone',
      }),
      200,
    );
    expect(moved).toMatchObject({ channel: 'phone', place: null });
    const bad = expectStatus(
      await staff.patch(`/api/v1/appointments/${a.id}`, {
        startsAt: at(d2, '15:00'),
        endsAt: at(d2, '14:00'),
      }),
      400,
    );
    expect(bad.errors[0].field).toBe('endsAt');
    const cancelled = expectStatus(
      await staff.post(`/api/v1/appointments/${b.id}/cancel`, { reason: '구직자 요청' }),
      200,
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '구직자 요청' });
    expect(expectStatus(await staff.patch(`/api/v1/appointments/${b.id}`, { note: 'x' }), 409).code).toBe(
      'appointment.cancelled',
    );
    expectStatus(await book(staff, { startsAt: at(d2, '13:00'), endsAt: at(d2, '14:00') }), 201);
    const list = expectStatus(
      await staff.get(`/api/v1/appointments?from=${d2}&to=${addDaysTo(d2, 1)}&counsellorId=${staff.user.id}`),
      200,
    );
    expect(list.items.map((x: { startsAt: string }) => x.startsAt)).toEqual([
      new Date(at(d2, '13:00')).toISOString(),
      new Date(at(d2, '14:00')).toISOString(),
    ]);
    const withCancelled = expectStatus(
      await staff.get(`/api/v1/appointments?from=${d2}&to=${addDaysTo(d2, 1)}&cancelled=true`),
      200,
    );
    expect(withCancelled.total).toBe(3);
  });

  it('refuses a weekend, a holiday and a centre closure unless allowed', async () => {
    const monday = addDaysTo(day, 7 - ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
    const sunday = addDaysTo(monday, -1);
    const sun = expectStatus(
      await book(staff, { startsAt: at(sunday, '10:00'), endsAt: at(sunday, '11:00') }),
      400,
    );
    expect(sun.errors).toEqual([{ field: 'startsAt', message: expect.stringContaining('주말') }]);
    expectStatus(
      await book(staff, { startsAt: at(sunday, '10:00'), endsAt: at(sunday, '11:00'), allowClosedDay: true }),
      201,
    );
    const manager = await t.user('manager', centre.id);
    const closedOn = addDaysTo(monday, 2);
    expectStatus(
      await manager.post(`/api/v1/centres/${centre.id}/closures`, {
        from: closedOn,
        to: closedOn,
        reason: '사무실 이전',
      }),
      201,
    );
    const closed = expectStatus(
      await book(staff, { startsAt: at(closedOn, '10:00'), endsAt: at(closedOn, '11:00') }),
      400,
    );
    expect(closed.errors[0].message).toContain('사무실 이전');
    expect((await book(staff, { startsAt: '2026-02-30T10:00', endsAt: '2026-02-30T11:00' })).statusCode).toBe(
      400,
    );
  });

  it('keeps another centre out, and a seeker sees only their own', async () => {
    expect((await book(stranger, {})).statusCode).toBe(404);
    const theirs = expectStatus(
      await stranger.get(`/api/v1/appointments?from=${day}&to=${addDaysTo(day, 1)}`),
      200,
    );
    expect(theirs.total).toBe(0);
    expect((await stranger.get(`/api/v1/appointments?from=${day}&seekerId=${seeker.id}`)).statusCode).toBe(
      404,
    );
    const mine = expectStatus(
      await staff.get(`/api/v1/appointments?from=${day}&to=${addDaysTo(day, 1)}`),
      200,
    );
    expect(mine.total).toBeGreaterThan(0);
    expect((await stranger.patch(`/api/v1/appointments/${mine.items[0].id}`, { note: 'x' })).statusCode).toBe(
      404,
    );
    const self = await t.user('seeker', null, { seekerId: seeker2.id });
    const own = expectStatus(await self.get(`/api/v1/appointments?from=${day}&to=${addDaysTo(day, 1)}`), 200);
    expect(own.items.every((x: { seekerId: string }) => x.seekerId === seeker2.id)).toBe(true);
    expect(own.total).toBeGreaterThan(0);
    expect((await book(self, { seekerId: seeker2.id })).statusCode).toBe(403);
    const me = await self.get('/me');
    expect(me.body).toContain('상담 예약');
    expect(me.body).toContain(`${day} 10:30`);
  });

  it('serves the counsellor’s feed as ICS without seeker names; a new secret retires the old', async () => {
    const { url } = expectStatus(await staff.post('/api/v1/appointments/feed'), 201);
    const path = new URL(url).pathname;
    const ics = await t.app.inject({ method: 'GET', url: path });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.body).toContain(
      `DTSTART:${new Date(at(day, '10:00')).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`,
    );
    expect(ics.body).toContain('SUMMARY:상담 예약 (방문)');
    expect(ics.body).toContain('LOCATION:2층 상담실');
    expect(ics.body).not.toContain('예약하는사람');
    for (const line of ics.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const { url: url2 } = expectStatus(await staff.post('/api/v1/appointments/feed'), 201);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: new URL(url2).pathname })).statusCode).toBe(200);
  });
});

describe('calendar pages', () => {
  it('shows the week with names, books through the form, and refuses an overlap on the form', async () => {
    const page = await staff.get(`/staff/calendar?week=${day}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('예약하는사람');
    expect(page.body).toContain('2층 상담실');
    const post = (body: Record<string, string>) =>
      staff.post('/staff/calendar/new', new URLSearchParams({ _csrf: staff.csrf, ...body }).toString(), form);
    const ok = await post({
      seekerId: seeker2.id,
      startsAt: `${day}T17:00`,
      minutes: '30',
      channel: 'online',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toContain('booked=1');
    const clash = await post({
      seekerId: seeker2.id,
      startsAt: `${day}T17:10`,
      minutes: '30',
      channel: 'online',
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('이미 다른 상담 예약');
    const form2 = await staff.get(`/staff/calendar/new?seekerId=${seeker2.id}`);
    expect(form2.body).toContain('두번째사람');
    expect(form2.body).toContain('name="startsAt"');
  });

  it('shows today’s appointments on the dashboard and the next one on the seeker page', async () => {
    const today = seoulToday();
    const late = new Date(Date.now() + 60 * 60_000);
    const dayEnd = new Date(`${today}T23:59:00+09:00`);
    const start = late < dayEnd ? late : new Date(Date.now() + 60_000);
    const end = new Date(Math.min(start.getTime() + 10 * 60_000, dayEnd.getTime() + 60_000));
    if (start.getTime() < end.getTime())
      expectStatus(
        await book(staff, { startsAt: start.toISOString(), endsAt: end.toISOString(), allowClosedDay: true }),
        201,
      );
    const dash = await staff.get('/staff');
    expect(dash.body).toContain('오늘 상담 예정');
    expect(dash.body).toContain('href="/staff/calendar"');
    if (start.getTime() < end.getTime()) expect(dash.body).toContain('예약하는사람');
    const sp = await staff.get(`/staff/seekers/${seeker.id}`);
    expect(sp.body).toContain('다음 상담 예약');
    expect(sp.body).toContain(`/staff/calendar/new?seekerId=${seeker.id}`);
  });

  it('offers an appointment from a counselling record’s next contact', async () => {
    const now = new Date();
    const next = `${day}T14:00`;
    const rec = expectStatus(
      await staff.post(`/api/v1/seekers/${seeker2.id}/counselling`, {
        at: now.toISOString(),
        channel: 'phone',
        type: 'guidance',
        notes: '다음 주 방문 상담',
        nextContactAt: next,
      }),
      201,
    );
    const sp = await staff.get(`/staff/seekers/${seeker2.id}`);
    expect(sp.body).toContain(`counsellingId=${rec.id}`);
    const made = expectStatus(
      await book(staff, {
        seekerId: seeker2.id,
        startsAt: `${day}T14:00`,
        endsAt: `${day}T14:30`,
        counsellingId: rec.id,
        channel: 'phone',
      }),
      201,
    );
    expect(made.counsellingId).toBe(rec.id);
    // a record of another seeker does not go with this one
    const wrong = expectStatus(
      await book(staff, { startsAt: `${day}T18:00`, endsAt: `${day}T18:30`, counsellingId: rec.id }),
      400,
    );
    expect(wrong.errors[0].field).toBe('counsellingId');
  });
});
