import type { RequestContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { requireSeeker } from './access.service.ts';

// Who takes part when someone signs up for something (an event, an interview slot, a
// programme): a seeker for itself, or staff for a seeker they may refer. Shared by the
// features that take sign-ups; the access decision stays in `requireSeeker`.

/** Back-office staff acting in person (not a seeker, an employer or a partner key). */
export function isStaffActor(actor: Actor | null | undefined): actor is Actor {
  return !!actor && !['seeker', 'employer', 'partner'].includes(actor.role) && !actor.partner;
}

/**
 * The seeker a sign-up is for: a seeker's own record (naming another → 404), or for staff the
 * seeker named by `seekerId` (400 when missing; 404 unless they may refer that seeker).
 */
export async function participantSeeker(ctx: RequestContext, seekerId: string | undefined) {
  if (ctx.actor.role === 'seeker') {
    if (!ctx.actor.seekerId || (seekerId && seekerId !== ctx.actor.seekerId))
      throw notFound('seeker.notFound');
    return (await requireSeeker(ctx, ctx.actor.seekerId, 'view')).seeker;
  }
  if (!isStaffActor(ctx.actor)) throw notFound('seeker.notFound');
  if (!seekerId) throw invalid([{ field: 'seekerId', key: 'field.required' }]);
  return (await requireSeeker(ctx, seekerId, 'refer')).seeker;
}
