import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Booker, ResourceKind } from './bookings.codes.ts';
import { presentResource } from './bookings.present.ts';
import { findResource, findResources, insertResource } from './bookings.repository.ts';
import { openingHoursProblem } from './bookings.slots.ts';
import type { OpeningWindow } from './bookings.tables.ts';
import './bookings.messages.ts';

// Bookable resources (AI booth, video room, photo studio, attorney, …) of a centre.

type ReadCtx = { db: Db; lang?: Lang };

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

/** The resources of the staff's centres (their day sheets). */
export async function resourcesOfActor(ctx: RequestContext) {
  authorize(ctx.actor, 'bookings.manage');
  const rows = await findResources(ctx.db, { centreIds: ctx.actor.centreScope });
  return rows.map((r) => presentResource(r, ctx.lang));
}
