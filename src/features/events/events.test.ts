import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting, buildSeeker } from '../../../test/support/factories.ts';
import { eventKpis } from './events.service.ts';

const t = await testApp();

/** An instant of a Seoul date and time "HH:MM". */
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
// A Tuesday far enough ahead to be bookable, with no holiday.
const DAY = '2027-03-16';

describe('hiring events: events, employers, slots, interviews, registrations', async () => {
  const centre = await t.centre('인천서구일자리센터');
  const other = await t.centre('다른센터');
  const staff = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const seekerId = (await buildSeeker(t.db, centre.id)).id;
  const seeker = await t.user('seeker', null, { seekerId });
  const employerA = await buildEmployer(t.db, centre.id, { name: '서구물산' });
  const employerB = await buildEmployer(t.db, centre.id, { name: '청라기계' });
  const postingA = await buildPosting(t.db, centre.id, employerA.id);
  const postingB = await buildPosting(t.db, centre.id, employerB.id);
  const fair = expectStatus(
    await staff.post('/api/v1/events', {
      title: '2027 서구 채용한마당',
      kind: 'job_fair',
      startsAt: at(DAY, '10:00'),
      endsAt: at(DAY, '17:00'),
      venue: '서구문화회관',
      capacity: 2,
      published: true,
    }),
    201,
  );

  it('creates a weekly series on its weekdays and skips the holidays, naming them', async () => {
    const weekly = expectStatus(
      await staff.post('/api/v1/events', {
        title: '금요채용마당',
        kind: 'weekly_fair',
        startsAt: at('2026-12-18', '14:00'),
        endsAt: at('2026-12-18', '16:00'),
        venue: '고용복지+센터 3층',
        recurrence: { byWeekday: [5], until: '2027-01-15' },
      }),
      201,
    );
    expect(weekly.kindName).toBe('금요채용마당(정기 채용행사)');
    expect(weekly.occurrences.map((o: { startsAt: string }) => o.startsAt)).toEqual([
      at('2026-12-18', '14:00'),
      at('2027-01-08', '14:00'),
      at('2027-01-15', '14:00'),
    ]);
    expect(weekly.skipped.map((s: { date: string }) => s.date)).toEqual(['2026-12-25', '2027-01-01']);
    expect(weekly.skipped[0].name).toMatch(/성탄절|기독탄신일/);
    // Unpublished: staff see it, the public does not.
    const mine = expectStatus(await staff.get('/api/v1/events?from=2026-12-01&to=2027-01-31'), 200);
    expect(mine.items.map((e: { id: string }) => e.id)).toContain(weekly.id);
    const pub = expectStatus(
      await t.app.inject({ method: 'GET', url: '/api/v1/events?from=2026-12-01&to=2027-03-31' }),
      200,
    );
    expect(pub.items.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([fair.id]));
    expect(pub.items.map((e: { id: string }) => e.id)).not.toContain(weekly.id);
    expectStatus(await t.app.inject({ method: 'GET', url: `/api/v1/events/${weekly.id}` }), 404);
    expectStatus(await outsider.get(`/api/v1/events/${weekly.id}`), 404);
    const published = expectStatus(await staff.post(`/api/v1/events/${weekly.id}/publish`), 200);
    expect(published.published).toBe(true);
  });

  it('refuses bad input with 400 naming the field, nothing saved', async () => {
    const bad = expectStatus(
      await staff.post('/api/v1/events', {
        title: '잘못된 행사',
        kind: 'online_fair',
        startsAt: at(DAY, '10:00'),
        endsAt: at(DAY, '09:00'),
        onlineUrl: 'http://example.test',
      }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['endsAt', 'onlineUrl']);
    const none = await t.db
      .selectFrom('hiring_events')
      .select('id')
      .where('title', '=', '잘못된 행사')
      .execute();
    expect(none).toHaveLength(0);
    const valid = {
      title: 'x',
      kind: 'job_fair',
      startsAt: at(DAY, '10:00'),
      endsAt: at(DAY, '11:00'),
      venue: 'x',
    };
    expectStatus(await seeker.post('/api/v1/events', valid), 403);
  });

  it('takes employers with their own postings, opens slots in runs and refuses overlaps', async () => {
    const wrong = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/employers`, {
        employerId: employerA.id,
        postingIds: [postingB.id],
      }),
      400,
    );
    expect(wrong.errors[0].field).toBe('postingIds[0]');
    const a = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/employers`, {
        employerId: employerA.id,
        postingIds: [postingA.id],
        booth: 'A-1',
      }),
      201,
    );
    expect(a).toMatchObject({ status: 'approved', statusName: '참가 승인', employerName: '서구물산' });
    expectStatus(await staff.post(`/api/v1/events/${fair.id}/employers`, { employerId: employerA.id }), 409);
    expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/employers`, {
        employerId: employerB.id,
        postingIds: [postingB.id],
      }),
      201,
    );
    const run = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: employerA.id,
        from: at(DAY, '10:00'),
        to: at(DAY, '11:00'),
        minutes: 20,
      }),
      201,
    );
    expect(run.items.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      at(DAY, '10:00'),
      at(DAY, '10:20'),
      at(DAY, '10:40'),
    ]);
    const clash = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: employerA.id,
        startsAt: at(DAY, '10:30'),
        endsAt: at(DAY, '10:50'),
      }),
      409,
    );
    expect(clash.code).toBe('slot.clash');
    const outside = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: employerB.id,
        startsAt: at(DAY, '09:00'),
        endsAt: at(DAY, '09:30'),
      }),
      400,
    );
    expect(outside.errors[0].field).toBe('startsAt');
    expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: employerB.id,
        startsAt: at(DAY, '10:10'),
        endsAt: at(DAY, '10:40'),
        meetingUrl: 'https://meet.example.test/b',
      }),
      201,
    );
  });

  it('books a slot once, never two overlapping for one seeker (409 slot.taken / slot.overlap), and frees it', async () => {
    const slots = expectStatus(
      await t.app.inject({ method: 'GET', url: `/api/v1/events/${fair.id}/slots` }),
      200,
    );
    const [a1, b1, a2] = slots.items as { id: string; employerId: string; bookingId?: string }[];
    expect(a1?.employerId).toBe(employerA.id);
    expect(b1?.employerId).toBe(employerB.id);
    expect(a1).not.toHaveProperty('seekerId');
    const other1 = expectStatus(await outsider.get(`/api/v1/events/${fair.id}/slots`), 200);
    expect(other1.items[1]).not.toHaveProperty('seekerId');
    expect(other1.items[1].meetingUrl).toBeNull();
    const own = expectStatus(await staff.get(`/api/v1/events/${fair.id}/slots`), 200);
    expect(own.items[1].meetingUrl).toBe('https://meet.example.test/b');
    const mine = expectStatus(await seeker.post(`/api/v1/slots/${a1?.id}/booking`, {}), 201);
    expect(mine).toMatchObject({ seekerId, status: 'booked', statusName: '예약' });
    const other = (await buildSeeker(t.db, centre.id)).id;
    const taken = expectStatus(await staff.post(`/api/v1/slots/${a1?.id}/booking`, { seekerId: other }), 409);
    expect(taken.code).toBe('slot.taken');
    const overlap = expectStatus(await seeker.post(`/api/v1/slots/${b1?.id}/booking`, {}), 409);
    expect(overlap.code).toBe('slot.overlap');
    // A seeker books only for themself.
    expectStatus(await seeker.post(`/api/v1/slots/${a2?.id}/booking`, { seekerId: other }), 404);
    const free = expectStatus(await staff.get(`/api/v1/events/${fair.id}/slots?free=true`), 200);
    expect(free.items.map((s: { id: string }) => s.id)).not.toContain(a1?.id);
    expect(free.items).toHaveLength(3);
    const freed = expectStatus(await seeker.del(`/api/v1/slots/${a1?.id}/booking`), 200);
    expect(freed.status).toBe('cancelled');
    expectStatus(await seeker.post(`/api/v1/slots/${b1?.id}/booking`, {}), 201);
    expectStatus(await staff.post(`/api/v1/slots/${a1?.id}/booking`, { seekerId: other }), 201);
    expectStatus(await outsider.post(`/api/v1/slots/${a2?.id}/booking`, { seekerId: other }), 404);
  });

  it('records results; hired creates an employment with route event; the summary and KPIs count them', async () => {
    const slots = expectStatus(await staff.get(`/api/v1/events/${fair.id}/slots`), 200);
    const booked = slots.items.filter((s: { bookingId: string | null }) => s.bookingId);
    expect(booked).toHaveLength(2);
    const [first, second] = booked as { bookingId: string; seekerId: string }[];
    const passed = expectStatus(
      await staff.post(`/api/v1/bookings/interviews/${first?.bookingId}/result`, { result: 'passed_first' }),
      200,
    );
    expect(passed.resultName).toBe('1차 합격');
    const hired = expectStatus(
      await staff.post(`/api/v1/bookings/interviews/${second?.bookingId}/result`, {
        result: 'hired',
        startDate: '2027-04-01',
      }),
      200,
    );
    expect(hired.employmentId).toBeTruthy();
    const emp = await t.db
      .selectFrom('employments')
      .select(['route', 'seeker_id', 'employer_id'])
      .where('id', '=', hired.employmentId)
      .executeTakeFirstOrThrow();
    expect(emp).toMatchObject({ route: 'event', seeker_id: second?.seekerId });
    const again = expectStatus(
      await staff.post(`/api/v1/bookings/interviews/${second?.bookingId}/result`, { result: 'rejected' }),
      409,
    );
    expect(again.code).toBe('interview.hiredFinal');
    expectStatus(
      await seeker.post(`/api/v1/bookings/interviews/${first?.bookingId}/result`, { result: 'hired' }),
      403,
    );
    const sum = expectStatus(await staff.get(`/api/v1/events/${fair.id}/summary`), 200);
    expect(sum).toMatchObject({ employers: 2, seekers: 2, interviews: 2, passedFirst: 2, hired: 1 });
    const kpis = await eventKpis(t.db, { from: DAY, to: DAY, centreIds: [centre.id] });
    expect(kpis).toEqual({
      eventEmployers: 2,
      eventSeekers: 2,
      eventInterviews: 2,
      eventPassedFirst: 2,
      eventHires: 1,
    });
    const page = await staff.get(`/staff/reports?from=${DAY}&to=${DAY}`);
    expect(page.statusCode).toBe(200);
    const section = page.body.slice(page.body.indexOf('id="events-h"'));
    expect(section).toContain('채용행사 실적');
    expect(section.replace(/\s+/g, ' ')).toMatch(/data-label="참가 기업">2<.*data-label="채용">1</);
    expect(await eventKpis(t.db, { from: DAY, to: DAY, centreIds: [other.id] })).toMatchObject({
      eventEmployers: 0,
      eventHires: 0,
    });
  });

  it('registers up to the capacity, waitlists past it, promotes on cancellation and checks in', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await buildSeeker(t.db, centre.id)).id));
    const regs = [];
    for (const id of ids) {
      regs.push(
        expectStatus(await staff.post(`/api/v1/events/${fair.id}/registrations`, { seekerId: id }), 201),
      );
    }
    expect(regs.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted']);
    const dup = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/registrations`, { seekerId: ids[0] }),
      409,
    );
    expect(dup.code).toBe('registration.duplicate');
    const early = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/registrations/${regs[2].id}/check-in`),
      409,
    );
    expect(early.code).toBe('registration.waitlisted');
    const cancelled = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/registrations/${regs[0].id}/cancel`),
      200,
    );
    expect(cancelled.promoted).toMatchObject({ id: regs[2].id, status: 'registered' });
    const checked = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/registrations/${regs[2].id}/check-in`),
      200,
    );
    expect(checked.checkedInAt).toBeTruthy();
    const self = expectStatus(await seeker.post(`/api/v1/events/${fair.id}/registrations`, {}), 201);
    expect(self).toMatchObject({ seekerId, status: 'waitlisted', statusName: '대기' });
  });

  it('shows the event on a public page; a seeker books a free time there (409 page on an overlap)', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/events' });
    expect(list.statusCode).toBe(200);
    const page = await t.app.inject({ method: 'GET', url: `/events/${fair.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2027 서구 채용한마당');
    expect(page.body).toContain('청라기계');
    expect(page.body).toContain('로그인');
    const mine = await seeker.get(`/events/${fair.id}`);
    const ids = [...mine.body.matchAll(/name="slotId" value="([^"]+)"/g)].map((m) => m[1] as string);
    const free = expectStatus(await staff.get(`/api/v1/events/${fair.id}/slots?free=true`), 200);
    const at1040 = free.items.find((s: { startsAt: string }) => s.startsAt === at(DAY, '10:40'));
    const at1020 = free.items.find((s: { startsAt: string }) => s.startsAt === at(DAY, '10:20'));
    expect(ids).toEqual(expect.arrayContaining([at1040.id, at1020.id]));
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const ok = await seeker.post(`/events/${fair.id}/book`, `slotId=${at1040.id}`, form);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('면접이 예약되었습니다');
    const clash = await seeker.post(`/events/${fair.id}/book`, `slotId=${at1020.id}`, form);
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('같은 시간에 이미 다른 면접을 예약했습니다');
  });

  it('gives staff a desk: slot grid with names and results, registrations with check-in', async () => {
    const named = (await buildSeeker(t.db, centre.id, { name: '박면접' })).id;
    const waiting = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/registrations`, { seekerId: named }),
      201,
    );
    expect(waiting.status).toBe('waitlisted');
    const reg = await t.db
      .selectFrom('event_registrations')
      .select('id')
      .where('event_id', '=', fair.id)
      .where('status', '=', 'registered')
      .where('checked_in_at', 'is', null)
      .executeTakeFirstOrThrow();
    const list = await staff.get('/staff/events');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/staff/events/${fair.id}`);
    const desk = await staff.get(`/staff/events/${fair.id}`);
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('1차 합격');
    expect(desk.body).toContain('박면접');
    expect(desk.body).toContain('대기');
    const refused = await staff.post(`/staff/events/${fair.id}/check-in`, `rid=${waiting.id}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(decodeURIComponent(refused.headers.location as string)).toContain(
      '대기자는 입장 확인을 할 수 없습니다',
    );
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const res = await staff.post(`/staff/events/${fair.id}/check-in`, `rid=${reg.id}`, form);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('done=1');
    const after = await staff.get(`/staff/events/${fair.id}`);
    expect(after.body).toMatch(/입장 \d{2}:\d{2}/);
    expect((await seeker.get(`/staff/events/${fair.id}`)).statusCode).toBe(403);
  });

  it('lets an employer apply for itself; its slots wait for the approval', async () => {
    const own = await buildEmployer(t.db, centre.id, { name: '가정동식품' });
    const posting = await buildPosting(t.db, centre.id, own.id);
    const boss = await t.user('employer', centre.id, { employerId: own.id });
    expectStatus(await boss.post(`/api/v1/events/${fair.id}/employers`, { employerId: employerA.id }), 404);
    const applied = expectStatus(
      await boss.post(`/api/v1/events/${fair.id}/employers`, {
        employerId: own.id,
        postingIds: [posting.id],
      }),
      201,
    );
    expect(applied).toMatchObject({ status: 'applied', statusName: '참가 신청' });
    const early = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: own.id,
        startsAt: at(DAY, '13:00'),
        endsAt: at(DAY, '13:30'),
      }),
      400,
    );
    expect(early.errors[0].field).toBe('employerId');
    const pub = expectStatus(
      await t.app.inject({ method: 'GET', url: `/api/v1/events/${fair.id}/employers` }),
      200,
    );
    expect(pub.items.map((x: { employerId: string }) => x.employerId)).not.toContain(own.id);
    expectStatus(await boss.post(`/api/v1/events/${fair.id}/employers/${own.id}/approve`), 403);
    const ok = expectStatus(await staff.post(`/api/v1/events/${fair.id}/employers/${own.id}/approve`), 200);
    expect(ok.status).toBe('approved');
    expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: own.id,
        startsAt: at(DAY, '13:00'),
        endsAt: at(DAY, '13:30'),
      }),
      201,
    );
  });
});
