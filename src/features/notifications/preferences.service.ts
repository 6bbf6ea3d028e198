import type { RequestContext } from '../../platform/context.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { requireEmployerServed } from '../employers/employers.service.ts';
import { requireSeeker } from '../seekers/access.service.ts';
import { ownRecipient } from './notifications.service.ts';
import { type PreferenceChange, readPreferences, writePreferences } from './preferences.ts';

// A recipient's notification choices as staff and the recipient change them (the store and
// its log are in preferences.ts).

/** PUT /seekers/{id}/notification-preferences: staff record a seeker's choice (source staff). */
export async function setSeekerPreferences(ctx: RequestContext, seekerId: string, change: PreferenceChange) {
  return ctx.db.transaction().execute(async (tx) => {
    const { seeker, full } = await requireSeeker({ db: tx, actor: ctx.actor }, seekerId, 'change');
    if (!full) throw notFound('seeker.notFound');
    return writePreferences(
      tx,
      { kind: 'seeker', id: seeker.id, centreId: seeker.centre_id },
      change,
      'staff',
      ctx.actor.userId,
    );
  });
}

export async function getSeekerPreferences(ctx: RequestContext, seekerId: string) {
  const { seeker } = await requireSeeker(ctx, seekerId, 'view');
  return readPreferences(ctx.db, 'seeker', seeker.id);
}

/**
 * /me: the signed-in recipient's own choice (source self): a seeker's, or a company account's
 * for its company (the employers feature's rule, as staff reach it).
 */
export async function setOwnPreferences(ctx: RequestContext, change: PreferenceChange) {
  const own = ownRecipient(ctx);
  if (own.kind === 'employer') return setEmployerPreferences(ctx, own.id, change);
  return ctx.db.transaction().execute(async (tx) => {
    const { seeker } = await requireSeeker({ db: tx, actor: ctx.actor }, own.id, 'privacy');
    return writePreferences(
      tx,
      { kind: 'seeker', id: seeker.id, centreId: seeker.centre_id },
      change,
      'self',
      ctx.actor.userId,
    );
  });
}

export async function getOwnPreferences(ctx: RequestContext) {
  const own = ownRecipient(ctx);
  if (own.kind === 'employer') return getEmployerPreferences(ctx, own.id);
  return readPreferences(ctx.db, 'seeker', own.id);
}

/**
 * GET/PUT /employers/{id}/notification-preferences: the company itself (its own account, source
 * self) or staff of a centre that serves it (source staff), by the employers feature's one
 * rule (`requireEmployerServed`). A partner key never changes them.
 */
export async function getEmployerPreferences(ctx: RequestContext, employerId: string) {
  const e = await requireEmployerServed(ctx.db, ctx.actor, employerId, 'id');
  return readPreferences(ctx.db, 'employer', e.id);
}

export async function setEmployerPreferences(
  ctx: RequestContext,
  employerId: string,
  change: PreferenceChange,
) {
  if (ctx.actor.partner) throw new DomainError('forbidden', 'error.forbidden');
  return ctx.db.transaction().execute(async (tx) => {
    const e = await requireEmployerServed(tx, ctx.actor, employerId, 'id');
    return writePreferences(
      tx,
      { kind: 'employer', id: e.id, centreId: e.centreId },
      change,
      ctx.actor.role === 'employer' ? 'self' : 'staff',
      ctx.actor.userId,
    );
  });
}
