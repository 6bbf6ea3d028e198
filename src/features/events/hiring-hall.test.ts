import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting, buildSeeker } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { addDays, seoulInstant, weekday } from '../bookings/bookings.slots.ts';
import { closedDays } from '../calendar/calendar.service.ts';

// The permanent hiring hall (상설채용관): a company requests a recruitment for a posting with
// preferred days; staff schedule it — the room booked through bookings, a hiring_hall event with
// the company approved and its slots, a shortlist from the matching engine — all or nothing.
const t = await testApp();
const at = (date: string, hhmm: string) =>
  seoulInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))).toISOString();

/** The first weekday (Mon–Fri) on or after `from` that is no holiday. */
async function nextOpen(from = addDays(seoulToday(), 3)) {
  let d = from;
  for (;;) {
    if (weekday(d) <= 5 && (await closedDays({ db: t.db }, { from: d, to: d })).length === 0) return d;
    d = addDays(d, 1);
  }
}

describe('permanent hiring hall', async () => {
  const centre = await t.centre('인천서구일자리센터');
  const other = await t.centre('다른센터');
  const staff = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const employer = await buildEmployer(t.db, centre.id, { name: '서구물류' });
  const company = await t.user('employer', null, { employerId: employer.id });
  const posting = await buildPosting(t.db, centre.id, employer.id, {
    title: '물류 관리원',
    occupation_code: '9221',
    keywords: ['물류'],
  });
  const strangerEmployer = await buildEmployer(t.db, centre.id, { name: '남의회사' });
  const strangerPosting = await buildPosting(t.db, centre.id, strangerEmployer.id, { title: '남의 공고' });
  await Promise.all(
    ['최물류', '한물류'].map((name) =>
      buildSeeker(t.db, centre.id, { name, desired_occupations: ['9221'], keywords: ['물류'] }),
    ),
  );
  const weekdays = [1, 2, 3, 4, 5].map((wd) => ({ weekday: wd, from: '09:00', to: '18:00' }));
  const room = expectStatus(
    await staff.post('/api/v1/resources', {
      name: '상설채용관 면접실 1',
      kind: 'meeting_room',
      slotMinutes: 60,
      openingHours: weekdays,
      bookableBy: ['staff', 'employer'],
    }),
    201,
  );
  const booth = expectStatus(
    await staff.post('/api/v1/resources', {
      name: 'AI면접 체험관',
      kind: 'ai_interview',
      slotMinutes: 60,
      openingHours: weekdays,
    }),
    201,
  );
  const day = await nextOpen();

  it('a company requests for its own open posting; bad input names the field', async () => {
    const req = expectStatus(
      await company.post('/api/v1/hiring-hall/requests', {
        employerId: employer.id,
        postingId: posting.id,
        preferredDates: [addDays(day, 1), day],
        headcount: 3,
      }),
      201,
    );
    expect(req).toMatchObject({
      status: 'requested',
      statusName: '일정 요청',
      employerName: '서구물류',
      postingTitle: '물류 관리원',
      preferredDates: [day, addDays(day, 1)],
      centreId: centre.id,
    });
    const wrong = expectStatus(
      await company.post('/api/v1/hiring-hall/requests', {
        employerId: employer.id,
        postingId: strangerPosting.id,
        preferredDates: ['2020-01-01'],
      }),
      400,
    );
    expect(wrong.errors.map((e: { field: string }) => e.field)).toEqual(['postingId', 'preferredDates[0]']);
    expect(wrong.errors[0].message).toContain('구인공고');
    // Another company's request is refused as not found; staff see the centre's list, the company its own.
    expectStatus(
      await company.post('/api/v1/hiring-hall/requests', {
        employerId: strangerEmployer.id,
        postingId: strangerPosting.id,
        preferredDates: [day],
      }),
      404,
    );
    const mine = expectStatus(await company.get('/api/v1/hiring-hall/requests'), 200);
    expect(mine.items.map((r: { id: string }) => r.id)).toEqual([req.id]);
    const theirs = expectStatus(await outsider.get('/api/v1/hiring-hall/requests'), 200);
    expect(theirs.items).toEqual([]);
  });

  it('schedules: books the room, creates the hall event with slots, returns a shortlist', async () => {
    const req = expectStatus(
      await staff.post('/api/v1/hiring-hall/requests', {
        employerId: employer.id,
        postingId: posting.id,
        preferredDates: [day],
      }),
      201,
    );
    expectStatus(
      await outsider.post(`/api/v1/hiring-hall/requests/${req.id}/schedule`, {
        startsAt: at(day, '14:00'),
        endsAt: at(day, '16:00'),
        resourceId: room.id,
      }),
      404,
    );
    const wrongRoom = expectStatus(
      await staff.post(`/api/v1/hiring-hall/requests/${req.id}/schedule`, {
        startsAt: at(day, '14:00'),
        endsAt: at(day, '16:00'),
        resourceId: booth.id,
      }),
      400,
    );
    expect(wrongRoom).toMatchObject({ code: 'hall.roomKind', errors: [{ field: 'resourceId' }] });
    const done = expectStatus(
      await staff.post(`/api/v1/hiring-hall/requests/${req.id}/schedule`, {
        startsAt: at(day, '14:00'),
        endsAt: at(day, '16:00'),
        resourceId: room.id,
        slotMinutes: 20,
      }),
      200,
    );
    expect(done.request).toMatchObject({ status: 'scheduled', eventId: done.eventId });
    expect(done.request.roomBookingIds).toHaveLength(2);
    expect(done.slots).toBe(6);
    expect(done.shortlist.length).toBeGreaterThan(0);
    const event = expectStatus(await staff.get(`/api/v1/events/${done.eventId}`), 200);
    expect(event).toMatchObject({
      kind: 'hiring_hall',
      kindName: '상설채용관',
      venue: '상설채용관 면접실 1',
    });
    const employers = expectStatus(await staff.get(`/api/v1/events/${done.eventId}/employers`), 200);
    expect(employers.items).toMatchObject([
      { employerId: employer.id, status: 'approved', postingIds: [posting.id] },
    ]);
    const bookings = await t.db
      .selectFrom('bookings')
      .select(['employer_id', 'status'])
      .where('id', 'in', done.request.roomBookingIds)
      .execute();
    expect(bookings).toEqual([
      { employer_id: employer.id, status: 'confirmed' },
      { employer_id: employer.id, status: 'confirmed' },
    ]);
    const again = expectStatus(
      await staff.post(`/api/v1/hiring-hall/requests/${req.id}/schedule`, {
        startsAt: at(day, '10:00'),
        endsAt: at(day, '11:00'),
        resourceId: room.id,
      }),
      409,
    );
    expect(again.code).toBe('hall.scheduled');
  });

  it('a room already taken leaves nothing half-saved: no event, no booking, still requested', async () => {
    const req = expectStatus(
      await staff.post('/api/v1/hiring-hall/requests', {
        employerId: employer.id,
        postingId: posting.id,
        preferredDates: [day],
      }),
      201,
    );
    const events = async () =>
      Number(
        (
          await t.db
            .selectFrom('hiring_events')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('kind', '=', 'hiring_hall')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await events();
    // 13:00–15:00 overlaps the 14:00 booking of the test before: the second hour is full.
    const full = expectStatus(
      await staff.post(`/api/v1/hiring-hall/requests/${req.id}/schedule`, {
        startsAt: at(day, '13:00'),
        endsAt: at(day, '15:00'),
        resourceId: room.id,
      }),
      409,
    );
    expect(full.code).toBe('booking.full');
    expect(await events()).toBe(before);
    const list = expectStatus(await staff.get('/api/v1/hiring-hall/requests?status=requested'), 200);
    expect(list.items.map((r: { id: string }) => r.id)).toContain(req.id);
    const held = await t.db
      .selectFrom('bookings')
      .select('id')
      .where('resource_id', '=', room.id)
      .where('starts_at', '=', new Date(at(day, '13:00')))
      .execute();
    expect(held).toEqual([]);
    const unaligned = expectStatus(
      await staff.post(`/api/v1/hiring-hall/requests/${req.id}/schedule`, {
        startsAt: at(day, '09:00'),
        endsAt: at(day, '10:30'),
        resourceId: room.id,
      }),
      400,
    );
    expect(unaligned.errors[0]).toMatchObject({ field: 'endsAt' });
    expect(unaligned.errors[0].message).toContain('60분');
    const cancelled = expectStatus(
      await staff.post(`/api/v1/hiring-hall/requests/${req.id}/cancel`, {}),
      200,
    );
    expect(cancelled.status).toBe('cancelled');
  });
});
