import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { counsellorContext, raceRounds } from '../../../test/support/race.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { DomainError } from '../../platform/errors.ts';
import { closeCentre, closedDays } from '../calendar/calendar.service.ts';
import { createBooking } from './bookings.service.ts';
import { addDays, seoulInstant } from './bookings.slots.ts';
import { cancelBookingsOnClosedDays } from './closed-days.service.ts';
import { createResource } from './resources.service.ts';

// The rule-check race: a centre closure declared while bookings of that day are in flight. The
// booking checks the calendar and takes its place in one transaction under the calendar lock,
// and the declaration cancels the day's bookings under the same lock, so after every round no
// booking of the closed day is left open — whichever committed first. Without the lock, a booking
// that read the calendar before the closure committed and inserted after the closure's
// cancellation ran stays confirmed on a closed day.
const t = await testApp();
const ROUNDS = 40;
const RACERS = 16;

describe('closure declared while bookings are made (rule-check race)', async () => {
  const { centre, ctx } = await counsellorContext(t, '휴무경합센터');
  const manager = await t.user('manager', centre.id);
  const managerCtx = {
    db: t.db,
    actor: { ...ctx.actor, userId: manager.user.id, login: manager.login, role: 'manager' as const },
  };
  const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '00:00', to: '24:00' }));
  const resource = await createResource(ctx, {
    name: 'AI 면접 체험관',
    kind: 'ai_interview',
    slotMinutes: 30,
    capacity: RACERS,
    openingHours: allDay,
  });
  const seekers = await Promise.all(Array.from({ length: RACERS }, () => buildSeeker(t.db, centre.id)));
  const days: string[] = [];
  for (let d = addDays(seoulToday(), 2); days.length < ROUNDS; d = addDays(d, 1)) {
    if ((await closedDays({ db: t.db }, { centreId: centre.id, from: d, to: d })).length === 0) days.push(d);
  }

  it(`leaves no open booking on a day closed mid-booking, ${ROUNDS} times`, {
    timeout: 600_000,
  }, async () => {
    await raceRounds({
      url: t.url,
      rounds: ROUNDS,
      racers: RACERS,
      attempt: async (db, round, racer) => {
        const day = days[round] as string;
        if (racer === RACERS / 2) {
          // The manager closes the centre for the day, as POST /centres/{id}/closures does.
          return db.transaction().execute(async (trx) => {
            const c = await closeCentre(
              { ...managerCtx, db: trx },
              { centreId: centre.id, from: day, to: day, reason: '소방 점검' },
            );
            await cancelBookingsOnClosedDays(
              { db: trx },
              { centreId: c.centreId, from: day, to: day, reason: 'closure', note: c.reason },
            );
            return 'closed';
          });
        }
        try {
          await createBooking(
            { ...ctx, db },
            {
              resourceId: resource.id,
              startsAt: seoulInstant(day, 9 * 60 + racer * 30).toISOString(),
              seekerId: (seekers[racer] as { id: string }).id,
            },
          );
          return 'booked';
        } catch (e) {
          if (e instanceof DomainError && e.key === 'booking.closure') return 'refused';
          throw e;
        }
      },
      check: async (outcome) => {
        const day = days[outcome.round] as string;
        expect(outcome.won).toContain('closed');
        const open = await t.db
          .selectFrom('bookings')
          .select(['id', 'status'])
          .where('resource_id', '=', resource.id)
          .where('starts_at', '>=', seoulInstant(day, 0))
          .where('starts_at', '<', seoulInstant(addDays(day, 1), 0))
          .where('status', '<>', 'cancelled')
          .execute();
        expect({ round: outcome.round, open }).toEqual({ round: outcome.round, open: [] });
        const slots = await t.db
          .selectFrom('booking_slots')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('taken'), eb.lit(0)).as('taken'))
          .where('resource_id', '=', resource.id)
          .where('starts_at', '>=', seoulInstant(day, 0))
          .where('starts_at', '<', seoulInstant(addDays(day, 1), 0))
          .executeTakeFirstOrThrow();
        expect(Number(slots.taken)).toBe(0);
      },
    });
  });
});
