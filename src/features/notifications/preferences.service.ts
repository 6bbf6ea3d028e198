import type { RequestContext } from '../../platform/context.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { requireSeeker } from '../seekers/access.service.ts';
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

/** /me: the seeker's own choice (source self). */
export async function setOwnPreferences(ctx: RequestContext, change: PreferenceChange) {
  const seekerId = ctx.actor.seekerId;
  if (!seekerId) throw new DomainError('forbidden', 'error.forbidden');
  return ctx.db.transaction().execute(async (tx) => {
    const { seeker } = await requireSeeker({ db: tx, actor: ctx.actor }, seekerId, 'privacy');
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
  const seekerId = ctx.actor.seekerId;
  if (!seekerId) throw new DomainError('forbidden', 'error.forbidden');
  return readPreferences(ctx.db, 'seeker', seekerId);
}
