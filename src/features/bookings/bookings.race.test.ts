import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { counsellorContext, expectOneWinner, raceRounds } from '../../../test/support/race.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { createBooking } from './bookings.service.ts';
import { addDays, seoulInstant } from './bookings.slots.ts';
import { createResource } from './resources.service.ts';

// SECURITY.md 16 (last-slot race): 50 concurrent bookings of the one free place → exactly 1
// success, 49 conflicts (409 booking.full), 1 row; 100 times — at the service level over a real
// pool of 50 connections, so all 50 attempts are in the database at once. Even rounds book a
// single-seat resource's free slot, odd rounds the last of 3 places (2 already taken).
const t = await testApp();
const ROUNDS = 100;
const RACERS = 50;

describe('last-place race (SECURITY.md 16)', async () => {
  const { centre, ctx } = await counsellorContext(t, '경합센터');
  const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '24:00' }));
  const single = await createResource(ctx, {
    name: '화상면접실',
    kind: 'video_room',
    slotMinutes: 30,
    openingHours: allDay,
  });
  const triple = await createResource(ctx, {
    name: '정장 피팅',
    kind: 'suit_fitting',
    slotMinutes: 30,
    capacity: 3,
    openingHours: allDay,
  });
  const seekers = await Promise.all(Array.from({ length: RACERS + 2 }, () => buildSeeker(t.db, centre.id)));
  // Days without a holiday from the day after tomorrow, 48 half-hour slots each.
  const days: string[] = [];
  for (let d = addDays(seoulToday(), 2); days.length < Math.ceil(ROUNDS / 48) + 1; d = addDays(d, 1)) {
    if ((await closedDays({ db: t.db }, { centreId: centre.id, from: d, to: d })).length === 0) days.push(d);
  }
  const slot = (i: number) => seoulInstant(days[Math.floor(i / 48)] as string, (i % 48) * 30).toISOString();

  it(`gives the last place to exactly one of ${RACERS}, ${ROUNDS} times`, { timeout: 600_000 }, async () => {
    const resourceOf = (round: number) => (round % 2 === 0 ? single : triple);
    await raceRounds({
      url: t.url,
      rounds: ROUNDS,
      racers: RACERS,
      before: async (round) => {
        if (resourceOf(round) !== triple) return;
        for (const s of seekers.slice(RACERS)) {
          await createBooking(ctx, { resourceId: triple.id, startsAt: slot(round), seekerId: s.id });
        }
      },
      attempt: (db, round, racer) =>
        createBooking(
          { ...ctx, db },
          {
            resourceId: resourceOf(round).id,
            startsAt: slot(round),
            seekerId: (seekers[racer] as { id: string }).id,
          },
        ),
      check: async (outcome) => {
        expectOneWinner(outcome, RACERS, 'booking.full');
        const resource = resourceOf(outcome.round);
        const rows = await t.db
          .selectFrom('bookings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('resource_id', '=', resource.id)
          .where('starts_at', '=', new Date(slot(outcome.round)))
          .executeTakeFirstOrThrow();
        expect(Number(rows.n)).toBe(resource.capacity);
      },
    });
  });
});
