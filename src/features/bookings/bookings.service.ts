import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { DomainError, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { requireEmployerServed } from '../employers/employers.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { requireSeeker } from '../seekers/access.service.ts';
import { emitWebhookEvent } from '../webhooks/webhooks.service.ts';
import {
  BOOKERS,
  BOOKING_STATUSES,
  type Booker,
  type BookingStatus,
  CANCEL_REASONS,
  type CancelReason,
  nameOf,
  RESOURCE_KINDS,
  type ResourceKind,
} from './bookings.codes.ts';
import {
  type BookingFilter,
  cancelOpenBetween,
  findBooking,
  findBookings,
  findResource,
  findResources,
  insertBooking,
  insertResource,
  noShowCounts,
  releasePlaces,
  takenSlots,
  takePlace,
  updateBooking,
} from './bookings.repository.ts';
import {
  addDays,
  daysBetween,
  openingHoursProblem,
  seoulInstant,
  seoulParts,
  slotDay,
  slotStartsOn,
} from './bookings.slots.ts';
import type { OpeningWindow } from './bookings.tables.ts';
import './bookings.messages.ts';

/** Availability is answered for at most this many days at once. */
export const AVAILABILITY_MAX_DAYS = 62;
/** No-shows are counted for staff over this many days (shown, never used to refuse). */
export const NO_SHOW_WINDOW_DAYS = 180;

type Resource = NonNullable<Awaited<ReturnType<typeof findResource>>>;
type ReadCtx = { db: Db; lang?: Lang };

function presentResource(r: Resource, lang: Lang = 'ko') {
  return {
    id: r.id,
    centreId: r.centre_id,
    name: r.name,
    kind: r.kind,
    kindName: nameOf(RESOURCE_KINDS, r.kind, lang),
    slotMinutes: r.slot_minutes,
    capacity: r.capacity,
    openingHours: r.opening_hours,
    approvalRequired: r.approval_required,
    bookableBy: r.bookable_by,
    description: r.description,
  };
}
export type ResourceView = ReturnType<typeof presentResource>;

/** Staff add a bookable resource to their centre (API: POST /resources). */
export async function createResource(
  ctx: RequestContext,
  o: {
    name: string;
    kind: ResourceKind;
    slotMinutes: number;
    capacity?: number;
    openingHours: OpeningWindow[];
    approvalRequired?: boolean;
    bookableBy?: Booker[];
    description?: string | null;
    centreId?: string;
  },
) {
  authorize(ctx.actor, 'bookings.manage');
  const centreId = ctx.actor.centreScope === null ? (o.centreId ?? ctx.actor.centreId) : ctx.actor.centreId;
  const name = o.name.trim();
  const problems = [];
  if (!centreId) problems.push({ field: 'centreId', key: 'booking.centreRequired' });
  if (!name) problems.push({ field: 'name', key: 'field.required' });
  const hours = openingHoursProblem(o.openingHours, o.slotMinutes);
  if (hours) {
    problems.push({
      field: 'openingHours',
      key: hours === 'overlap' ? 'booking.openingOverlap' : 'booking.openingHours',
    });
  }
  if (problems.length || !centreId) throw invalid(problems);
  if (o.centreId && !inScope(ctx.actor, o.centreId)) throw notFound('calendar.centreNotFound');
  const row = await insertResource(ctx.db, {
    id: uuidv7(),
    centreId,
    name,
    kind: o.kind,
    slotMinutes: o.slotMinutes,
    capacity: o.capacity ?? 1,
    openingHours: o.openingHours.map((w) => ({ weekday: w.weekday, from: w.from, to: w.to })),
    approvalRequired: o.approvalRequired ?? false,
    bookableBy: [...new Set(o.bookableBy ?? ['seeker', 'staff'])],
    description: o.description?.trim() || null,
    createdBy: ctx.actor.userId,
  });
  return presentResource(row, ctx.lang);
}

/** Resources open for booking (public), optionally of one centre or kind. */
export async function listResources(ctx: ReadCtx, o: { centreId?: string; kind?: ResourceKind } = {}) {
  const rows = await findResources(ctx.db, { centreIds: o.centreId ? [o.centreId] : null, kind: o.kind });
  return rows.map((r) => presentResource(r, ctx.lang));
}

export async function getResource(ctx: ReadCtx, o: { id: string }) {
  const r = await findResource(ctx.db, o.id);
  if (!r || !r.active) throw notFound('booking.resourceNotFound');
  return presentResource(r, ctx.lang);
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

type BookingRow = NonNullable<Awaited<ReturnType<typeof findBooking>>>;

function presentBooking(
  b: BookingRow & { resource_name?: string; resource_kind?: string },
  lang: Lang = 'ko',
  extra: { seekerNoShows?: number } = {},
) {
  return {
    id: b.id,
    resourceId: b.resource_id,
    centreId: b.centre_id,
    seekerId: b.seeker_id,
    employerId: b.employer_id,
    startsAt: new Date(b.starts_at).toISOString(),
    endsAt: new Date(b.ends_at).toISOString(),
    status: b.status,
    statusName: nameOf(BOOKING_STATUSES, b.status, lang),
    note: b.note,
    cancelReason: b.cancel_reason,
    cancelReasonName: b.cancel_reason ? nameOf(CANCEL_REASONS, b.cancel_reason, lang) : null,
    cancelNote: b.cancel_note,
    cancelledAt: b.cancelled_at ? new Date(b.cancelled_at).toISOString() : null,
    checkedInAt: b.checked_in_at ? new Date(b.checked_in_at).toISOString() : null,
    createdAt: new Date(b.created_at).toISOString(),
    ...(b.resource_name !== undefined
      ? {
          resourceName: b.resource_name,
          resourceKind: b.resource_kind,
          resourceKindName: nameOf(RESOURCE_KINDS, b.resource_kind ?? '', lang),
        }
      : {}),
    ...(extra.seekerNoShows !== undefined ? { seekerNoShows: extra.seekerNoShows } : {}),
  };
}
export type BookingView = ReturnType<typeof presentBooking>;

/** "2026-12-09 11:00": how a message names the booked time (Seoul). */
function seoulText(at: Date | string): string {
  const { date, minute } = seoulParts(new Date(at));
  return `${date} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Tells the seeker who booked (notifications feature), in the caller's transaction. */
async function tellSeeker(
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

function isStaff(actor: Actor) {
  return actor.role !== 'seeker' && actor.role !== 'employer' && actor.role !== 'partner';
}

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
  const r = await findResource(ctx.db, o.resourceId);
  if (!r || !r.active) throw notFound('booking.resourceNotFound');
  const booker = await resolveBooker(ctx, r, o);
  const start = new Date(o.startsAt);
  if (Number.isNaN(start.getTime())) throw invalid([{ field: 'startsAt', key: 'field.invalid' }]);
  const field = (key: string, params: Record<string, string | number> = {}) =>
    new DomainError('validation', key, params, [{ field: 'startsAt', key, params }]);
  if (start.getTime() <= (o.now ?? new Date()).getTime()) throw field('booking.past');
  const day = slotDay(r.opening_hours, start, r.slot_minutes);
  if (!day) throw field('booking.outsideHours', { minutes: r.slot_minutes });
  const closed = await closedDays(ctx, { centreId: r.centre_id, from: day, to: day });
  const off = closed.find((c) => c.kind !== 'closure') ?? closed[0];
  if (off)
    throw field(off.kind === 'closure' ? 'booking.closure' : 'booking.holiday', {
      date: day,
      name: off.name,
    });
  const end = new Date(start.getTime() + r.slot_minutes * 60_000);
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const got = await takePlace(trx, {
        resourceId: r.id,
        startsAt: start,
        centreId: r.centre_id,
        capacity: r.capacity,
      });
      if (!got) throw new DomainError('conflict', 'booking.full');
      const made = await insertBooking(trx, {
        id: uuidv7(),
        resourceId: r.id,
        centreId: r.centre_id,
        ...booker,
        startsAt: start,
        endsAt: end,
        singleSeat: r.capacity === 1,
        status: r.approval_required ? 'requested' : 'confirmed',
        note: o.note?.trim() || null,
        createdBy: ctx.actor.userId,
      });
      await tellSeeker(
        trx,
        { id: made.id, seekerId: made.seeker_id, centreId: made.centre_id, startsAt: made.starts_at },
        { template: r.approval_required ? 'booking_requested' : 'booking_confirmed', service: r.name },
      );
      await emitWebhookEvent(trx, { type: 'booking.created', subjectId: made.id, centreId: made.centre_id });
      return made;
    });
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

/** The resources of the staff's centres (their day sheets). */
export async function resourcesOfActor(ctx: RequestContext) {
  authorize(ctx.actor, 'bookings.manage');
  const rows = await findResources(ctx.db, { centreIds: ctx.actor.centreScope });
  return rows.map((r) => presentResource(r, ctx.lang));
}
