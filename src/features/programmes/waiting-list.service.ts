import { authorize } from '../../platform/access/policy.ts';
import { recordSeekerAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { koDate } from '../../web/dates.ts';
import { notify } from '../notifications/notifications.service.ts';
import { presentEnrolment, tellPromoted } from './enrolments.service.ts';
import {
  addTaken,
  cancelEnrolmentRow,
  confirmOfferRow,
  findEnrolment,
  findExpiredHolds,
  findProgramme,
  findSessions,
  lockEnrolment,
  promoteFirstWaiting,
  promoteWaiting,
  releasePlace,
  setCapacity,
  setHoldHours,
} from './programmes.repository.ts';
import {
  managesProgramme,
  type ProgrammeRow,
  presentProgramme,
  requireProgramme,
} from './programmes.service.ts';
import './programmes.messages.ts';

// The waiting list past the first sign-up (FIELD.md §d.2, §d.4): a capacity raised by staff
// moves the waiting list up in its order; a place moved up is held for its person for the
// programme's hold window (pretix's voucher valid N hours), confirmed by them, and given to
// the next person when the hold runs out.

/**
 * Staff change a programme's places (API: PATCH /programmes/{id}): `capacity` (never below the
 * places taken: 400 naming `capacity`) and `holdHours` (0–168: how long a place
 * moved up from the waiting list is held; 0 confirms it at once). A raise moves that many
 * people up from the waiting list, in its order, in the same transaction as the new capacity
 * (programme row locked, the waiting rows taken by the database with SKIP LOCKED), each told.
 */
export async function changePlaces(
  ctx: RequestContext,
  o: { id: string; capacity?: number; holdHours?: number },
) {
  authorize(ctx.actor, 'programmes.manage');
  const p0 = await requireProgramme(ctx, o.id, { manage: true });
  return ctx.db.transaction().execute(async (tx) => {
    const p = await findProgramme(tx, p0.id, { lock: true });
    if (!p) throw notFound('programme.notFound');
    if (o.holdHours !== undefined) await setHoldHours(tx, p.id, o.holdHours);
    let promoted: Awaited<ReturnType<typeof promoteWaiting>> = [];
    if (o.capacity !== undefined && o.capacity !== p.capacity) {
      if (o.capacity < p.taken) {
        throw invalid([
          { field: 'capacity', key: 'programme.capacityBelowTaken', params: { taken: p.taken } },
        ]);
      }
      await setCapacity(tx, p.id, o.capacity);
      if (new Date(p.last_ends_at).getTime() > Date.now()) {
        promoted = await promoteWaiting(tx, p.id, o.capacity - p.taken);
        await addTaken(tx, p.id, promoted.length);
      }
    }
    const row = (await findProgramme(tx, p.id))!;
    await tellPromoted(tx, row, promoted);
    for (const e of promoted) {
      await recordSeekerAccess(
        tx,
        ctx,
        'update',
        { id: e.seeker_id, centre_id: e.centre_id },
        'programme_enrolment',
      );
    }
    return {
      programme: presentProgramme(row, await findSessions(tx, p.id), ctx.lang, true),
      promoted: promoted.map((e) => presentEnrolment(e, ctx.lang)),
    };
  });
}

/**
 * A person confirms the place held for them (API: POST /enrolments/{id}/confirm): the seeker
 * their own, or staff of the programme's centre on the phone with them. 409
 * enrolment.holdExpired once the hold has run out, enrolment.notOffered when nothing is held.
 */
export async function confirmOffer(ctx: RequestContext, o: { id: string }) {
  authorize(ctx.actor, 'programmes.enrol');
  const e0 = await findEnrolment(ctx.db, o.id);
  const p = e0 ? await findProgramme(ctx.db, e0.programme_id) : undefined;
  const own = ctx.actor.role === 'seeker' && !!ctx.actor.seekerId && e0?.seeker_id === ctx.actor.seekerId;
  if (!e0 || !p || (!own && !managesProgramme(ctx.actor, p))) throw notFound('enrolment.notFound');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await confirmOfferRow(tx, e0.id);
    if (!row) {
      const now = await findEnrolment(tx, e0.id);
      throw conflict(now?.status === 'offered' ? 'enrolment.holdExpired' : 'enrolment.notOffered');
    }
    await recordSeekerAccess(
      tx,
      ctx,
      'update',
      { id: row.seeker_id, centre_id: row.centre_id },
      'programme_enrolment',
    );
    return presentEnrolment(row, ctx.lang);
  });
}

/**
 * Ends the holds that have run out (run every minute): each in its own transaction, the
 * programme row locked and the offer re-read, the person whose hold lapsed is told, and the
 * place goes to the next person waiting (told) or back to the programme. A lapse taken by two
 * runs at once is ended, and told, by the first; the second finds it no longer offered.
 * Returns how many holds ended.
 */
export async function expireHolds(db: Db, limit = 200): Promise<number> {
  let ended = 0;
  for (const h of await findExpiredHolds(db, limit)) {
    const done = await db.transaction().execute(async (tx) => {
      const p = await findProgramme(tx, h.programme_id, { lock: true });
      const e = await lockEnrolment(tx, h.id);
      if (!p || e?.status !== 'offered' || !e.hold_until || new Date(e.hold_until).getTime() > Date.now())
        return false;
      await cancelEnrolmentRow(tx, e.id, null, 'hold_expired');
      await tellHoldExpired(tx, p, e);
      const next = await promoteFirstWaiting(tx, p.id);
      if (next) await tellPromoted(tx, p, [next]);
      else await releasePlace(tx, p.id);
      return true;
    });
    if (done) ended++;
  }
  return ended;
}

/** Tells the person whose held place lapsed that it went on (once: dedupe key per enrolment). */
async function tellHoldExpired(
  db: Db,
  p: ProgrammeRow,
  e: { id: string; seeker_id: string; hold_until: Date | string | null },
) {
  await notify(db, {
    templateKey: 'programme_hold_expired',
    recipient: { kind: 'seeker', id: e.seeker_id },
    centreId: p.centre_id,
    variables: { programme: p.title, until: koDate(e.hold_until, 'ko', true) },
    source: 'programme.hold_expired',
    dedupeKey: `programme.hold_expired:${e.id}`,
  });
}

/** Every minute: holds that have run out pass to the next person. */
export function programmeHoldJob(db: Db): JobDefinition {
  return {
    name: 'programme-holds',
    cron: '* * * * *',
    handler: async () => {
      await expireHolds(db);
    },
  };
}
