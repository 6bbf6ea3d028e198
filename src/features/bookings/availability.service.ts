import type { Db } from '../../platform/db/pool.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { resourceWithTaken } from './bookings.repository.ts';
import { addDays, daysBetween, seoulInstant, slotStartsOn } from './bookings.slots.ts';
import './bookings.messages.ts';

/** Availability is answered for at most this many days at once. */
export const AVAILABILITY_MAX_DAYS = 62;

type ReadCtx = { db: Db; lang?: Lang };

/** Resource → its centre (fixed for a resource's life; no route moves one), bounded. */
const centreOf = new Map<string, string>();
function rememberCentre(resourceId: string, centreId: string) {
  if (centreOf.size >= 10_000) centreOf.delete(centreOf.keys().next().value as string);
  centreOf.set(resourceId, centreId);
}

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
  const from = seoulInstant(o.from, 0);
  const to = seoulInstant(addDays(o.to, 1), 0);
  // A resource never moves to another centre, so once its centre is known the calendar's closed
  // days are read beside the resource and its slots (two statements at once, one round trip).
  const known = centreOf.get(o.resourceId);
  const [r, knownClosed] = await Promise.all([
    resourceWithTaken(ctx.db, o.resourceId, from, to),
    known ? closedDays(ctx, { centreId: known, from: o.from, to: o.to }) : null,
  ]);
  if (!r || !r.active) throw notFound('booking.resourceNotFound');
  if (!known) rememberCentre(r.id, r.centre_id);
  const closed = knownClosed ?? (await closedDays(ctx, { centreId: r.centre_id, from: o.from, to: o.to }));
  const now = (o.now ?? new Date()).getTime();
  const taken = r.taken;
  const closedOn = new Set(closed.map((c) => c.date));
  const takenAt = new Map(taken.map(([at, n]) => [Number(at), n]));
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
