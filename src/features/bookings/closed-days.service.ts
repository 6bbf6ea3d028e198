import type { Db } from '../../platform/db/pool.ts';
import { emitWebhookEvent } from '../webhooks/webhooks.service.ts';
import { tellSeeker } from './bookings.notify.ts';
import { cancelOpenBetween, findResource, holdCalendar } from './bookings.repository.ts';
import { addDays, seoulInstant } from './bookings.slots.ts';

/**
 * Cancels the open bookings on Seoul days [from, to] that a holiday (every centre, `centreId`
 * null) or a closure (one centre) declared later takes away, and gives their places back in
 * the caller's transaction. The calendar's routes call it with the declaration; the answer
 * lists the bookings for staff (GET /bookings?cancelReason=holiday|closure lists them later).
 */
export async function cancelBookingsOnClosedDays(
  ctx: { db: Db },
  o: { centreId: string | null; from: string; to: string; reason: 'holiday' | 'closure'; note: string },
) {
  // Waits for bookings of these days still in flight; those that started later see the day closed.
  await holdCalendar(ctx.db, { centreId: o.centreId, mode: 'declare' });
  const rows = await cancelOpenBetween(ctx.db, {
    centreId: o.centreId,
    from: seoulInstant(o.from, 0),
    to: seoulInstant(addDays(o.to, 1), 0),
    reason: o.reason,
    note: o.note.slice(0, 500),
    at: new Date(),
  });
  const names = new Map<string, string>();
  for (const b of rows) {
    if (!names.has(b.resource_id))
      names.set(b.resource_id, (await findResource(ctx.db, b.resource_id))?.name ?? '');
    await tellSeeker(
      ctx.db,
      { id: b.id, seekerId: b.seeker_id, centreId: b.centre_id, startsAt: b.starts_at },
      { template: 'booking_cancelled', service: names.get(b.resource_id) ?? '', reason: o.note },
    );
    await emitWebhookEvent(ctx.db, { type: 'booking.cancelled', subjectId: b.id, centreId: b.centre_id });
  }
  return rows.map((b) => ({
    id: b.id,
    resourceId: b.resource_id,
    centreId: b.centre_id,
    seekerId: b.seeker_id,
    employerId: b.employer_id,
    startsAt: new Date(b.starts_at).toISOString(),
  }));
}
