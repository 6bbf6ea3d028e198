import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreInScope } from '../accounts/centres.service.ts';
import type { Booker, ResourceKind } from './bookings.codes.ts';
import { presentResource } from './bookings.present.ts';
import {
  findResource,
  findResources,
  insertResource,
  setFutureSlotCapacity,
  updateResource as updateResourceRow,
} from './bookings.repository.ts';
import { openingHoursProblem } from './bookings.slots.ts';
import type { OpeningWindow } from './bookings.tables.ts';
import './bookings.messages.ts';

// Bookable resources (AI booth, video room, photo studio, attorney, …) of a centre.

type ReadCtx = { db: Db; lang?: Lang };

export interface ResourceInput {
  name: string;
  kind: ResourceKind;
  slotMinutes: number;
  capacity?: number;
  openingHours: OpeningWindow[];
  approvalRequired?: boolean;
  bookableBy?: Booker[];
  description?: string | null;
}

/** The field problems of a resource's name and opening hours (create and edit alike). */
function resourceProblems(
  o: Pick<ResourceInput, 'name' | 'openingHours' | 'slotMinutes' | 'capacity' | 'bookableBy'>,
) {
  const problems: { field: string; key: string; params?: Record<string, number> }[] = [];
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!o.name.trim()) problems.push({ field: 'name', key: 'field.required' });
  if (!whole(o.slotMinutes, 5, 480)) {
    problems.push({ field: 'slotMinutes', key: 'booking.between', params: { min: 5, max: 480 } });
  }
  if (o.capacity !== undefined && !whole(o.capacity, 1, 500)) {
    problems.push({ field: 'capacity', key: 'booking.between', params: { min: 1, max: 500 } });
  }
  if (o.bookableBy && o.bookableBy.length === 0)
    problems.push({ field: 'bookableBy', key: 'field.required' });
  const hours = openingHoursProblem(o.openingHours, o.slotMinutes);
  if (hours) {
    problems.push({
      field: 'openingHours',
      key: hours === 'overlap' ? 'booking.openingOverlap' : 'booking.openingHours',
    });
  }
  return problems;
}

const windows = (hours: OpeningWindow[]) =>
  hours.map((w) => ({ weekday: w.weekday, from: w.from, to: w.to }));

/** Staff add a bookable resource to their centre (API: POST /resources). */
export async function createResource(ctx: RequestContext, o: ResourceInput & { centreId?: string }) {
  authorize(ctx.actor, 'bookings.manage');
  const centreId = ctx.actor.centreScope === null ? (o.centreId ?? ctx.actor.centreId) : ctx.actor.centreId;
  const problems = resourceProblems(o);
  if (!centreId) problems.push({ field: 'centreId', key: 'booking.centreRequired' });
  if (problems.length || !centreId) throw invalid(problems);
  if (o.centreId && !(await centreInScope(ctx.db, ctx.actor, o.centreId)))
    throw notFound('calendar.centreNotFound');
  const row = await insertResource(ctx.db, {
    id: uuidv7(),
    centreId,
    name: o.name.trim(),
    kind: o.kind,
    slotMinutes: o.slotMinutes,
    capacity: o.capacity ?? 1,
    openingHours: windows(o.openingHours),
    approvalRequired: o.approvalRequired ?? false,
    bookableBy: [...new Set(o.bookableBy ?? ['seeker', 'staff'])],
    description: o.description?.trim() || null,
    createdBy: ctx.actor.userId,
  });
  return presentResource(row, ctx.lang);
}

/**
 * Staff of its centre change a resource (API: PATCH /resources/{id}); fields left out stay.
 * Bookings already made keep their times. A new capacity applies to the future slots too, and
 * is refused (409 `booking.capacityBelowTaken`) when a future slot holds more bookings than it.
 * The resource row is locked, so a booking in flight either finishes first or sees the change.
 * `active: false` takes it off the public list (its bookings stay).
 */
export async function updateResource(
  ctx: RequestContext,
  o: { id: string } & Partial<ResourceInput> & { active?: boolean; now?: Date },
) {
  authorize(ctx.actor, 'bookings.manage');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await findResource(trx, o.id, 'update');
    if (!r || !inScope(ctx.actor, r.centre_id)) throw notFound('booking.resourceNotFound');
    const next = {
      name: o.name ?? r.name,
      slotMinutes: o.slotMinutes ?? r.slot_minutes,
      openingHours: o.openingHours ?? r.opening_hours,
      capacity: o.capacity,
      bookableBy: o.bookableBy,
    };
    const problems = resourceProblems(next);
    if (problems.length) throw invalid(problems);
    if (o.capacity !== undefined && o.capacity !== r.capacity) {
      try {
        await setFutureSlotCapacity(trx, r.id, o.capacity, o.now ?? new Date());
      } catch (e) {
        if ((e as { code?: string }).code === '23514') {
          throw new DomainError('conflict', 'booking.capacityBelowTaken', {}, [
            { field: 'capacity', key: 'booking.capacityBelowTaken' },
          ]);
        }
        throw e;
      }
    }
    return updateResourceRow(trx, r.id, {
      name: next.name.trim(),
      kind: o.kind,
      slotMinutes: o.slotMinutes,
      capacity: o.capacity,
      openingHours: o.openingHours ? windows(o.openingHours) : undefined,
      approvalRequired: o.approvalRequired,
      bookableBy: o.bookableBy ? [...new Set(o.bookableBy)] : undefined,
      description: o.description === undefined ? undefined : o.description?.trim() || null,
      active: o.active,
    });
  });
  return presentResource(row, ctx.lang);
}

/** A resource of the staff's centres, active or not (the edit form). */
export async function resourceForStaff(ctx: RequestContext, o: { id: string }) {
  authorize(ctx.actor, 'bookings.manage');
  const r = await findResource(ctx.db, o.id);
  if (!r || !inScope(ctx.actor, r.centre_id)) throw notFound('booking.resourceNotFound');
  return { ...presentResource(r, ctx.lang), active: r.active };
}

/** Resources open for booking (public), optionally of one centre or kind. */
export async function listResources(ctx: ReadCtx, o: { centreId?: string; kind?: ResourceKind } = {}) {
  const rows = await findResources(ctx.db, { centreIds: o.centreId ? [o.centreId] : null, kind: o.kind });
  return rows.map((r) => presentResource(r, ctx.lang));
}

export async function getResource(ctx: ReadCtx, o: { id: string }) {
  const r = await findResource(ctx.db, o.id);
  if (!r?.active) throw notFound('booking.resourceNotFound');
  return presentResource(r, ctx.lang);
}

/** The resources of the staff's centres (their day sheets; with `withInactive`, the admin list). */
export async function resourcesOfActor(ctx: RequestContext, o: { withInactive?: boolean } = {}) {
  authorize(ctx.actor, 'bookings.manage');
  const rows = await findResources(ctx.db, {
    centreIds: ctx.actor.centreScope,
    withInactive: o.withInactive,
  });
  return rows.map((r) => presentResource(r, ctx.lang));
}
