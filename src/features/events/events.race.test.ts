import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildSeeker } from '../../../test/support/factories.ts';
import { counsellorContext, expectOneWinner, raceRounds } from '../../../test/support/race.ts';
import { addEventEmployer } from './event-employers.service.ts';
import { createEvent } from './events.service.ts';
import { bookSlot, createSlots } from './interviews.service.ts';
import { register } from './registrations.service.ts';

// SECURITY.md 16 for interview slots: 50 concurrent bookings of the one free slot → exactly 1
// success, 49 conflicts (409 slot.taken), 1 row; 100 times — at the service level over a real
// pool of 50 connections, so all 50 attempts are in the database at once. Each round races for
// the next of 100 consecutive 10-minute slots, so the winners never overlap one another.
const t = await testApp();
const ROUNDS = 100;
const RACERS = 50;

describe('one free interview slot, fifty bookers (SECURITY.md 16)', async () => {
  const { centre, ctx } = await counsellorContext(t, '경합행사센터');
  const start = new Date(Date.now() + 7 * 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  const end = new Date(start.getTime() + ROUNDS * 10 * 60_000);
  const event = await createEvent(ctx, {
    title: '화상면접의 날',
    kind: 'video_interview_day',
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    onlineUrl: 'https://meet.example.test/day',
    published: true,
  });
  const employer = await buildEmployer(t.db, centre.id);
  await addEventEmployer(ctx, { eventId: event.id, employerId: employer.id });
  const slots = await createSlots(ctx, {
    eventId: event.id,
    employerId: employer.id,
    from: start.toISOString(),
    to: end.toISOString(),
    minutes: 10,
  });
  const seekers = await Promise.all(Array.from({ length: RACERS }, () => buildSeeker(t.db, centre.id)));

  it(`gives the slot to exactly one of ${RACERS}, ${ROUNDS} times`, { timeout: 600_000 }, async () => {
    expect(slots).toHaveLength(ROUNDS);
    const slotOf = (round: number) => (slots[round] as { id: string }).id;
    await raceRounds({
      url: t.url,
      rounds: ROUNDS,
      racers: RACERS,
      attempt: (db, round, racer) =>
        bookSlot({ ...ctx, db }, { slotId: slotOf(round), seekerId: (seekers[racer] as { id: string }).id }),
      check: async (outcome) => {
        expectOneWinner(outcome, RACERS, 'slot.taken');
        const rows = await t.db
          .selectFrom('interview_bookings')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('slot_id', '=', slotOf(outcome.round))
          .executeTakeFirstOrThrow();
        expect(Number(rows.n)).toBe(1);
      },
    });
  });
});

// Registration capacity: two seekers register at once for an event's last place → one is
// registered, the other waits; never two registered past the capacity. 100 events of capacity
// 1, one round each, both attempts in the database together.
describe('two registrations for the last place', async () => {
  const { centre, ctx } = await counsellorContext(t, '경합등록센터');
  const startsAt = new Date(Date.now() + 14 * 86_400_000);
  const events: { id: string }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    events.push(
      await createEvent(ctx, {
        title: `금요채용마당 ${i + 1}회`,
        kind: 'job_fair',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
        venue: '고용복지+센터 3층',
        capacity: 1,
        published: true,
      }),
    );
  }
  const pair = await Promise.all([buildSeeker(t.db, centre.id), buildSeeker(t.db, centre.id)]);

  it(`registers one and waitlists the other, ${ROUNDS} times`, { timeout: 600_000 }, async () => {
    await raceRounds({
      url: t.url,
      rounds: ROUNDS,
      racers: 2,
      attempt: (db, round, racer) =>
        register(
          { ...ctx, db },
          { eventId: (events[round] as { id: string }).id, seekerId: (pair[racer] as { id: string }).id },
        ),
      check: (outcome) => {
        expect(outcome.won.map((r) => r.status).sort()).toEqual(['registered', 'waitlisted']);
      },
    });
    const counts = await t.db
      .selectFrom('event_registrations')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .where(
        'event_id',
        'in',
        events.map((e) => e.id),
      )
      .groupBy('status')
      .orderBy('status')
      .execute();
    expect(counts.map((c) => [c.status, Number(c.n)])).toEqual([
      ['registered', ROUNDS],
      ['waitlisted', ROUNDS],
    ]);
  });
});
