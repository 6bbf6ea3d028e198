import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { availability } from './availability.service.ts';
import { bookingFigures } from './bookings.report.service.ts';
import { createBooking, markBooking } from './bookings.service.ts';
import { addDays, seoulInstant, weekday } from './bookings.slots.ts';
import { createResource } from './resources.service.ts';

const t = await testApp();

/** The first day on or after `from` with the ISO weekday that is no holiday. */
async function nextOpen(wd: number, from = addDays(seoulToday(), 2)) {
  let d = from;
  for (;;) {
    if (weekday(d) === wd && (await closedDays({ db: t.db }, { from: d, to: d })).length === 0) return d;
    d = addDays(d, 1);
  }
}
const at = (date: string, hhmm: string) =>
  seoulInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))).toISOString();
const TUE_FRI = [2, 3, 4, 5].map((weekday) => ({ weekday, from: '10:00', to: '17:00' }));

describe('resources, availability and bookings', async () => {
  const centre = await t.centre('광명시일자리센터');
  const other = await t.centre('다른센터');
  const staff = await t.user('counsellor', centre.id);
  const manager = await t.user('manager', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const seekerId = (await buildSeeker(t.db, centre.id)).id;
  const seeker = await t.user('seeker', null, { seekerId });
  const booth = expectStatus(
    await staff.post('/api/v1/resources', {
      name: 'AI면접 체험관',
      kind: 'ai_interview',
      slotMinutes: 60,
      openingHours: TUE_FRI,
    }),
    201,
  );

  it('creates a resource with its Korean kind name and lists it publicly; refuses bad hours', async () => {
    expect(booth).toMatchObject({ kindName: 'AI 면접 체험', capacity: 1, approvalRequired: false });
    const list = expectStatus(await t.app.inject({ method: 'GET', url: '/api/v1/resources' }), 200);
    expect(list.items.map((r: { id: string }) => r.id)).toContain(booth.id);
    const bad = expectStatus(
      await staff.post('/api/v1/resources', {
        name: 'x',
        kind: 'video_room',
        slotMinutes: 60,
        openingHours: [{ weekday: 1, from: '10:00', to: '10:30' }],
      }),
      400,
    );
    expect(bad.errors[0].field).toBe('openingHours');
    expectStatus(
      await seeker.post('/api/v1/resources', {
        name: 'x',
        kind: 'video_room',
        slotMinutes: 60,
        openingHours: TUE_FRI,
      }),
      403,
    );
  });

  it('offers Tuesday to Friday 10–17 only, never on 2026-05-01 (노동절), never in the past', async () => {
    const now = new Date('2026-04-27T00:00:00+09:00'); // Monday
    const week = await availability(
      { db: t.db },
      { resourceId: booth.id, from: '2026-04-27', to: '2026-05-03', now },
    );
    const days = [...new Set(week.items.map((s) => s.startsAt.slice(0, 10)))];
    // Tue 28, Wed 29, Thu 30 (UTC dates of 10:00–16:00 KST are the same day); Fri 05-01 is 노동절.
    expect(days).toEqual(['2026-04-28', '2026-04-29', '2026-04-30']);
    expect(week.items.filter((s) => s.startsAt.startsWith('2026-04-29'))).toHaveLength(7);
    expect(week.items[0]).toEqual({
      startsAt: '2026-04-28T01:00:00.000Z',
      endsAt: '2026-04-28T02:00:00.000Z',
      free: 1,
    });
    expect(week.closedDays).toContainEqual({ date: '2026-05-01', name: '노동절', kind: 'public' });
    const late = await availability(
      { db: t.db },
      {
        resourceId: booth.id,
        from: '2026-04-28',
        to: '2026-04-28',
        now: new Date('2026-04-28T15:30:00+09:00'),
      },
    );
    expect(late.items.map((s) => s.startsAt)).toEqual(['2026-04-28T07:00:00.000Z']); // 16:00 only
    const ctx = { db: t.db, actor: (await actorOf(staff)) as Actor, ip: null, lang: 'ko' as const };
    const refuse = async (startsAt: string, now: Date) =>
      createBooking(ctx, { resourceId: booth.id, startsAt, seekerId, now }).then(
        () => 'booked',
        (e: { key: string }) => e.key,
      );
    expect(await refuse('2026-05-01T11:00:00+09:00', now)).toBe('booking.holiday');
    expect(await refuse('2026-04-27T11:00:00+09:00', new Date('2026-04-20T00:00:00+09:00'))).toBe(
      'booking.outsideHours',
    ); // Monday
    expect(await refuse('2026-04-28T17:00:00+09:00', now)).toBe('booking.outsideHours');
    expect(await refuse('2026-04-28T10:30:00+09:00', now)).toBe('booking.outsideHours');
    expect(await refuse('2026-04-28T10:00:00+09:00', new Date('2026-04-28T10:00:00+09:00'))).toBe(
      'booking.past',
    );
    expectStatus(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/resources/${booth.id}/availability?from=2026-01-01&to=2026-12-31`,
      }),
      400,
    );
  });

  it('lets a seeker book a Wednesday for themself: 201, then 409 booking.full, 400 with reasons over HTTP', async () => {
    const wed = await nextOpen(3);
    const b = expectStatus(
      await seeker.post('/api/v1/bookings', { resourceId: booth.id, startsAt: at(wed, '11:00') }),
      201,
    );
    expect(b).toMatchObject({
      status: 'confirmed',
      statusName: '예약 확정',
      seekerId,
      resourceKindName: 'AI 면접 체험',
    });
    const full = expectStatus(
      await staff.post('/api/v1/bookings', {
        resourceId: booth.id,
        startsAt: at(wed, '11:00'),
        seekerId: (await buildSeeker(t.db, centre.id)).id,
      }),
      409,
    );
    expect(full.code).toBe('booking.full');
    const free = expectStatus(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/resources/${booth.id}/availability?from=${wed}&to=${wed}`,
      }),
      200,
    );
    expect(free.items.map((s: { startsAt: string }) => s.startsAt)).not.toContain(at(wed, '11:00'));
    expect(free.items).toHaveLength(6);
    const mon = await nextOpen(1);
    const outside = expectStatus(
      await seeker.post('/api/v1/bookings', { resourceId: booth.id, startsAt: at(mon, '11:00') }),
      400,
    );
    expect(outside).toMatchObject({ code: 'booking.outsideHours', errors: [{ field: 'startsAt' }] });
    const holiday = expectStatus(
      await seeker.post('/api/v1/bookings', { resourceId: booth.id, startsAt: '2027-05-05T11:00:00+09:00' }),
      400,
    );
    expect(holiday.code).toBe('booking.holiday');
    expect(holiday.detail).toContain('어린이날');
    const past = expectStatus(
      await seeker.post('/api/v1/bookings', { resourceId: booth.id, startsAt: '2026-04-28T11:00:00+09:00' }),
      400,
    );
    expect(past.code).toBe('booking.past');
    // Someone else's seeker id from a seeker account: 404; another centre's staff cannot book here.
    expectStatus(
      await seeker.post('/api/v1/bookings', {
        resourceId: booth.id,
        startsAt: at(wed, '12:00'),
        seekerId: (await buildSeeker(t.db, centre.id)).id,
      }),
      404,
    );
    expectStatus(
      await outsider.post('/api/v1/bookings', { resourceId: booth.id, startsAt: at(wed, '12:00'), seekerId }),
      404,
    );
    const mine = expectStatus(await seeker.get('/api/v1/bookings'), 200);
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    expect(expectStatus(await outsider.get('/api/v1/bookings'), 200).total).toBe(0);
    // The seeker cancels: the place is free again.
    expectStatus(await seeker.post(`/api/v1/bookings/${b.id}/cancel`, {}), 200);
    const again = expectStatus(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/resources/${booth.id}/availability?from=${wed}&to=${wed}`,
      }),
      200,
    );
    expect(again.items).toHaveLength(7);
  });

  it('checks in, records a no-show (shown to staff, never blocking) and needs approval for the attorney', async () => {
    const thu = await nextOpen(4);
    const b = expectStatus(
      await staff.post('/api/v1/bookings', { resourceId: booth.id, startsAt: at(thu, '10:00'), seekerId }),
      201,
    );
    const early = expectStatus(await staff.post(`/api/v1/bookings/${b.id}/no-show`), 409);
    expect(early.code).toBe('booking.notStarted');
    expectStatus(await seeker.post(`/api/v1/bookings/${b.id}/check-in`), 403);
    const ctx = { db: t.db, actor: (await actorOf(staff)) as Actor, ip: null, lang: 'ko' as const };
    const later = new Date(Date.parse(at(thu, '10:30')));
    expect((await markBooking(ctx, { id: b.id, to: 'no_show', now: later })).status).toBe('no_show');
    const c = expectStatus(
      await staff.post('/api/v1/bookings', { resourceId: booth.id, startsAt: at(thu, '11:00'), seekerId }),
      201,
    );
    const listed = expectStatus(
      await staff.get(`/api/v1/bookings?seekerId=${seekerId}&from=${thu}&to=${thu}`),
      200,
    );
    expect(listed.items.find((x: { id: string }) => x.id === c.id).seekerNoShows).toBe(1);
    const checked = await markBooking(ctx, {
      id: c.id,
      to: 'checked_in',
      now: new Date(Date.parse(at(thu, '10:55'))),
    });
    expect(checked).toMatchObject({ status: 'checked_in', statusName: '방문 확인' });
    const tooEarly = expectStatus(
      await staff.post(
        `/api/v1/bookings/${expectStatus(await staff.post('/api/v1/bookings', { resourceId: booth.id, startsAt: at(thu, '12:00'), seekerId }), 201).id}/check-in`,
      ),
      thu > seoulToday() ? 409 : 200,
    );
    if (thu > seoulToday()) expect(tooEarly.code).toBe('booking.tooEarly');

    const attorney = expectStatus(
      await staff.post('/api/v1/resources', {
        name: '노무사 상담',
        kind: 'attorney',
        slotMinutes: 30,
        openingHours: [{ weekday: 4, from: '14:00', to: '17:00' }],
        approvalRequired: true,
      }),
      201,
    );
    const req = expectStatus(
      await seeker.post('/api/v1/bookings', { resourceId: attorney.id, startsAt: at(thu, '14:30') }),
      201,
    );
    expect(req).toMatchObject({ status: 'requested', statusName: '승인 대기' });
    expect(expectStatus(await staff.post(`/api/v1/bookings/${req.id}/confirm`), 200).status).toBe(
      'confirmed',
    );
    expectStatus(await staff.post(`/api/v1/bookings/${req.id}/confirm`), 409);
  });

  it('cancels the bookings a closure or a holiday declared later hits, and lists them for staff', async () => {
    const fri = await nextOpen(5);
    const b = expectStatus(
      await seeker.post('/api/v1/bookings', { resourceId: booth.id, startsAt: at(fri, '13:00') }),
      201,
    );
    const closure = expectStatus(
      await manager.post(`/api/v1/centres/${centre.id}/closures`, {
        from: fri,
        to: fri,
        reason: '전기 공사',
      }),
      201,
    );
    expect(closure.cancelledBookings).toEqual([
      expect.objectContaining({ id: b.id, seekerId, startsAt: at(fri, '13:00') }),
    ]);
    const sent = await t.db
      .selectFrom('notifications')
      .select(['template_key', 'source'])
      .where('recipient_id', '=', seekerId)
      .where('dedupe_key', 'in', [`booking_confirmed:${b.id}`, `booking_cancelled:${b.id}`])
      .orderBy('template_key')
      .execute();
    expect(sent).toEqual([
      { template_key: 'booking_cancelled', source: 'booking.cancelled' },
      { template_key: 'booking_confirmed', source: 'booking.created' },
    ]);
    const cancelled = expectStatus(await staff.get('/api/v1/bookings?cancelReason=closure'), 200);
    expect(cancelled.items[0]).toMatchObject({
      id: b.id,
      status: 'cancelled',
      cancelReasonName: '센터 휴무',
      cancelNote: '전기 공사',
    });
    const slot = await t.db
      .selectFrom('booking_slots')
      .select('taken')
      .where('resource_id', '=', booth.id)
      .where('starts_at', '=', new Date(at(fri, '13:00')))
      .executeTakeFirstOrThrow();
    expect(slot.taken).toBe(0);
    const closed = expectStatus(
      await seeker.post('/api/v1/bookings', { resourceId: booth.id, startsAt: at(fri, '14:00') }),
      400,
    );
    expect(closed.code).toBe('booking.closure');

    const tue = await nextOpen(2);
    const h = expectStatus(
      await seeker.post('/api/v1/bookings', { resourceId: booth.id, startsAt: at(tue, '15:00') }),
      201,
    );
    const admin = await t.user('admin', null);
    const day = expectStatus(await admin.post('/api/v1/holidays', { date: tue, name: '임시공휴일' }), 201);
    expect(day.cancelledBookings.map((x: { id: string }) => x.id)).toEqual([h.id]);
    const avail = expectStatus(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/resources/${booth.id}/availability?from=${tue}&to=${tue}`,
      }),
      200,
    );
    expect(avail).toMatchObject({
      items: [],
      closedDays: [{ date: tue, name: '임시공휴일', kind: 'temporary' }],
    });
  });
});

describe('booking figures', async () => {
  const centre = await t.centre('피규어센터');
  const staff = await t.user('counsellor', centre.id);
  const ctx = { db: t.db, actor: await actorOf(staff), ip: null, lang: 'ko' as const };

  it('counts bookings by kind, the use of opening hours (holidays left out) and the no-show rate', async () => {
    const booth = await createResource(ctx, {
      name: 'AI',
      kind: 'ai_interview',
      slotMinutes: 60,
      openingHours: TUE_FRI,
    });
    const now = new Date('2026-04-01T00:00:00+09:00');
    const book = async (at: string) =>
      createBooking(ctx, {
        resourceId: booth.id,
        startsAt: at,
        seekerId: (await buildSeeker(t.db, centre.id)).id,
        now,
      });
    const a = await book('2026-04-28T10:00:00+09:00');
    const b = await book('2026-04-29T10:00:00+09:00');
    await book('2026-04-30T10:00:00+09:00');
    const later = new Date('2026-05-02T00:00:00+09:00');
    await markBooking(ctx, { id: a.id, to: 'checked_in', now: later });
    await markBooking(ctx, { id: b.id, to: 'no_show', now: later });
    const f = await bookingFigures(
      { db: t.db },
      { from: '2026-04-27', to: '2026-05-03', centreIds: [centre.id] },
    );
    // Tue–Thu open (Fri 05-01 노동절): 21 places; 3 booked.
    expect(f.kinds).toEqual([
      expect.objectContaining({
        kind: 'ai_interview',
        kindName: 'AI 면접 체험',
        bookings: 3,
        checkedIn: 1,
        noShows: 1,
        utilisationPct: 14.3,
        noShowRatePct: 50,
      }),
    ]);
    expect(f).toMatchObject({ bookings: 3, noShowRatePct: 50, suitRentals: 0 });
    const page = await staff.get(`/staff/reports?from=2026-04-27&to=2026-05-03&centreId=${centre.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('예약 서비스 이용');
    expect(page.body).toContain('14.3%');
  });
});

/** The actor of a signed-in client, for calling services with a chosen `now`. */
async function actorOf(c: { user: { id: string; centreId: string | null } }): Promise<Actor> {
  return {
    userId: c.user.id,
    login: 'x',
    name: 'x',
    role: 'counsellor',
    centreId: c.user.centreId,
    employerId: null,
    seekerId: null,
    centreScope: c.user.centreId ? [c.user.centreId] : null,
    via: 'session',
    sessionId: null,
  };
}
