import { authorize } from '../../platform/access/policy.ts';
import { recordSeekerAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { findSeekersAmong } from '../seekers/seekers.service.ts';
import { nameOf, REGISTRATION_STATUSES } from './events.codes.ts';
import {
  cancelRegistration,
  checkInRegistration,
  countRegistered,
  findEvent,
  findRegistration,
  findRegistrations,
  insertRegistration,
  promoteFirstWaiting,
} from './events.repository.ts';
import { isStaff, requireEvent } from './events.service.ts';
import { resolveSeeker } from './interviews.service.ts';
import './events.messages.ts';

type Row = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

function present(r: Row, lang: Lang = 'ko') {
  return {
    id: r.id,
    eventId: r.event_id,
    seekerId: r.seeker_id,
    status: r.status,
    statusName: nameOf(REGISTRATION_STATUSES, r.status, lang),
    checkedInAt: r.checked_in_at ? new Date(r.checked_in_at).toISOString() : null,
    promotedAt: r.promoted_at ? new Date(r.promoted_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
export type RegistrationView = ReturnType<typeof present>;

/**
 * A seeker registers for an event (API: POST /events/{id}/registrations): `registered` while
 * places are left, `waitlisted` past the capacity. The event row is locked for the count, so
 * concurrent registrations never pass the capacity; a seeker registers once (unique index).
 */
export async function register(ctx: RequestContext, o: { eventId: string; seekerId?: string }) {
  authorize(ctx.actor, 'events.take_part');
  const event = await requireEvent(ctx, o.eventId);
  const seeker = await resolveSeeker(ctx, o.seekerId);
  try {
    const run = async (tx: Db) => {
      const locked = await findEvent(tx, event.id, { lock: true });
      if (!locked) throw notFound('event.notFound');
      if (locked.cancelled_at) throw conflict('event.cancelled');
      const full = locked.capacity !== null && (await countRegistered(tx, event.id)) >= locked.capacity;
      const r = await insertRegistration(tx, {
        id: uuidv7(),
        event_id: event.id,
        centre_id: event.centre_id,
        seeker_id: seeker.id,
        status: full ? 'waitlisted' : 'registered',
        created_by: ctx.actor.userId,
      });
      await recordSeekerAccess(tx, ctx, 'create', seeker, 'event_registration');
      return r;
    };
    // Inside a caller's transaction (an accepted invitation registers with its answer), else its own.
    const row = ctx.db.isTransaction ? await run(ctx.db) : await ctx.db.transaction().execute(run);
    return present(row, ctx.lang);
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict('registration.duplicate');
    throw e;
  }
}

/** Staff check a registered seeker in at the desk (API: POST /events/{id}/registrations/{rid}/check-in). */
export async function checkIn(ctx: RequestContext, o: { eventId: string; id: string }) {
  authorize(ctx.actor, 'events.manage');
  const event = await requireEvent(ctx, o.eventId, { manage: true });
  return ctx.db.transaction().execute(async (tx) => {
    const r = await findRegistration(tx, event.id, o.id);
    if (!r) throw notFound('registration.notFound');
    if (r.status === 'waitlisted') throw conflict('registration.waitlisted');
    if (r.status === 'cancelled') throw conflict('registration.cancelled');
    const row = await checkInRegistration(tx, r.id);
    await recordSeekerAccess(
      tx,
      ctx,
      'update',
      { id: r.seeker_id, centre_id: r.centre_id },
      'event_registration',
    );
    return present(row, ctx.lang);
  });
}

/**
 * Cancels a registration (API: POST /events/{id}/registrations/{rid}/cancel): the seeker its
 * own, staff any of their centre's. A freed place goes to the first on the waiting list in
 * the same transaction (the event row locked, as for registering); the answer names it.
 */
export async function cancel(ctx: RequestContext, o: { eventId: string; id: string }) {
  authorize(ctx.actor, 'events.take_part');
  const event = await requireEvent(ctx, o.eventId);
  return ctx.db.transaction().execute(async (tx) => {
    await findEvent(tx, event.id, { lock: true });
    const r = await findRegistration(tx, event.id, o.id);
    const own = ctx.actor.role === 'seeker' && r?.seeker_id === ctx.actor.seekerId;
    const staff =
      isStaff(ctx.actor) &&
      (await requireEvent({ ...ctx, db: tx }, event.id, { manage: true }).then(
        () => true,
        () => false,
      ));
    if (!r || (!own && !staff)) throw notFound('registration.notFound');
    if (r.status === 'cancelled') throw conflict('registration.cancelled');
    const row = await cancelRegistration(tx, r.id);
    const promoted = r.status === 'registered' ? await promoteFirstWaiting(tx, event.id) : undefined;
    await recordSeekerAccess(
      tx,
      ctx,
      'update',
      { id: r.seeker_id, centre_id: r.centre_id },
      'event_registration',
    );
    return { ...present(row, ctx.lang), promoted: promoted ? present(promoted, ctx.lang) : null };
  });
}

/**
 * Staff read an event's registrations for the desk (registered first come, then the waiting
 * list). `q` finds the person at the desk among them by phone (whole or its last four digits),
 * 구직번호, birth date or name — through the seekers feature's lookup, under its access rules.
 */
export async function listRegistrations(
  ctx: RequestContext,
  o: { eventId: string; q?: string; dataKey?: Buffer },
) {
  authorize(ctx.actor, 'events.manage');
  const event = await requireEvent(ctx, o.eventId, { manage: true });
  const rows = await findRegistrations(ctx.db, event.id);
  const q = o.q?.trim();
  if (!q || !o.dataKey) return rows.map((r) => present(r, ctx.lang));
  const found = new Set(
    await findSeekersAmong(ctx, { ids: rows.map((r) => r.seeker_id), q, dataKey: o.dataKey }),
  );
  return rows.filter((r) => found.has(r.seeker_id)).map((r) => present(r, ctx.lang));
}
