import type { Db } from '../../platform/db/pool.ts';
import { notify } from '../notifications/notifications.service.ts';
import { seoulParts } from './bookings.slots.ts';

/** "2026-12-09 11:00": how a message names the booked time (Seoul). */
export function seoulText(at: Date | string): string {
  const { date, minute } = seoulParts(new Date(at));
  return `${date} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Tells the seeker who booked (notifications feature), in the caller's transaction. */
export async function tellSeeker(
  db: Db,
  b: { id: string; seekerId: string | null; centreId: string; startsAt: Date | string },
  what: {
    template: 'booking_confirmed' | 'booking_requested' | 'booking_cancelled';
    service: string;
    reason?: string;
  },
) {
  if (!b.seekerId) return;
  await notify(db, {
    templateKey: what.template,
    recipient: { kind: 'seeker', id: b.seekerId },
    centreId: b.centreId,
    variables: {
      service: what.service,
      at: seoulText(b.startsAt),
      ...(what.reason ? { reason: what.reason } : {}),
    },
    source: what.template === 'booking_cancelled' ? 'booking.cancelled' : 'booking.created',
    dedupeKey: `${what.template}:${b.id}`,
  });
}
