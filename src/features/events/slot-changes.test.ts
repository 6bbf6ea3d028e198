import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildSeeker } from '../../../test/support/factories.ts';
import { counsellorContext, raceRounds } from '../../../test/support/race.ts';
import { addDays, seoulToday } from '../../platform/domain/dates.ts';
import { DomainError } from '../../platform/errors.ts';
import { cancelEvent } from './event-changes.service.ts';
import { addEventEmployer } from './event-employers.service.ts';
import { createEvent } from './events.service.ts';
import { bookSlot, createSlots } from './interviews.service.ts';
import { deleteSlot } from './slot-changes.service.ts';

// Taking back slots and entries (DELETE /slots/{id}, POST /slots/{id}/cancel, POST
// /events/{id}/employers/{employerId}/withdraw): a booked slot is never removed silently — 409
// slot.booked, and the database refuses it too — while cancelling frees the seeker with a notice.

const t = await testApp();
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
let fairs = 0;
const centre = await t.centre('계양구일자리센터');
const staff = await t.user('counsellor', centre.id);
const companyA = await buildEmployer(t.db, centre.id, { name: '계양물류' });
const companyB = await buildEmployer(t.db, centre.id, { name: '작전식품' });
const seekers = await Promise.all([1, 2, 3].map(() => buildSeeker(t.db, centre.id)));

/** A fair on a day of its own (so the same seekers book in every test) with two companies' slots. */
async function fairWithSlots() {
  const DAY = addDays(seoulToday(), 30 + fairs++);
  const fair = expectStatus(
    await staff.post('/api/v1/events', {
      title: '계양 채용한마당',
      kind: 'job_fair',
      startsAt: at(DAY, '10:00'),
      endsAt: at(DAY, '16:00'),
      venue: '계양구청 대회의실',
      published: true,
    }),
    201,
  ) as { id: string };
  const slotsOf = async (employerId: string, from: string) => {
    expectStatus(await staff.post(`/api/v1/events/${fair.id}/employers`, { employerId }), 201);
    return expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId,
        from: at(DAY, from),
        to: at(DAY, `${Number(from.slice(0, 2)) + 1}:00`),
        minutes: 30,
      }),
      201,
    ).items as { id: string }[];
  };
  return { day: DAY, fair, a: await slotsOf(companyA.id, '10:00'), b: await slotsOf(companyB.id, '13:00') };
}
const book = async (slotId: string, seekerId: string) =>
  expectStatus(await staff.post(`/api/v1/slots/${slotId}/booking`, { seekerId }), 201) as { id: string };
const notices = (key: string, recipientId: string) =>
  t.db
    .selectFrom('notifications')
    .select(['variables', 'urgent'])
    .where('template_key', '=', key)
    .where('recipient_id', '=', recipientId)
    .execute();
const slotCount = async (eventId: string) =>
  (await t.db.selectFrom('event_slots').select('id').where('event_id', '=', eventId).execute()).length;

describe('removing and cancelling interview slots', () => {
  it('removes a free slot, and refuses a booked one with 409 slot.booked', async () => {
    const { fair, a } = await fairWithSlots();
    await book(a[1]!.id, seekers[0]!.id);
    expect((await staff.del(`/api/v1/slots/${a[0]!.id}`)).statusCode).toBe(204);
    expectStatus(await staff.del(`/api/v1/slots/${a[0]!.id}`), 404);
    const refused = expectStatus(await staff.del(`/api/v1/slots/${a[1]!.id}`), 409);
    expect(refused.code).toBe('slot.booked');
    expect(refused.detail).toContain('면접 시간 취소');
    expect(await slotCount(fair.id)).toBe(3);
    const seeker = await t.user('seeker', null, { seekerId: seekers[0]!.id });
    expectStatus(await seeker.del(`/api/v1/slots/${a[1]!.id}`), 403);
  });

  it('the database itself keeps a slot someone holds', async () => {
    const { a } = await fairWithSlots();
    await book(a[0]!.id, seekers[1]!.id);
    const err = await sql`DELETE FROM event_slots WHERE id = ${a[0]!.id}`.execute(t.db).catch((e) => e);
    expect(err).toMatchObject({ code: '23514', constraint: 'interview_bookings_slot_kept' });
  });

  it('cancels a booked slot: the booking ends, the seeker is told, the slot goes, the registration stays', async () => {
    const { day, fair, a } = await fairWithSlots();
    expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/registrations`, { seekerId: seekers[2]!.id }),
      201,
    );
    const booking = await book(a[0]!.id, seekers[2]!.id);
    const noReason = expectStatus(await staff.post(`/api/v1/slots/${a[0]!.id}/cancel`, { reason: '' }), 400);
    expect(noReason.errors[0].field).toBe('reason');
    const done = expectStatus(
      await staff.post(`/api/v1/slots/${a[0]!.id}/cancel`, { reason: '면접관 출장' }),
      200,
    );
    expect(done).toEqual({ slotId: a[0]!.id, bookingId: booking.id, seekerId: seekers[2]!.id, notified: 1 });
    const row = await t.db
      .selectFrom('interview_bookings')
      .select(['status', 'slot_id'])
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'cancelled', slot_id: null });
    const told = await notices('event_interview_cancelled', seekers[2]!.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.variables).toMatchObject({
      event: '계양 채용한마당',
      company: '계양물류',
      at: `${day} 10:00`,
      reason: '면접관 출장',
    });
    const regs = expectStatus(await staff.get(`/api/v1/events/${fair.id}/registrations`), 200);
    expect(regs.items.map((r: { status: string }) => r.status)).toEqual(['registered']);
    const slots = expectStatus(await staff.get(`/api/v1/events/${fair.id}/slots`), 200);
    expect(slots.items.map((s: { id: string }) => s.id)).not.toContain(a[0]!.id);
    // The seeker may book another time at once.
    await book(a[1]!.id, seekers[2]!.id);
  });

  it('keeps a slot whose interview has a result', async () => {
    const { a } = await fairWithSlots();
    const booking = await book(a[0]!.id, seekers[0]!.id);
    expectStatus(
      await staff.post(`/api/v1/bookings/interviews/${booking.id}/result`, { result: 'interviewed' }),
      200,
    );
    const res = expectStatus(await staff.post(`/api/v1/slots/${a[0]!.id}/cancel`, { reason: '취소' }), 409);
    expect(res.code).toBe('interview.resultBooked');
  });
});

describe('withdrawing an employer', () => {
  it('cancels its bookings with a notice each, removes its slots, and may enter it again', async () => {
    const { fair, a, b } = await fairWithSlots();
    await book(a[0]!.id, seekers[0]!.id);
    await book(a[1]!.id, seekers[1]!.id);
    const kept = await book(b[0]!.id, seekers[2]!.id);
    const done = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/employers/${companyA.id}/withdraw`, {
        reason: '기업 사정으로 참가 취소',
      }),
      200,
    );
    expect(done).toMatchObject({
      employerName: '계양물류',
      status: 'withdrawn',
      statusName: '참가 취소',
      cancelledInterviews: 2,
      removedSlots: 2,
      notified: 2,
    });
    for (const s of seekers.slice(0, 2)) {
      const told = await notices('event_interview_cancelled', s.id);
      expect(told.map((n) => n.variables.reason)).toContain('기업 사정으로 참가 취소');
    }
    // The other company's slots and booking are untouched.
    expect(await slotCount(fair.id)).toBe(2);
    const other = await t.db
      .selectFrom('interview_bookings')
      .select('status')
      .where('id', '=', kept.id)
      .executeTakeFirstOrThrow();
    expect(other.status).toBe('booked');
    const listed = expectStatus(
      await t.app.inject({ method: 'GET', url: `/api/v1/events/${fair.id}/employers` }),
      200,
    );
    expect(listed.items.map((x: { employerId: string }) => x.employerId)).toEqual([companyB.id]);
    const again = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/employers/${companyA.id}/withdraw`, { reason: '다시' }),
      404,
    );
    expect(again.code).toBe('event.employerNotFound');
    // Entered again later: approved, with no slots until new ones are opened.
    const back = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/employers`, { employerId: companyA.id }),
      201,
    );
    expect(back.status).toBe('approved');
  });

  it('refuses an employer whose interviews have results', async () => {
    const { fair, b } = await fairWithSlots();
    const booking = await book(b[0]!.id, seekers[0]!.id);
    expectStatus(
      await staff.post(`/api/v1/bookings/interviews/${booking.id}/result`, { result: 'rejected' }),
      200,
    );
    const res = expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/employers/${companyB.id}/withdraw`, { reason: '사정' }),
      409,
    );
    expect(res.code).toBe('event.employerHasResults');
    expect(await slotCount(fair.id)).toBe(4);
  });
});

describe('changes racing bookings', async () => {
  const { centre: raceCentre, ctx } = await counsellorContext(t, '경합변경센터');
  const company = await buildEmployer(t.db, raceCentre.id);
  const people = await Promise.all([1, 2, 3, 4].map(() => buildSeeker(t.db, raceCentre.id)));
  const ROUNDS = 15;
  async function roundEvent(round: number) {
    const start = new Date(Date.now() + (10 + round) * 86_400_000);
    const event = await createEvent(ctx, {
      title: `경합 행사 ${round}`,
      kind: 'job_fair',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      venue: '센터',
      published: true,
    });
    await addEventEmployer(ctx, { eventId: event.id, employerId: company.id });
    const slots = await createSlots(ctx, {
      eventId: event.id,
      employerId: company.id,
      from: event.startsAt,
      to: event.endsAt,
      minutes: 30,
    });
    return { event, slots };
  }

  it('a cancellation racing four bookings leaves no live booking at the cancelled event', {
    timeout: 120_000,
  }, async () => {
    let current = await roundEvent(0);
    await raceRounds<unknown>({
      url: t.url,
      rounds: ROUNDS,
      racers: 5,
      before: async (round) => {
        current = await roundEvent(round);
      },
      attempt: (db, _round, racer) =>
        racer === 0
          ? cancelEvent({ ...ctx, db }, { id: current.event.id, reason: '경합 취소' })
          : bookSlot(
              { ...ctx, db },
              { slotId: current.slots[racer - 1]!.id, seekerId: people[racer - 1]!.id },
            ),
      check: async (outcome) => {
        expect(outcome.won.length + (outcome.conflicts['event.cancelled'] ?? 0)).toBe(5);
        const live = await t.db
          .selectFrom('interview_bookings')
          .select('id')
          .where('event_id', '=', current.event.id)
          .where('status', '=', 'booked')
          .execute();
        expect(live).toEqual([]);
      },
    });
  });

  it('a removal racing a booking of the same slot: one of them, never a booking of a removed slot', {
    timeout: 120_000,
  }, async () => {
    let current = await roundEvent(100);
    await raceRounds({
      url: t.url,
      rounds: ROUNDS,
      racers: 2,
      before: async (round) => {
        current = await roundEvent(100 + round);
      },
      attempt: async (db, _round, racer) => {
        const slotId = current.slots[0]!.id;
        const run =
          racer === 0
            ? deleteSlot({ ...ctx, db }, { slotId }).then(() => 'removed')
            : bookSlot({ ...ctx, db }, { slotId, seekerId: people[0]!.id }).then(() => 'booked');
        // A booking that finds its slot gone is 404 slot.notFound: the removal won.
        return run.catch((e) => {
          if (e instanceof DomainError && e.key === 'slot.notFound') return 'gone';
          throw e;
        });
      },
      check: async (outcome) => {
        const result = [...outcome.won, ...Object.keys(outcome.conflicts)].sort().join(',');
        expect(['gone,removed', 'booked,slot.booked']).toContain(result);
        const slot = await t.db
          .selectFrom('event_slots')
          .select('id')
          .where('id', '=', current.slots[0]!.id)
          .execute();
        const live = await t.db
          .selectFrom('interview_bookings')
          .select('slot_id')
          .where('event_id', '=', current.event.id)
          .where('status', '=', 'booked')
          .execute();
        expect(live.length).toBe(slot.length === 0 ? 0 : 1);
        // Each round's booking is cancelled again so the seeker is free for the next round's slot.
        await t.db
          .updateTable('interview_bookings')
          .set({ status: 'cancelled', cancelled_at: new Date() })
          .where('event_id', '=', current.event.id)
          .where('status', '=', 'booked')
          .execute();
      },
    });
  });
});
