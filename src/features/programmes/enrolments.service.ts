import { authorize } from '../../platform/access/policy.ts';
import { recordSeekerAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { koDate } from '../../web/dates.ts';
import { notify } from '../notifications/notifications.service.ts';
import { participantSeeker } from '../seekers/participant.service.ts';
import { ENROLMENT_CHANNELS, ENROLMENT_STATUSES, nameOf } from './programmes.codes.ts';
import {
  cancelEnrolmentRow,
  findEnrolment,
  findProgramme,
  findSessions,
  insertEnrolment,
  lockEnrolment,
  promoteFirstWaiting,
  releasePlace,
  takePlace,
  waitingPosition,
} from './programmes.repository.ts';
import { managesProgramme, type ProgrammeRow, requireProgramme } from './programmes.service.ts';
import './programmes.messages.ts';

type Row = NonNullable<Awaited<ReturnType<typeof findEnrolment>>>;

export function presentEnrolment(e: Row, lang: Lang = 'ko', position: number | null = null) {
  return {
    id: e.id,
    programmeId: e.programme_id,
    seekerId: e.seeker_id,
    status: e.status,
    statusName: nameOf(ENROLMENT_STATUSES, e.status, lang),
    channel: e.channel,
    channelName: nameOf(ENROLMENT_CHANNELS, e.channel, lang),
    waitingPosition: position,
    promotedAt: e.promoted_at ? new Date(e.promoted_at).toISOString() : null,
    holdUntil: e.hold_until ? new Date(e.hold_until).toISOString() : null,
    cancelReason: e.cancel_reason,
    cancelledAt: e.cancelled_at ? new Date(e.cancelled_at).toISOString() : null,
    createdAt: new Date(e.created_at).toISOString(),
  };
}
export type EnrolmentView = ReturnType<typeof presentEnrolment>;

/** The first session still to come (or the first one), as the messages name it. */
async function nextSessionText(db: Db, p: ProgrammeRow): Promise<string> {
  const sessions = await findSessions(db, p.id);
  const now = Date.now();
  const next = sessions.find((s) => new Date(s.starts_at).getTime() > now) ?? sessions[0];
  return next ? koDate(next.starts_at, 'ko', true) : koDate(p.first_starts_at, 'ko', true);
}

/** Tells a seeker their place is confirmed (`promoted`: it came from the waiting list). */
async function tellConfirmed(db: Db, p: ProgrammeRow, e: Row, promoted: boolean) {
  await notify(db, {
    templateKey: promoted ? 'programme_promoted' : 'programme_enrolled',
    recipient: { kind: 'seeker', id: e.seeker_id },
    centreId: p.centre_id,
    variables: { programme: p.title, at: await nextSessionText(db, p) },
    source: promoted ? 'programme.promoted' : 'programme.enrolled',
    dedupeKey: `programme.${promoted ? 'promoted' : 'enrolled'}:${e.id}`,
  });
}

/**
 * Tells people moved up from the waiting list: a confirmed place, or a place held for them
 * until their hold runs out (they confirm on the portal).
 */
export async function tellPromoted(db: Db, p: ProgrammeRow, rows: Row[]) {
  for (const e of rows) {
    if (e.status === 'registered') await tellConfirmed(db, p, e, true);
    else if (e.status === 'offered' && e.hold_until) {
      await notify(db, {
        templateKey: 'programme_offered',
        recipient: { kind: 'seeker', id: e.seeker_id },
        centreId: p.centre_id,
        variables: { programme: p.title, until: koDate(e.hold_until, 'ko', true) },
        source: 'programme.offered',
        dedupeKey: `programme.offered:${e.id}`,
      });
    }
  }
}

/**
 * Enrols a seeker (API: POST /programmes/{id}/enrolments): a seeker itself on the portal, or
 * staff for a seeker they may refer. The programme row is locked for the decision, and the
 * place is taken by the database (`taken + 1` while below the capacity, CHECK taken <=
 * capacity): `registered` while places are left, then `waitlisted` (or 409 programme.full
 * when the programme keeps no waiting list). One live enrolment per seeker (unique index →
 * 409 enrolment.duplicate). The seeker is told in the same transaction.
 */
export async function enrol(ctx: RequestContext, o: { programmeId: string; seekerId?: string; now?: Date }) {
  authorize(ctx.actor, 'programmes.enrol');
  const p = await requireProgramme(ctx, o.programmeId);
  const seeker = await participantSeeker(ctx, o.seekerId);
  if (new Date(p.last_ends_at).getTime() <= (o.now ?? new Date()).getTime())
    throw conflict('programme.ended');
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const locked = await findProgramme(tx, p.id, { lock: true });
      if (!locked) throw notFound('programme.notFound');
      const placed = await takePlace(tx, p.id);
      if (!placed && !locked.waitlist) throw conflict('programme.full');
      const e = await insertEnrolment(tx, {
        id: uuidv7(),
        programme_id: p.id,
        centre_id: p.centre_id,
        seeker_id: seeker.id,
        status: placed ? 'registered' : 'waitlisted',
        channel: ctx.actor.role === 'seeker' ? 'portal' : 'staff',
        created_by: ctx.actor.userId,
      });
      let position: number | null = null;
      if (placed) await tellConfirmed(tx, locked, e, false);
      else {
        position = await waitingPosition(tx, e.id);
        await notify(tx, {
          templateKey: 'programme_waitlisted',
          recipient: { kind: 'seeker', id: seeker.id },
          centreId: p.centre_id,
          variables: { programme: p.title, position: String(position) },
          source: 'programme.waitlisted',
          dedupeKey: `programme.waitlisted:${e.id}`,
        });
      }
      await recordSeekerAccess(tx, ctx, 'create', seeker, 'programme_enrolment');
      return presentEnrolment(e, ctx.lang, position);
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict('enrolment.duplicate');
    throw err;
  }
}

/**
 * Cancels an enrolment (API: POST /enrolments/{id}/cancel): the seeker its own, staff of the
 * programme's centre any (`programmeId`, when given, must be its programme: the desk page's
 * roster); a place offered from the waiting list is turned down the same way. A
 * freed place goes to the first on the waiting list in the same transaction (programme row
 * locked; the waiting row taken with SKIP LOCKED), who is told; with no one waiting the place is
 * given back. Two cancellations at once promote two people.
 */
export async function cancelEnrolment(ctx: RequestContext, o: { id: string; programmeId?: string }) {
  authorize(ctx.actor, 'programmes.enrol');
  const found = await findEnrolment(ctx.db, o.id);
  const e0 = o.programmeId && found?.programme_id !== o.programmeId ? undefined : found;
  const p = e0 ? await findProgramme(ctx.db, e0.programme_id) : undefined;
  const own = ctx.actor.role === 'seeker' && !!ctx.actor.seekerId && e0?.seeker_id === ctx.actor.seekerId;
  if (!e0 || !p || (!own && !managesProgramme(ctx.actor, p))) throw notFound('enrolment.notFound');
  return ctx.db.transaction().execute(async (tx) => {
    const locked = await findProgramme(tx, p.id, { lock: true });
    const e = await lockEnrolment(tx, e0.id);
    if (!locked || !e) throw notFound('enrolment.notFound');
    if (e.status === 'cancelled') throw conflict('enrolment.cancelled');
    const reason = e.status === 'offered' && own ? 'offer_declined' : 'cancelled';
    const row = await cancelEnrolmentRow(tx, e.id, ctx.actor.userId, reason);
    let promoted: Row | undefined;
    if (e.status === 'registered' || e.status === 'offered') {
      promoted = await promoteFirstWaiting(tx, p.id);
      if (promoted) await tellPromoted(tx, locked, [promoted]);
      else await releasePlace(tx, p.id);
    }
    await recordSeekerAccess(
      tx,
      ctx,
      'update',
      { id: e.seeker_id, centre_id: e.centre_id },
      'programme_enrolment',
    );
    return {
      ...presentEnrolment(row, ctx.lang),
      promoted: promoted ? presentEnrolment(promoted, ctx.lang) : null,
    };
  });
}
