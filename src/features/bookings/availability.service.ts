import type { Db } from '../../platform/db/pool.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { findResource, takenSlots } from './bookings.repository.ts';
import { addDays, daysBetween, seoulInstant, slotStartsOn } from './bookings.slots.ts';
import './bookings.messages.ts';

/** Availability is answered for at most this many days at once. */
export const AVAILABILITY_MAX_DAYS = 62;

type ReadCtx = { db: Db; lang?: Lang };

export interface FreeSlot {
  startsAt: string;
  endsAt: string;
  /** Places still free (≥ 1: full slots are not listed). */
  free: number;
}

/**
 * Free slots of a resource over Seoul days [from, to] (public): inside its opening hours, not on
 * a public holiday, 임시공휴일 or closure of its centre (the calendar feature), not started
 * yet, not full. Closed days are listed with their names so a page can say why.
 */
export async function availability(
  ctx: ReadCtx,
  o: { resourceId: string; from: string; to: string; now?: Date },
) {
  const problems = [];
  if (!isRealDate(o.from)) problems.push({ field: 'from', key: 'field.date' });
  if (!isRealDate(o.to)) problems.push({ field: 'to', key: 'field.date' });
  else if (isRealDate(o.from) && (o.to < o.from || daysBetween(o.from, o.to) >= AVAILABILITY_MAX_DAYS)) {
    problems.push({ field: 'to', key: 'booking.range', params: { days: AVAILABILITY_MAX_DAYS } });
  }
  if (problems.length) throw invalid(problems);
  const r = await findResource(ctx.db, o.resourceId);
  if (!r || !r.active) throw notFound('booking.resourceNotFound');
  const now = (o.now ?? new Date()).getTime();
  const [closed, taken] = await Promise.all([
    closedDays(ctx, { centreId: r.centre_id, from: o.from, to: o.to }),
    takenSlots(ctx.db, r.id, seoulInstant(o.from, 0), seoulInstant(addDays(o.to, 1), 0)),
  ]);
  const closedOn = new Set(closed.map((c) => c.date));
  const takenAt = new Map(taken.map((s) => [new Date(s.starts_at).getTime(), s.taken]));
  const items: FreeSlot[] = [];
  const slotMs = r.slot_minutes * 60_000;
  for (let d = o.from; d <= o.to; d = addDays(d, 1)) {
    if (closedOn.has(d)) continue;
    for (const minute of slotStartsOn(r.opening_hours, d, r.slot_minutes)) {
      const start = seoulInstant(d, minute).getTime();
      if (start <= now) continue;
      const free = r.capacity - (takenAt.get(start) ?? 0);
      if (free <= 0) continue;
      items.push({
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + slotMs).toISOString(),
        free,
      });
    }
  }
  return {
    resourceId: r.id,
    from: o.from,
    to: o.to,
    slotMinutes: r.slot_minutes,
    capacity: r.capacity,
    items,
    closedDays: closed.map((c) => ({ date: c.date, name: c.name, kind: c.kind })),
  };
}
