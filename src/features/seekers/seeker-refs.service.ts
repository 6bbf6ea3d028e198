import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem } from '../../platform/errors.ts';
import { type ImportContext, importState } from '../../platform/imports/registry.ts';
import { requireSeeker } from './access.service.ts';
import { externalIdMap, seekerCentreById } from './seekers.repository.ts';

/** The seeker a row of another feature's import names: its id and centre. */
export interface SeekerRefValue {
  id: string;
  centre_id: string;
}

function notFoundAsUndefined(e: unknown): undefined {
  if (e instanceof DomainError && e.code === 'not_found') return undefined;
  throw e;
}

/**
 * Resolves the seeker a CSV row names (counselling and employments imports): `seekerId` (a
 * seeker the actor may keep casework for, the access rule's `counsel`; any seeker when the
 * import runs as the system) or `seekerExternalId` (unique per centre: looked up in the
 * import's centre). Answers are cached for the import and external ids loaded once, so a file
 * of 50,000 rows costs one query instead of 50,000.
 */
export async function resolveSeekerRef(
  ctx: ImportContext,
  ref: { seekerId?: string; seekerExternalId?: string },
): Promise<{ seeker?: SeekerRefValue; errors: FieldProblem[] }> {
  if (ref.seekerId) {
    const cache = importState<SeekerRefValue | null>(ctx, 'seekerById');
    if (!cache.has(ref.seekerId)) {
      const s = ctx.actor
        ? (
            await requireSeeker({ db: ctx.db, actor: ctx.actor }, ref.seekerId, 'counsel').catch(
              notFoundAsUndefined,
            )
          )?.seeker
        : await seekerCentreById(ctx.db, ref.seekerId);
      cache.set(ref.seekerId, s ? { id: s.id, centre_id: s.centre_id } : null);
    }
    const s = cache.get(ref.seekerId);
    return s ? { seeker: s, errors: [] } : { errors: [{ field: 'seekerId', key: 'import.seekerNotFound' }] };
  }
  if (ref.seekerExternalId) {
    if (!ctx.centreId) return { errors: [{ field: 'seekerExternalId', key: 'import.centreRequired' }] };
    const cache = importState<Map<string, string>>(ctx, 'seekerByExternal');
    let map = cache.get(ctx.centreId);
    if (!map) {
      map = await externalIdMap(ctx.db, ctx.centreId);
      cache.set(ctx.centreId, map);
    }
    const id = map.get(ref.seekerExternalId);
    return id
      ? { seeker: { id, centre_id: ctx.centreId }, errors: [] }
      : { errors: [{ field: 'seekerExternalId', key: 'import.seekerNotFound' }] };
  }
  return { errors: [{ field: 'seekerId', key: 'import.seekerRequired' }] };
}

/**
 * A seeker's id, centre and 구직번호 by id, without an access decision: for a seeker's own
 * account acting on its own record (the caller took the id from the signed-in actor).
 */
export async function seekerRefById(db: Db, seekerId: string) {
  return seekerCentreById(db, seekerId);
}
