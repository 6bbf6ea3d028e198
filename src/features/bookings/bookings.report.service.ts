import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { nameOf, RESOURCE_KINDS, type ResourceKind } from './bookings.codes.ts';
import { bookingCounts, resourcesOf } from './bookings.repository.ts';
import { addDays, openMinutesOn, seoulInstant } from './bookings.slots.ts';
import { rentalCounts } from './suits.repository.ts';
import './bookings.messages.ts';

/**
 * Bookings as the reports feature reads them (its KPI definitions and drill-down): (id,
 * seeker_id, employer_id, centre_id, starts_at, status, kind). PostgreSQL folds the relation into
 * the report's statement.
 */
export function bookingReportRows(): RawBuilder<unknown> {
  return sql`(SELECT b.id, b.seeker_id, b.employer_id, b.centre_id, b.starts_at, b.status, r.kind
    FROM bookings b JOIN booking_resources r ON r.id = b.resource_id)`;
}

/** Suit rentals as the reports feature reads them: (id, seeker_id, centre_id, from_on, due_on, returned_on). */
export function suitRentalReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, seeker_id, centre_id, from_on, due_on, returned_on FROM suit_rentals)`;
}

export interface KindFigures {
  kind: ResourceKind;
  kindName: string;
  /** Bookings held (not cancelled) in the period. */
  bookings: number;
  checkedIn: number;
  noShows: number;
  cancelled: number;
  /** Places booked ÷ places offered in the opening hours (closed days left out), in %. */
  utilisationPct: number | null;
  /** No-shows ÷ (check-ins + no-shows), in %. */
  noShowRatePct: number | null;
}

const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);

/**
 * The bookings figures of the report (API.md KPI "bookings: bookings held in [from, to], by
 * resource kind; noShowRate"), with the utilisation of opening hours and the suit rentals, for
 * the reports page and API. `centreIds` null = every centre (the caller's scope, as the reports
 * feature resolves it).
 */
export async function bookingFigures(
  ctx: { db: Db; lang?: Lang },
  o: { from: string; to: string; centreIds: readonly string[] | null },
) {
  const [counts, resources, suits] = await Promise.all([
    bookingCounts(ctx.db, o.centreIds, seoulInstant(o.from, 0), seoulInstant(addDays(o.to, 1), 0)),
    resourcesOf(ctx.db, o.centreIds),
    rentalCounts(ctx.db, o.centreIds, o.from, o.to, seoulToday()),
  ]);
  const kindOf = new Map(resources.map((r) => [r.id, r]));
  const byKind = new Map<ResourceKind, KindFigures & { offered: number; bookedPlaces: number }>();
  const row = (kind: ResourceKind) => {
    let f = byKind.get(kind);
    if (!f) {
      f = {
        kind,
        kindName: nameOf(RESOURCE_KINDS, kind, ctx.lang),
        bookings: 0,
        checkedIn: 0,
        noShows: 0,
        cancelled: 0,
        utilisationPct: null,
        noShowRatePct: null,
        offered: 0,
        bookedPlaces: 0,
      };
      byKind.set(kind, f);
    }
    return f;
  };
  // Places offered: each resource's slots on its open days, times its capacity.
  const closedByCentre = new Map<string, Set<string>>();
  for (const r of resources) {
    if (!r.active) continue;
    let closed = closedByCentre.get(r.centre_id);
    if (!closed) {
      closed = new Set(
        (await closedDays(ctx, { centreId: r.centre_id, from: o.from, to: o.to })).map((d) => d.date),
      );
      closedByCentre.set(r.centre_id, closed);
    }
    const f = row(r.kind);
    for (let d = o.from; d <= o.to; d = addDays(d, 1)) {
      if (!closed.has(d))
        f.offered += (openMinutesOn(r.opening_hours, d, r.slot_minutes) / r.slot_minutes) * r.capacity;
    }
  }
  for (const c of counts) {
    const r = kindOf.get(c.resource_id);
    if (!r) continue;
    const f = row(r.kind);
    const n = Number(c.n);
    if (c.status === 'cancelled') f.cancelled += n;
    else {
      f.bookings += n;
      f.bookedPlaces += n;
      if (c.status === 'checked_in') f.checkedIn += n;
      if (c.status === 'no_show') f.noShows += n;
    }
  }
  const kinds = [...byKind.values()]
    .sort((a, b) => Object.keys(RESOURCE_KINDS).indexOf(a.kind) - Object.keys(RESOURCE_KINDS).indexOf(b.kind))
    .map(({ offered, bookedPlaces, ...f }) => ({
      ...f,
      utilisationPct: pct(bookedPlaces, offered),
      noShowRatePct: pct(f.noShows, f.checkedIn + f.noShows),
    }));
  const total = [...byKind.values()].reduce(
    (a, k) => ({
      bookings: a.bookings + k.bookings,
      checkedIn: a.checkedIn + k.checkedIn,
      noShows: a.noShows + k.noShows,
      offered: a.offered + k.offered,
      bookedPlaces: a.bookedPlaces + k.bookedPlaces,
    }),
    { bookings: 0, checkedIn: 0, noShows: 0, offered: 0, bookedPlaces: 0 },
  );
  return {
    from: o.from,
    to: o.to,
    kinds,
    bookings: total.bookings,
    noShowRatePct: pct(total.noShows, total.checkedIn + total.noShows),
    /** Places booked ÷ places offered over every resource, in %. */
    utilisationPct: pct(total.bookedPlaces, total.offered),
    suitRentals: suits.rentals,
    suitItemsLent: suits.items,
    suitRentalsOverdue: suits.overdue,
  };
}
export type BookingFigures = Awaited<ReturnType<typeof bookingFigures>>;
