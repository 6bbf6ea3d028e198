import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { createDb } from '../../platform/db/pool.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { createBooking, createResource } from './bookings.service.ts';
import { addDays, seoulInstant } from './bookings.slots.ts';

// SECURITY.md 16 (last-slot race): 50 concurrent bookings of the one free place → exactly 1
// success, 49 conflicts (409 booking.full), 1 row; 100 times — at the service level over a real
// pool of 50 connections, so all 50 attempts are in the database at once. Even rounds book a
// single-seat resource's free slot, odd rounds the last of 3 places (2 already taken).
const t = await testApp();
const ROUNDS = 100;
const RACERS = 50;

describe('last-place race (SECURITY.md 16)', async () => {
  const centre = await t.centre('경합센터');
  const staff = await t.user('counsellor', centre.id);
  const actor: Actor = {
    userId: staff.user.id,
    login: staff.login,
    name: '상담사',
    role: 'counsellor',
    centreId: centre.id,
    employerId: null,
    seekerId: null,
    centreScope: [centre.id],
    via: 'session',
    sessionId: null,
  };
  const ctx = { db: t.db, actor, ip: null, lang: 'ko' as const };
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
    const { db: racing } = createDb(t.url, { max: RACERS });
    const raceCtx = { ...ctx, db: racing };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const resource = round % 2 === 0 ? single : triple;
        const startsAt = slot(round);
        if (resource === triple) {
          for (const s of seekers.slice(RACERS)) {
            await createBooking(ctx, { resourceId: resource.id, startsAt, seekerId: s.id });
          }
        }
        const results = await Promise.allSettled(
          seekers
            .slice(0, RACERS)
            .map((s) => createBooking(raceCtx, { resourceId: resource.id, startsAt, seekerId: s.id })),
        );
        const ok = results.filter((r) => r.status === 'fulfilled');
        const conflicts = results.filter(
          (r) =>
            r.status === 'rejected' &&
            r.reason instanceof DomainError &&
            r.reason.code === 'conflict' &&
            r.reason.key === 'booking.full',
        );
        expect({ round, ok: ok.length, conflicts: conflicts.length }).toEqual({
          round,
          ok: 1,
          conflicts: RACERS - 1,
        });
        const rows = await t.db
          .selectFrom('bookings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('resource_id', '=', resource.id)
          .where('starts_at', '=', new Date(startsAt))
          .executeTakeFirstOrThrow();
        expect(Number(rows.n)).toBe(resource.capacity);
      }
    } finally {
      await racing.destroy();
    }
  });
});
