import { authorize } from '../../platform/access/policy.ts';
import { recordSeekerAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { employerLabels } from '../employers/employers.service.ts';
import { recommendSeekers, type SeekerItem } from '../matching/matching.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { getPostingsNamedBy } from '../postings/postings.service.ts';
import { requireSeeker } from '../seekers/access.service.ts';
import { findEventEmployers } from './events.repository.ts';
import { requireEvent } from './events.service.ts';
import { seoulDateTime } from './events.time.ts';
import { findInvitations, insertInvitation, setInvitationNotification } from './invitations.repository.ts';
import './events.messages.ts';

/** Candidates per posting a pre-event matching answers at most. */
export const MAX_MATCHES = 50;

type InvitationRow = Awaited<ReturnType<typeof findInvitations>>[number];

function presentInvitation(r: InvitationRow) {
  return {
    id: r.id,
    eventId: r.event_id,
    seekerId: r.seeker_id,
    postingId: r.posting_id,
    employerId: r.employer_id,
    score: r.score,
    notificationId: r.notification_id,
    response: r.response,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
export type InvitationView = ReturnType<typeof presentInvitation>;

/** The approved employers' postings of an event, each with its employer and title. */
async function eventPostings(ctx: RequestContext, eventId: string) {
  const employers = (await findEventEmployers(ctx.db, eventId)).filter((e) => e.status === 'approved');
  const postingIds = employers.flatMap((e) => e.posting_ids);
  const [postings, names] = await Promise.all([
    getPostingsNamedBy(ctx.db, postingIds),
    employerLabels(
      ctx.db,
      employers.map((e) => e.employer_id),
    ),
  ]);
  // An employer's own posting only (addEventEmployer checked it; a posting moved since is left out).
  return employers.flatMap((e) =>
    e.posting_ids
      .filter((id) => postings.get(id)?.employerId === e.employer_id)
      .map((postingId) => ({
        postingId,
        employerId: e.employer_id,
        employerName: names.get(e.employer_id)?.name ?? null,
        title: postings.get(postingId)?.title ?? null,
        open: postings.get(postingId)?.status === 'open',
      })),
  );
}

/**
 * Pre-event matching (API: GET /events/{id}/matches): for each posting an approved employer
 * brings, the best candidates the matching engine finds among the seekers this counsellor may
 * match (its own centres, or shared by consent), each with the reasons and whether the seeker
 * is already invited. The matching feature logs each candidate shown.
 */
export async function eventMatches(ctx: RequestContext, o: { eventId: string; limit?: number }) {
  authorize(ctx.actor, 'events.manage');
  const event = await requireEvent(ctx, o.eventId, { manage: true });
  const limit = Math.min(Math.max(o.limit ?? 10, 1), MAX_MATCHES);
  const [postings, invited] = await Promise.all([
    eventPostings(ctx, event.id),
    findInvitations(ctx.db, event.id),
  ]);
  const invitedIds = new Set(invited.map((i) => i.seeker_id));
  const items = [];
  for (const p of postings) {
    const candidates: SeekerItem[] = p.open
      ? (await recommendSeekers(ctx, { postingId: p.postingId, limit })).items
      : [];
    items.push({
      ...p,
      candidates: candidates.map((c) => ({ ...c, invited: invitedIds.has(c.seekerId) })),
    });
  }
  return { items };
}

/**
 * Staff invite a matched seeker (API: POST /events/{id}/invitations): the seeker must be one
 * this counsellor may match and refer (the one access rule), the posting one an approved
 * employer brings to the event. The invitation and its message (`event_match_invitation`
 * through notify, in the same transaction) are recorded together; a second invitation of the
 * same seeker to the event is 409 `invitation.duplicate`.
 */
export async function inviteSeeker(
  ctx: RequestContext,
  o: { eventId: string; seekerId: string; postingId: string; score?: number; baseUrl: string },
) {
  authorize(ctx.actor, 'events.manage');
  const event = await requireEvent(ctx, o.eventId, { manage: true, open: true });
  const posting = (await eventPostings(ctx, event.id)).find((p) => p.postingId === o.postingId);
  if (!posting) throw invalid([{ field: 'postingId', key: 'invitation.posting' }]);
  const seeker = (await requireSeeker(ctx, o.seekerId, 'refer')).seeker;
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await insertInvitation(tx, {
        id: uuidv7(),
        event_id: event.id,
        centre_id: event.centre_id,
        seeker_id: seeker.id,
        posting_id: posting.postingId,
        employer_id: posting.employerId,
        score: o.score ?? null,
        invited_by: ctx.actor.userId,
      });
      const notificationId = await notify(tx, {
        templateKey: 'event_match_invitation',
        recipient: { kind: 'seeker', id: seeker.id },
        centreId: event.centre_id,
        variables: {
          event: event.title,
          at: seoulDateTime(new Date(event.starts_at)),
          place: event.venue ?? event.online_url ?? '',
          company: posting.employerName ?? '',
          posting: posting.title ?? '',
          link: `${o.baseUrl.replace(/\/$/, '')}/events/${event.id}/invitation`,
        },
        source: 'event.invitation',
        dedupeKey: `event_match_invitation:${event.id}:${seeker.id}`,
      });
      await setInvitationNotification(tx, row.id, notificationId);
      await recordSeekerAccess(tx, ctx, 'create', seeker, 'event_invitation');
      return presentInvitation({ ...row, notification_id: notificationId });
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict('invitation.duplicate');
    throw e;
  }
}

/** The invitations of an event, first sent first (API: GET /events/{id}/invitations). */
export async function listInvitations(ctx: RequestContext, o: { eventId: string }) {
  authorize(ctx.actor, 'events.manage');
  const event = await requireEvent(ctx, o.eventId, { manage: true });
  return (await findInvitations(ctx.db, event.id)).map(presentInvitation);
}
