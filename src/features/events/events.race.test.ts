import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildSeeker } from '../../../test/support/factories.ts';
import { createDb } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { addEventEmployer } from './event-employers.service.ts';
import { createEvent } from './events.service.ts';
import { bookSlot, createSlots } from './interviews.service.ts';

// SECURITY.md 16 for interview slots: 50 concurrent bookings of the one free slot → exactly 1
// success, 49 conflicts (409 slot.taken), 1 row; 100 times — at the service level over a real
// pool of 50 connections, so all 50 attempts are in the database at once. Each round races for
// the next of 100 consecutive 10-minute slots, so the winners never overlap one another.
const t = await testApp();
const ROUNDS = 100;
const RACERS = 50;

describe('one free interview slot, fifty bookers (SECURITY.md 16)', async () => {
  const centre = await t.centre('경합행사센터');
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
    const { db: racing } = createDb(t.url, { max: RACERS });
    const raceCtx = { ...ctx, db: racing };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const slot = slots[round] as { id: string };
        const results = await Promise.allSettled(
          seekers.map((s) => bookSlot(raceCtx, { slotId: slot.id, seekerId: s.id })),
        );
        const ok = results.filter((r) => r.status === 'fulfilled').length;
        const conflicts = results.filter(
          (r) =>
            r.status === 'rejected' &&
            r.reason instanceof DomainError &&
            r.reason.code === 'conflict' &&
            r.reason.key === 'slot.taken',
        ).length;
        expect({ round, ok, conflicts }).toEqual({ round, ok: 1, conflicts: RACERS - 1 });
        const rows = await t.db
          .selectFrom('interview_bookings')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('slot_id', '=', slot.id)
          .executeTakeFirstOrThrow();
        expect(Number(rows.n)).toBe(1);
      }
    } finally {
      await racing.destroy();
    }
  });
});
