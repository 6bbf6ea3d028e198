import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { remindTomorrowsBookings } from './bookings.reminders.ts';
import { addDays, seoulInstant, weekday } from './bookings.slots.ts';

const t = await testApp();

describe('the day-before booking reminder', async () => {
  const centre = await t.centre('광명시일자리센터');
  const staff = await t.user('counsellor', centre.id);
  let d = addDays(seoulToday(), 3);
  while (weekday(d) !== 3 || (await closedDays({ db: t.db }, { from: d, to: d })).length) d = addDays(d, 1);
  const booth = expectStatus(
    await staff.post('/api/v1/resources', {
      name: 'AI면접 체험관',
      kind: 'ai_interview',
      slotMinutes: 60,
      openingHours: [{ weekday: 3, from: '10:00', to: '17:00' }],
    }),
    201,
  );
  const book = async (hh: number) => {
    const s = await buildSeeker(t.db, centre.id);
    const b = expectStatus(
      await staff.post('/api/v1/bookings', {
        resourceId: booth.id,
        startsAt: seoulInstant(d, hh * 60).toISOString(),
        seekerId: s.id,
      }),
      201,
    );
    return { seekerId: s.id, bookingId: b.id as string };
  };
  const reminders = (seekerId: string) =>
    t.db
      .selectFrom('notifications')
      .selectAll()
      .where('recipient_id', '=', seekerId)
      .where('template_key', '=', 'booking_reminder')
      .execute();

  it('writes one reminder per confirmed booking of tomorrow, for 10:00 the day before, once across runs', async () => {
    const a = await book(11);
    const cancelled = await book(13);
    expectStatus(await staff.post(`/api/v1/bookings/${cancelled.bookingId}/cancel`, {}), 200);
    const dayBefore = addDays(d, -1);
    const morning = seoulInstant(dayBefore, 9 * 60 + 30);
    // two processes firing the schedule at once, then a rerun: each booking reminded once
    const runs = await Promise.all([
      remindTomorrowsBookings(t.db, morning),
      remindTomorrowsBookings(t.db, morning),
    ]);
    expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await remindTomorrowsBookings(t.db, seoulInstant(dayBefore, 10 * 60 + 5))).toBe(0);
    const [r] = await reminders(a.seekerId);
    expect(r).toMatchObject({ dedupe_key: `booking_reminder:${a.bookingId}`, status: 'deferred' });
    expect(r!.not_before.toISOString()).toBe(seoulInstant(dayBefore, 600).toISOString());
    expect(r!.variables).toMatchObject({ service: 'AI면접 체험관', at: `${d} 11:00` });
    const out = await t.db
      .selectFrom('outbox')
      .select('not_before')
      .where('idempotency_key', '=', `notification:${r!.id}`)
      .executeTakeFirstOrThrow();
    expect(out.not_before.toISOString()).toBe(seoulInstant(dayBefore, 600).toISOString());
    expect(await reminders(cancelled.seekerId)).toHaveLength(0);
  });

  it('reminds nobody two days ahead, and sends at once when the run comes after 10:00', async () => {
    const b = await book(15);
    expect(await remindTomorrowsBookings(t.db, seoulInstant(addDays(d, -2), 10 * 60))).toBe(0);
    const late = seoulInstant(addDays(d, -1), 11 * 60);
    expect(await remindTomorrowsBookings(t.db, late)).toBe(1);
    const [r] = await reminders(b.seekerId);
    expect(r!.not_before.toISOString()).toBe(late.toISOString());
  });
});
