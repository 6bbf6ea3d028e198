import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting, buildSeeker } from '../../../test/support/factories.ts';
import { addDays, seoulToday } from '../../platform/domain/dates.ts';
import { eventKpis } from './events.service.ts';

// Changing a hiring event after it is set up (PATCH /events/{id}, POST /events/{id}/cancel):
// the capacity never below the places taken, times kept while interviews are booked, those
// signed up told of a new time or place, and a cancellation that ends every registration and
// booking in its transaction and tells each seeker and company once.

const t = await testApp({ ILTEO_WEBHOOK_ALLOW_PRIVATE: '1' });
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
const DAY = addDays(seoulToday(), 40);
const centre = await t.centre('부평구일자리센터');
const other = await t.centre('다른센터');
const staff = await t.user('counsellor', centre.id);
const outsider = await t.user('counsellor', other.id);
const admin = await t.user('admin', null);
const employer = await buildEmployer(t.db, centre.id, { name: '부평정밀' });
await buildPosting(t.db, centre.id, employer.id);
const seekers = await Promise.all([1, 2, 3, 4].map(() => buildSeeker(t.db, centre.id)));
const seekerUser = await t.user('seeker', null, { seekerId: seekers[0]!.id });

async function newFair(over: Record<string, unknown> = {}) {
  return expectStatus(
    await staff.post('/api/v1/events', {
      title: '부평 채용한마당',
      kind: 'job_fair',
      startsAt: at(DAY, '10:00'),
      endsAt: at(DAY, '16:00'),
      venue: '부평구청 대강당',
      capacity: 2,
      published: true,
      ...over,
    }),
    201,
  ) as { id: string };
}
const register = async (eventId: string, seekerId: string) =>
  expectStatus(await staff.post(`/api/v1/events/${eventId}/registrations`, { seekerId }), 201);
const notices = (key: string, source?: string) =>
  t.db
    .selectFrom('notifications')
    .select(['recipient_id', 'recipient_kind', 'variables'])
    .where('template_key', '=', key)
    .$if(source !== undefined, (q) => q.where('source', '=', source as string))
    .execute();
const events = (type: string, id: string) =>
  t.db
    .selectFrom('webhook_events')
    .select('id')
    .where('type', '=', type)
    .where('subject_id', '=', id)
    .execute();
expectStatus(
  await admin.post('/api/v1/webhooks', {
    url: 'http://127.0.0.1:9/hook',
    events: ['event.published', 'event.updated', 'event.cancelled'],
    centreId: centre.id,
  }),
  201,
);

describe('changing a hiring event', () => {
  it('changes the fields given, keeps the others, and says event.updated once per change', async () => {
    const fair = await newFair();
    const changed = expectStatus(
      await staff.patch(`/api/v1/events/${fair.id}`, { title: '부평 봄 채용한마당', capacity: 30 }),
      200,
    );
    expect(changed).toMatchObject({ title: '부평 봄 채용한마당', capacity: 30, venue: '부평구청 대강당' });
    expect(changed).toMatchObject({ published: true, cancelledAt: null, promoted: 0, notified: 0 });
    const read = expectStatus(await staff.get(`/api/v1/events/${fair.id}`), 200);
    expect(read.title).toBe('부평 봄 채용한마당');
    expect(await events('event.updated', fair.id)).toHaveLength(1);
    // The same values again change nothing and announce nothing.
    expectStatus(await staff.patch(`/api/v1/events/${fair.id}`, { capacity: 30 }), 200);
    expect(await events('event.updated', fair.id)).toHaveLength(1);
    // Staff of another centre and seekers cannot change it.
    expectStatus(await outsider.patch(`/api/v1/events/${fair.id}`, { capacity: 5 }), 404);
    expectStatus(await seekerUser.patch(`/api/v1/events/${fair.id}`, { capacity: 5 }), 403);
    const bad = expectStatus(await staff.patch(`/api/v1/events/${fair.id}`, { venue: null }), 400);
    expect(bad.errors[0]).toMatchObject({ field: 'venue' });
  });

  it('refuses a capacity below the registered seekers with 400 naming 정원, and a raise moves the waiting up', async () => {
    const fair = await newFair();
    for (const s of seekers.slice(0, 4)) await register(fair.id, s.id);
    const low = expectStatus(await staff.patch(`/api/v1/events/${fair.id}`, { capacity: 1 }), 400);
    expect(low.code).toBe('event.capacityBelowRegistered');
    expect(low.errors).toEqual([
      { field: 'capacity', message: '정원은 현재 참가 확정 인원 2명보다 적게 줄일 수 없습니다.' },
    ]);
    expect(expectStatus(await staff.get(`/api/v1/events/${fair.id}`), 200).capacity).toBe(2);
    const raised = expectStatus(await staff.patch(`/api/v1/events/${fair.id}`, { capacity: 3 }), 200);
    expect(raised.promoted).toBe(1);
    const regs = expectStatus(await staff.get(`/api/v1/events/${fair.id}/registrations`), 200).items as {
      seekerId: string;
      status: string;
    }[];
    // The third to come moves up; the fourth still waits.
    expect(regs.map((r) => [r.seekerId, r.status])).toEqual([
      [seekers[0]!.id, 'registered'],
      [seekers[1]!.id, 'registered'],
      [seekers[2]!.id, 'registered'],
      [seekers[3]!.id, 'waitlisted'],
    ]);
    const none = expectStatus(await staff.patch(`/api/v1/events/${fair.id}`, { capacity: null }), 200);
    expect(none).toMatchObject({ capacity: null, promoted: 1 });
  });

  it('keeps the times while interviews are booked; with registrations only, tells each the new time', async () => {
    const fair = await newFair({ capacity: null });
    await register(fair.id, seekers[0]!.id);
    await register(fair.id, seekers[1]!.id);
    expectStatus(await staff.post(`/api/v1/events/${fair.id}/employers`, { employerId: employer.id }), 201);
    const slots = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: employer.id,
        from: at(DAY, '13:00'),
        to: at(DAY, '14:00'),
        minutes: 30,
      }),
      201,
    ).items as { id: string }[];
    // A slot at 13:00 would fall outside 14:00–17:00.
    const outside = expectStatus(
      await staff.patch(`/api/v1/events/${fair.id}`, {
        startsAt: at(DAY, '14:00'),
        endsAt: at(DAY, '17:00'),
      }),
      400,
    );
    expect(outside.code).toBe('event.slotsOutside');
    expect(outside.errors[0]).toEqual({
      field: 'startsAt',
      message: '이미 연 면접 시간 2개가 새 행사 시간 밖에 있습니다. 그 면접 시간을 먼저 삭제하세요.',
    });
    expectStatus(
      await staff.post(`/api/v1/slots/${slots[0]!.id}/booking`, { seekerId: seekers[0]!.id }),
      201,
    );
    const booked = expectStatus(
      await staff.patch(`/api/v1/events/${fair.id}`, { startsAt: at(DAY, '09:00') }),
      409,
    );
    expect(booked.code).toBe('event.timesBooked');
    expect(booked.detail).toContain('면접 예약 1건');
    // The title alone may still change; the times stay.
    expectStatus(await staff.patch(`/api/v1/events/${fair.id}`, { title: '부평 채용한마당(오전)' }), 200);
    expectStatus(
      await staff.post(`/api/v1/slots/${slots[0]!.id}/cancel`, { reason: '면접관 일정 변경' }),
      200,
    );
    const moved = expectStatus(
      await staff.patch(`/api/v1/events/${fair.id}`, { startsAt: at(DAY, '09:00'), venue: '부평구청 별관' }),
      200,
    );
    expect(moved).toMatchObject({ startsAt: at(DAY, '09:00'), venue: '부평구청 별관', notified: 2 });
    const told = (await notices('event_changed')).filter((n) =>
      [seekers[0]!.id, seekers[1]!.id].includes(n.recipient_id),
    );
    expect(told.map((n) => n.recipient_id).sort()).toEqual([seekers[0]!.id, seekers[1]!.id].sort());
    expect(told[0]!.variables).toMatchObject({ event: '부평 채용한마당(오전)', place: '부평구청 별관' });
    expect(told[0]!.variables.at).toBe(`${DAY} 09:00~16:00`);
  });

  it('refuses to unpublish an event seekers signed up for, and publishes a draft with event.published', async () => {
    const fair = await newFair();
    await register(fair.id, seekers[2]!.id);
    const refused = expectStatus(await staff.patch(`/api/v1/events/${fair.id}`, { published: false }), 409);
    expect(refused.code).toBe('event.unpublishTaken');
    const draft = await newFair({ published: false });
    expectStatus(await staff.patch(`/api/v1/events/${draft.id}`, { published: true }), 200);
    expect(await events('event.published', draft.id)).toHaveLength(1);
    const back = expectStatus(await staff.patch(`/api/v1/events/${draft.id}`, { published: false }), 200);
    expect(back.published).toBe(false);
    expectStatus(await t.app.inject({ method: 'GET', url: `/api/v1/events/${draft.id}` }), 404);
  });
});

describe('cancelling a hiring event', () => {
  it('cancels registrations and bookings in one go and tells each seeker and company once', async () => {
    const fair = await newFair({ capacity: 1 });
    await register(fair.id, seekers[0]!.id);
    await register(fair.id, seekers[1]!.id); // waiting
    expectStatus(await staff.post(`/api/v1/events/${fair.id}/employers`, { employerId: employer.id }), 201);
    const slots = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: employer.id,
        from: at(DAY, '10:00'),
        to: at(DAY, '11:00'),
        minutes: 30,
      }),
      201,
    ).items as { id: string }[];
    expectStatus(
      await staff.post(`/api/v1/slots/${slots[0]!.id}/booking`, { seekerId: seekers[0]!.id }),
      201,
    );
    expectStatus(
      await staff.post(`/api/v1/slots/${slots[1]!.id}/booking`, { seekerId: seekers[2]!.id }),
      201,
    );
    const noReason = expectStatus(await staff.post(`/api/v1/events/${fair.id}/cancel`, { reason: ' ' }), 400);
    expect(noReason.errors[0].field).toBe('reason');
    expectStatus(await seekerUser.post(`/api/v1/events/${fair.id}/cancel`, { reason: '사정' }), 403);
    const done = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/cancel`, { reason: '강당 공사로 인한 일정 취소' }),
      200,
    );
    expect(done).toMatchObject({
      cancelReason: '강당 공사로 인한 일정 취소',
      cancelledRegistrations: 2,
      cancelledInterviews: 2,
      notified: 4,
    });
    expect(done.cancelledAt).toEqual(expect.any(String));
    const live = await t.db
      .selectFrom('event_registrations')
      .select('id')
      .where('event_id', '=', fair.id)
      .where('status', '<>', 'cancelled')
      .unionAll(
        t.db
          .selectFrom('interview_bookings')
          .select('id')
          .where('event_id', '=', fair.id)
          .where('status', '<>', 'cancelled'),
      )
      .execute();
    expect(live).toEqual([]);
    const toSeekers = await notices('event_cancelled');
    expect(toSeekers.map((n) => n.recipient_id).sort()).toEqual(
      [seekers[0]!.id, seekers[1]!.id, seekers[2]!.id].sort(),
    );
    expect(toSeekers[0]!.variables).toMatchObject({
      reason: '강당 공사로 인한 일정 취소',
      centre: '부평구일자리센터',
    });
    const toCompanies = await notices('event_cancelled_employer');
    expect(toCompanies.map((n) => [n.recipient_kind, n.recipient_id])).toEqual([['employer', employer.id]]);
    expect(await events('event.cancelled', fair.id)).toHaveLength(1);
    // The public still reads it, marked, with no free time to book; nothing more can be done to it.
    const read = expectStatus(await t.app.inject({ method: 'GET', url: `/api/v1/events/${fair.id}` }), 200);
    expect(read.cancelReason).toBe('강당 공사로 인한 일정 취소');
    const free = expectStatus(await seekerUser.get(`/api/v1/events/${fair.id}/slots?free=true`), 200);
    expect(free.items).toEqual([]);
    for (const res of [
      await seekerUser.post(`/api/v1/events/${fair.id}/registrations`, {}),
      await seekerUser.post(`/api/v1/slots/${slots[1]!.id}/booking`, {}),
      await staff.patch(`/api/v1/events/${fair.id}`, { capacity: 10 }),
      await staff.post(`/api/v1/events/${fair.id}/cancel`, { reason: '다시' }),
      await staff.del(`/api/v1/slots/${slots[1]!.id}`),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('event.cancelled');
    }
  });

  it('refuses an event that has begun, and leaves cancelled events out of the period figures', async () => {
    const today = seoulToday();
    const begun = await newFair({
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: at(addDays(today, 1), '18:00'),
    });
    const res = expectStatus(await staff.post(`/api/v1/events/${begun.id}/cancel`, { reason: '사정' }), 409);
    expect(res.code).toBe('event.started');
    const day = addDays(seoulToday(), 60);
    const kept = await newFair({ startsAt: at(day, '10:00'), endsAt: at(day, '12:00') });
    const gone = await newFair({ startsAt: at(day, '14:00'), endsAt: at(day, '16:00') });
    for (const e of [kept, gone]) {
      expectStatus(await staff.post(`/api/v1/events/${e.id}/employers`, { employerId: employer.id }), 201);
    }
    const figures = () => eventKpis(t.db, { from: day, to: day, centreIds: [centre.id] });
    expect((await figures()).eventEmployers).toBe(2);
    expectStatus(await staff.post(`/api/v1/events/${gone.id}/cancel`, { reason: '참가 기업 부족' }), 200);
    expect((await figures()).eventEmployers).toBe(1);
  });
});
