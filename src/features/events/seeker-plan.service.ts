import { authorize, inScope } from '../../platform/access/policy.ts';
import { recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { employerLabels } from '../employers/employers.service.ts';
import { getPostingsNamedBy } from '../postings/postings.service.ts';
import { INTERVIEW_RESULTS, INVITATION_RESPONSES, type InvitationResponse, nameOf } from './events.codes.ts';
import {
  findEventEmployers,
  findLiveRegistrationOf,
  findSeekerBookingsAt,
  findSlots,
} from './events.repository.ts';
import { isStaff, requireEvent } from './events.service.ts';
import { findInvitationOf, setInvitationResponse } from './invitations.repository.ts';
import { register } from './registrations.service.ts';
import './events.messages.ts';

// A seeker's side of pre-event matching: the invitation opened on a phone and answered, and
// the interview plan — which companies and times the seeker is booked with at an event, with
// a proposed free time at each inviting company not booked yet (never overlapping).

type Ctx = RequestContext;

/** The seeker account's own id, or 404 (the invitation is only ever the seeker's own). */
function ownSeekerId(ctx: Ctx): string {
  if (ctx.actor.role !== 'seeker' || !ctx.actor.seekerId) throw notFound('invitation.notFound');
  return ctx.actor.seekerId;
}

/** The companies of an event: name, booth and posting titles, by employer id. */
async function companies(ctx: Ctx, eventId: string) {
  const rows = (await findEventEmployers(ctx.db, eventId)).filter((e) => e.status === 'approved');
  const [names, postings] = await Promise.all([
    employerLabels(
      ctx.db,
      rows.map((r) => r.employer_id),
    ),
    getPostingsNamedBy(
      ctx.db,
      rows.flatMap((r) => r.posting_ids),
    ),
  ]);
  return new Map(
    rows.map((r) => [
      r.employer_id,
      {
        name: names.get(r.employer_id)?.name ?? '',
        booth: r.booth,
        postings: r.posting_ids.flatMap((id) =>
          postings.get(id)?.title ? [postings.get(id)?.title as string] : [],
        ),
      },
    ]),
  );
}

/** The signed-in seeker's invitation to an event (the page a pre-matched seeker opens). */
export async function myInvitation(ctx: Ctx, o: { eventId: string }) {
  const seekerId = ownSeekerId(ctx);
  const event = await requireEvent(ctx, o.eventId);
  const inv = await findInvitationOf(ctx.db, event.id, seekerId);
  if (!inv) throw notFound('invitation.notFound');
  const [who, posting, reg] = await Promise.all([
    companies(ctx, event.id),
    inv.posting_id ? getPostingsNamedBy(ctx.db, [inv.posting_id]) : new Map(),
    findLiveRegistrationOf(ctx.db, event.id, seekerId),
  ]);
  const company = inv.employer_id ? who.get(inv.employer_id) : undefined;
  return {
    id: inv.id,
    eventId: event.id,
    employerId: inv.employer_id,
    employerName: company?.name ?? null,
    booth: company?.booth ?? null,
    postingId: inv.posting_id,
    postingTitle: (inv.posting_id && posting.get(inv.posting_id)?.title) || null,
    response: inv.response,
    responseName: inv.response ? nameOf(INVITATION_RESPONSES, inv.response, ctx.lang) : null,
    respondedAt: inv.responded_at ? new Date(inv.responded_at).toISOString() : null,
    registered: reg?.status ?? null,
  };
}

/**
 * The seeker answers the invitation (API: POST /events/{id}/invitation/answer). Accepting
 * registers the seeker for the event (waiting list past capacity) in the same transaction, unless
 * already registered; declining records the answer only. An answer can change until the event
 * ends (409 `invitation.over` after).
 */
export async function answerInvitation(
  ctx: RequestContext,
  o: { eventId: string; response: InvitationResponse; now?: Date },
) {
  authorize(ctx.actor, 'events.take_part');
  const seekerId = ownSeekerId(ctx);
  const event = await requireEvent(ctx, o.eventId);
  if (new Date(event.ends_at).getTime() <= (o.now ?? new Date()).getTime()) throw conflict('invitation.over');
  await ctx.db.transaction().execute(async (tx) => {
    const inv = await findInvitationOf(tx, event.id, seekerId, { lock: true });
    if (!inv) throw notFound('invitation.notFound');
    await setInvitationResponse(tx, inv.id, o.response);
    if (o.response === 'accepted' && !(await findLiveRegistrationOf(tx, event.id, seekerId))) {
      await register({ ...ctx, db: tx }, { eventId: event.id });
    }
  });
  return myInvitation(ctx, { eventId: event.id });
}

/**
 * A seeker's interview plan at an event: the booked interviews in time order (company, booth,
 * postings, the meeting link of a video slot, the result once entered) and, for each company
 * that invited the seeker and is not booked yet, the first free future slot that overlaps
 * neither the bookings nor another proposal. The seeker reads its own; staff of the event's
 * centre read anyone's (the view is access-logged).
 */
export async function interviewPlan(ctx: Ctx, o: { eventId: string; seekerId?: string; now?: Date }) {
  const staff = isStaff(ctx.actor);
  const seekerId = staff ? o.seekerId : ownSeekerId(ctx);
  if (!seekerId) throw notFound('seeker.notFound');
  const event = await requireEvent(ctx, o.eventId, { manage: staff });
  const [plans] = await plansOf(ctx, event, [seekerId], o.now);
  if (staff)
    await recordSeekerViews(ctx.db, ctx, [{ id: seekerId, centreId: event.centre_id }], 'interview plan');
  return plans as Plan;
}

/** Every booked seeker's plan at an event, for the desk to print (staff of the event's centre). */
export async function eventPlans(ctx: Ctx, o: { eventId: string; now?: Date }) {
  authorize(ctx.actor, 'events.manage');
  const event = await requireEvent(ctx, o.eventId, { manage: true });
  if (!inScope(ctx.actor, event.centre_id)) throw notFound('event.notFound');
  const ids = [...new Set((await findSeekerBookingsAt(ctx.db, event.id, null)).map((b) => b.seeker_id))];
  return plansOf(ctx, event, ids, o.now);
}

type EventRow = Awaited<ReturnType<typeof requireEvent>>;

async function plansOf(ctx: Ctx, event: EventRow, seekerIds: string[], now = new Date()) {
  const [bookings, who, slots] = await Promise.all([
    findSeekerBookingsAt(ctx.db, event.id, seekerIds),
    companies(ctx, event.id),
    // A cancelled event proposes no time.
    event.cancelled_at ? Promise.resolve([]) : findSlots(ctx.db, event.id, true),
  ]);
  const invitations = await Promise.all(seekerIds.map((id) => findInvitationOf(ctx.db, event.id, id)));
  const taken = new Set<string>();
  return seekerIds.map((seekerId, i) => {
    const mine = bookings.filter((b) => b.seeker_id === seekerId);
    const busy = mine.map((b) => [new Date(b.starts_at).getTime(), new Date(b.ends_at).getTime()] as const);
    const booked = new Set(mine.map((b) => b.employer_id));
    const inv = invitations[i];
    const proposals = [];
    if (inv?.employer_id && inv.response !== 'declined' && !booked.has(inv.employer_id)) {
      const free = slots.find((s) => {
        const [a, z] = [new Date(s.starts_at).getTime(), new Date(s.ends_at).getTime()];
        return (
          s.employer_id === inv.employer_id &&
          a > now.getTime() &&
          !taken.has(s.id) &&
          busy.every(([x, y]) => z <= x || a >= y)
        );
      });
      if (free) {
        taken.add(free.id);
        proposals.push({
          slotId: free.id,
          employerId: free.employer_id,
          employerName: who.get(free.employer_id)?.name ?? '',
          startsAt: new Date(free.starts_at).toISOString(),
          endsAt: new Date(free.ends_at).toISOString(),
        });
      }
    }
    return {
      eventId: event.id,
      eventTitle: event.title,
      venue: event.venue,
      startsAt: new Date(event.starts_at).toISOString(),
      seekerId,
      interviews: mine.map((b) => ({
        bookingId: b.id,
        slotId: b.slot_id,
        employerId: b.employer_id,
        employerName: who.get(b.employer_id)?.name ?? '',
        booth: who.get(b.employer_id)?.booth ?? null,
        postings: who.get(b.employer_id)?.postings ?? [],
        startsAt: new Date(b.starts_at).toISOString(),
        endsAt: new Date(b.ends_at).toISOString(),
        meetingUrl: b.meeting_url,
        result: b.result,
        resultName: b.result ? nameOf(INTERVIEW_RESULTS, b.result, ctx.lang) : null,
      })),
      proposals,
    };
  });
}
export type Plan = Awaited<ReturnType<typeof plansOf>>[number];
