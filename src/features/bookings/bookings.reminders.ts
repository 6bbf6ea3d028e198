import type { Db } from '../../platform/db/pool.ts';
import { notifyMany } from '../notifications/notifications.service.ts';
import { seoulText } from './bookings.notify.ts';
import { findSeekerBookingsStarting } from './bookings.repository.ts';
import { seoulInstant, seoulParts } from './bookings.slots.ts';

/** The hour (Seoul) of the day before at which a booking's reminder goes. */
export const REMINDER_HOUR = 10;

/**
 * The day-before reminders (job `bookings-remind`, 10:00 Asia/Seoul): every confirmed booking
 * of a seeker that starts tomorrow (Seoul) gets one `booking_reminder`, to be sent at 10:00
 * today (at once when the run is later). Each message's dedupe key is `booking_reminder:<id>`,
 * unique in the notifications table, so two processes running the job together, a rerun or a
 * catch-up after a restart write each reminder once. Quiet hours and preferences apply as for
 * any notice. Returns how many reminders this run wrote.
 */
export async function remindTomorrowsBookings(db: Db, now = new Date()): Promise<number> {
  const today = seoulParts(now).date;
  const tomorrow = seoulParts(seoulInstant(today, 24 * 60 + 60)).date;
  return db.transaction().execute(async (tx) => {
    const rows = await findSeekerBookingsStarting(
      tx,
      seoulInstant(tomorrow, 0),
      seoulInstant(tomorrow, 24 * 60),
    );
    const at = seoulInstant(today, REMINDER_HOUR * 60);
    const ids = await notifyMany(
      tx,
      rows.map((b) => ({
        templateKey: 'booking_reminder',
        recipient: { kind: 'seeker' as const, id: b.seeker_id! },
        centreId: b.centre_id,
        variables: { service: b.name, at: seoulText(b.starts_at) },
        source: 'booking.reminder',
        dedupeKey: `booking_reminder:${b.id}`,
        at: at > now ? at : now,
      })),
    );
    return ids.filter((id) => id !== null).length;
  });
}
