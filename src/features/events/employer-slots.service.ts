import { authorize } from '../../platform/access/policy.ts';
import { recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { maskName } from '../referrals/employer-link.service.ts';
import { applicantNames } from '../seekers/applicant.service.ts';
import { findEmployerSlots } from './employer-slots.repository.ts';
import { EVENT_KINDS, INTERVIEW_RESULTS, nameOf } from './events.codes.ts';
import { DAY_MS } from './events.time.ts';

/**
 * The employer portal's own interview slots (API: GET /employer/event-slots): an employer
 * account sees the slots of its company at events starting from `days` back to a year ahead,
 * each with who booked it — the name masked (홍*동), as on the referral answer page, nothing
 * else of the person — and the result. Each name shown is access-logged as a view.
 */
export async function employerSlots(ctx: RequestContext, o: { daysBack?: number } = {}) {
  authorize(ctx.actor, 'events.take_part');
  const employerId = ctx.actor.role === 'employer' ? ctx.actor.employerId : null;
  if (!employerId) throw notFound('employer.notFound');
  const now = Date.now();
  const rows = await findEmployerSlots(
    ctx.db,
    employerId,
    new Date(now - (o.daysBack ?? 30) * DAY_MS),
    new Date(now + 366 * DAY_MS),
  );
  const booked = rows.flatMap((r) => (r.seeker_id ? [r.seeker_id] : []));
  const names = await applicantNames(ctx.db, booked);
  await recordSeekerViews(
    ctx.db,
    ctx,
    booked.map((id) => ({ id, centreId: names.get(id)?.centreId ?? null })),
    'event interview (employer)',
  );
  return rows.map((r) => ({
    slotId: r.id,
    eventId: r.event_id,
    eventTitle: r.title,
    kind: r.kind,
    kindName: nameOf(EVENT_KINDS, r.kind, ctx.lang),
    place: r.booth ? `${r.venue ?? ''} ${r.booth}`.trim() : r.venue,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    meetingUrl: r.meeting_url,
    taken: r.booking_id !== null,
    seekerName: r.seeker_id ? maskName(names.get(r.seeker_id)?.name ?? '') : null,
    result: r.result,
    resultName: r.result ? nameOf(INTERVIEW_RESULTS, r.result, ctx.lang) : null,
  }));
}
export type EmployerSlotView = Awaited<ReturnType<typeof employerSlots>>[number];
