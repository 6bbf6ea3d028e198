import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { DomainError, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { requireEmployerServed } from '../employers/employers.service.ts';
import { requireSeeker } from '../seekers/access.service.ts';
import { emitWebhookEvent } from '../webhooks/webhooks.service.ts';
import { BOOKERS, type Booker, type BookingStatus, type CancelReason, nameOf } from './bookings.codes.ts';
import { tellSeeker } from './bookings.notify.ts';
import { isStaff, presentBooking, type Resource } from './bookings.present.ts';
import {
  type BookingFilter,
  findBooking,
  findBookings,
  findResource,
  lockResourceForBooking,
  noShowCounts,
  releasePlaces,
  takePlaceAndInsert,
  updateBooking,
} from './bookings.repository.ts';
import { addDays, seoulInstant, seoulParts, slotDay } from './bookings.slots.ts';
import './bookings.messages.ts';

// Bookings of a resource's slots: book, list, cancel, approve, check-in, no-show. Resources are
// in resources.service.ts, free slots in availability.service.ts, and the bookings a later
// holiday or closure takes away in closed-days.service.ts.

/** No-shows are counted for staff over this many days (shown, never used to refuse). */
export const NO_SHOW_WINDOW_DAYS = 180;

function pgCode(e: unknown): string | undefined {
  return (e as { code?: string } | null)?.code;
}

/** Who books: the seeker or employer account itself, or staff for one of their centre's. */
async function resolveBooker(
  ctx: RequestContext,
  r: Resource,
  o: { seekerId?: string; employerId?: string },
): Promise<{ seekerId: string | null; employerId: string | null }> {
  const { actor } = ctx;
  const refuse = (who: Booker) =>
    new DomainError('forbidden', 'booking.notBookable', { who: nameOf(BOOKERS, who, ctx.lang) });
  if (actor.role === 'seeker') {
    if (!actor.seekerId || (o.seekerId && o.seekerId !== actor.seekerId) || o.employerId) {
      throw notFound('seeker.notFound');
    }
    if (!r.bookable_by.includes('seeker')) throw refuse('seeker');
    return { seekerId: actor.seekerId, employerId: null };
  }
  if (actor.role === 'employer') {
    if (!actor.employerId || (o.employerId && o.employerId !== actor.employerId) || o.seekerId) {
      throw notFound('booking.notFound');
    }
    if (!r.bookable_by.includes('employer')) throw refuse('employer');
    return { seekerId: null, employerId: actor.employerId };
  }
  if (!inScope(actor, r.centre_id)) throw notFound('booking.resourceNotFound');
  if (!r.bookable_by.includes('staff')) throw refuse('staff');
  if ((o.seekerId ? 1 : 0) + (o.employerId ? 1 : 0) !== 1) {
    throw invalid([{ field: 'seekerId', key: 'booking.bookerRequired' }]);
  }
  if (o.seekerId) {
    await requireSeeker(ctx, o.seekerId, 'counsel');
    return { seekerId: o.seekerId, employerId: null };
  }
  await requireEmployerServed(ctx.db, actor, o.employerId as string);
  return { seekerId: null, employerId: o.employerId as string };
}

/**
 * Books a slot (API: POST /bookings). 400 with the reason when the time is past, outside the
 * opening hours or on a closed day; 409 `booking.full` when no place is left — decided by the
 * database (the slot counter's upsert, and the exclusion constraint for single seats), so
 * concurrent bookers of the last place get exactly one success.
 */
export async function createBooking(
  ctx: RequestContext,
  o: {
    resourceId: string;
    startsAt: string;
    seekerId?: string;
    employerId?: string;
    note?: string;
    now?: Date;
  },
) {
  authorize(ctx.actor, 'bookings.book');
  const field = (key: string, params: Record<string, string | number> = {}) =>
    new DomainError('validation', key, params, [{ field: 'startsAt', key, params }]);
  try {
    const book = async (trx: Db) => {
      // The rules are checked inside the transaction that books, under locks its first statement
      // takes and holds to the commit: the resource row (shared; an edit of its hours or capacity
      // waits) and the calendar keys (a holiday or closure declared meanwhile either waits for
      // this booking and cancels it, or is seen here). Nothing read before the locks decides.
      const r = await lockResourceForBooking(trx, o.resourceId);
      if (!r || !r.active) throw notFound('booking.resourceNotFound');
      const booker = await resolveBooker({ ...ctx, db: trx }, r, o);
      const start = new Date(o.startsAt);
      if (Number.isNaN(start.getTime())) throw invalid([{ field: 'startsAt', key: 'field.invalid' }]);
      if (start.getTime() <= (o.now ?? new Date()).getTime()) throw field('booking.past');
      const day = slotDay(r.opening_hours, start, r.slot_minutes);
      if (!day) throw field('booking.outsideHours', { minutes: r.slot_minutes });
      const closed = await closedDays({ db: trx }, { centreId: r.centre_id, from: day, to: day });
      const off = closed.find((c) => c.kind !== 'closure') ?? closed[0];
      if (off) {
        throw field(off.kind === 'closure' ? 'booking.closure' : 'booking.holiday', {
          date: day,
          name: off.name,
        });
      }
      // The place and the booking in one statement; the slot row stays locked to the commit,
      // so what follows (the message, the webhook) is all the next taker of that slot waits for.
      const made = await takePlaceAndInsert(trx, {
        id: uuidv7(),
        resourceId: r.id,
        centreId: r.centre_id,
        capacity: r.capacity,
        ...booker,
        startsAt: start,
        endsAt: new Date(start.getTime() + r.slot_minutes * 60_000),
        singleSeat: r.capacity === 1,
        status: r.approval_required ? 'requested' : 'confirmed',
        note: o.note?.trim() || null,
        createdBy: ctx.actor.userId,
      });
      if (!made) throw new DomainError('conflict', 'booking.full');
      await tellSeeker(
        trx,
        { id: made.id, seekerId: made.seeker_id, centreId: made.centre_id, startsAt: made.starts_at },
        { template: r.approval_required ? 'booking_requested' : 'booking_confirmed', service: r.name },
      );
      await emitWebhookEvent(trx, { type: 'booking.created', subjectId: made.id, centreId: made.centre_id });
      return { row: made, r };
    };
    // Inside a caller's transaction (the hiring hall books its room with its event), else its own.
    const { row, r } = ctx.db.isTransaction ? await book(ctx.db) : await ctx.db.transaction().execute(book);
    return presentBooking({ ...row, resource_name: r.name, resource_kind: r.kind }, ctx.lang);
  } catch (e) {
    // A second booking of the same person for the slot; an overlap of single seats (a slot
    // length changed) — both refused by the database.
    if (pgCode(e) === '23505') throw new DomainError('conflict', 'booking.duplicate');
    if (pgCode(e) === '23P01') throw new DomainError('conflict', 'booking.full');
    throw e;
  }
}

/** The centres an actor's booking list covers, and the booker it is limited to. */
function listScope(actor: Actor): Pick<BookingFilter, 'centreIds' | 'seekerId' | 'employerId'> {
  if (actor.role === 'seeker')
    return { centreIds: null, seekerId: actor.seekerId ?? '00000000-0000-0000-0000-000000000000' };
  if (actor.role === 'employer') {
    return { centreIds: null, employerId: actor.employerId ?? '00000000-0000-0000-0000-000000000000' };
  }
  return { centreIds: actor.centreScope };
}

/** Bookings (API: GET /bookings): staff of their centres (with each seeker's recent no-shows), bookers their own. */
export async function listBookings(
  ctx: RequestContext,
  o: {
    resourceId?: string;
    seekerId?: string;
    from?: string;
    to?: string;
    status?: BookingStatus;
    cancelReason?: CancelReason;
    offset: number;
    limit: number;
  },
) {
  authorize(ctx.actor, 'bookings.book');
  const scope = listScope(ctx.actor);
  const problems = [];
  if (o.from && !isRealDate(o.from)) problems.push({ field: 'from', key: 'field.date' });
  if (o.to && !isRealDate(o.to)) problems.push({ field: 'to', key: 'field.date' });
  if (problems.length) throw invalid(problems);
  const filter: BookingFilter = {
    ...scope,
    resourceId: o.resourceId,
    from: o.from ? seoulInstant(o.from, 0) : undefined,
    to: o.to ? seoulInstant(addDays(o.to, 1), 0) : undefined,
    status: o.status,
    cancelReason: o.cancelReason,
  };
  if (o.seekerId) {
    if (scope.seekerId && scope.seekerId !== o.seekerId) return { items: [], total: 0 };
    filter.seekerId = o.seekerId;
  }
  const { rows, total } = await findBookings(ctx.db, filter, { offset: o.offset, limit: o.limit });
  const staff = isStaff(ctx.actor);
  const counts = staff
    ? await noShowCounts(
        ctx.db,
        [...new Set(rows.map((r) => r.seeker_id).filter((s): s is string => s !== null))],
        new Date(Date.now() - NO_SHOW_WINDOW_DAYS * 86_400_000),
      )
    : new Map<string, number>();
  return {
    items: rows.map((b) =>
      presentBooking(
        b,
        ctx.lang,
        staff && b.seeker_id ? { seekerNoShows: counts.get(b.seeker_id) ?? 0 } : {},
      ),
    ),
    total,
  };
}

/** The booking when the actor may act on it: staff of its centre, or its own booker. */
async function bookingFor(ctx: RequestContext, id: string, db: Db, staffOnly: boolean) {
  const b = await findBooking(db, id, true);
  const { actor } = ctx;
  const own =
    b &&
    ((actor.role === 'seeker' && actor.seekerId !== null && b.seeker_id === actor.seekerId) ||
      (actor.role === 'employer' && actor.employerId !== null && b.employer_id === actor.employerId));
  const staff = b && isStaff(actor) && inScope(actor, b.centre_id);
  if (!b || !(staff || (!staffOnly && own))) throw notFound('booking.notFound');
  return { booking: b, staff: Boolean(staff) };
}

const OPEN: BookingStatus[] = ['requested', 'confirmed'];

/** Cancels a booking and gives its place back (the booker before it starts; staff any time). */
export async function cancelBooking(ctx: RequestContext, o: { id: string; note?: string; now?: Date }) {
  authorize(ctx.actor, 'bookings.book');
  const now = o.now ?? new Date();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const { booking, staff } = await bookingFor(ctx, o.id, trx, false);
    if (!OPEN.includes(booking.status)) throw new DomainError('conflict', 'booking.notOpen');
    if (!staff && new Date(booking.starts_at).getTime() <= now.getTime()) {
      throw new DomainError('validation', 'booking.past', {}, [{ field: 'id', key: 'booking.past' }]);
    }
    const updated = await updateBooking(trx, booking.id, {
      status: 'cancelled',
      cancelReason: staff ? 'staff' : 'booker',
      cancelNote: o.note?.trim() || null,
      cancelledAt: now,
    });
    await releasePlaces(trx, [{ resourceId: booking.resource_id, startsAt: new Date(booking.starts_at) }]);
    if (staff) {
      const r = await findResource(trx, booking.resource_id);
      await tellSeeker(
        trx,
        {
          id: booking.id,
          seekerId: booking.seeker_id,
          centreId: booking.centre_id,
          startsAt: booking.starts_at,
        },
        { template: 'booking_cancelled', service: r?.name ?? '', reason: o.note?.trim() || '센터 사정' },
      );
    }
    await emitWebhookEvent(trx, {
      type: 'booking.cancelled',
      subjectId: booking.id,
      centreId: booking.centre_id,
    });
    return updated;
  });
  return presentBooking(row, ctx.lang);
}

/** Staff move a booking on: approve a request, check the booker in, or record a no-show. */
export async function markBooking(
  ctx: RequestContext,
  o: { id: string; to: 'confirmed' | 'checked_in' | 'no_show'; now?: Date },
) {
  authorize(ctx.actor, 'bookings.manage');
  const now = o.now ?? new Date();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const { booking } = await bookingFor(ctx, o.id, trx, true);
    if (o.to === 'confirmed') {
      if (booking.status !== 'requested') throw new DomainError('conflict', 'booking.notRequested');
      const r = await findResource(trx, booking.resource_id);
      await tellSeeker(
        trx,
        {
          id: booking.id,
          seekerId: booking.seeker_id,
          centreId: booking.centre_id,
          startsAt: booking.starts_at,
        },
        { template: 'booking_confirmed', service: r?.name ?? '' },
      );
      return updateBooking(trx, booking.id, { status: 'confirmed' });
    }
    if (booking.status !== 'confirmed') throw new DomainError('conflict', 'booking.notConfirmed');
    const start = new Date(booking.starts_at);
    if (o.to === 'checked_in') {
      if (seoulParts(now).date < seoulParts(start).date)
        throw new DomainError('conflict', 'booking.tooEarly');
      return updateBooking(trx, booking.id, { status: 'checked_in', checkedInAt: now });
    }
    if (start.getTime() > now.getTime()) throw new DomainError('conflict', 'booking.notStarted');
    return updateBooking(trx, booking.id, { status: 'no_show' });
  });
  return presentBooking(row, ctx.lang);
}
