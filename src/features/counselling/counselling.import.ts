import { Type } from 'typebox';
import { recordAccesses } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem } from '../../platform/errors.ts';
import { uuidPattern, uuidv7 } from '../../platform/ids.ts';
import { schemaProblems, unflatten } from '../imports/csv.ts';
import { type ImportContext, registerImporter } from '../imports/registry.ts';
import { insertCounselling } from './counselling.repository.ts';
import { CHANNELS, TYPES } from './counselling.schema.ts';
import {
  type CheckedCounselling,
  checkCounselling,
  counsellingSeeker,
  refreshSeekerSearchIfAvailable,
} from './counselling.service.ts';

const SeekerRef = {
  seekerId: Type.Optional(Type.String({ pattern: uuidPattern })),
  seekerExternalId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
};

/** One CSV row of a counselling import (API.md: the seeker named by id or externalId). */
const Row = Type.Object(
  {
    ...SeekerRef,
    at: Type.String({ minLength: 1, maxLength: 40 }),
    channel: Type.Enum([...CHANNELS]),
    type: Type.Enum([...TYPES]),
    notes: Type.String({ minLength: 1, maxLength: 10000 }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    nextContactAt: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export interface SeekerRefValue {
  id: string;
  centre_id: string;
}

function notFoundAsUndefined(e: unknown): undefined {
  if (e instanceof DomainError && e.code === 'not_found') return undefined;
  throw e;
}

/**
 * Resolves `seekerId` (any seeker in the actor's scope) or `seekerExternalId` (unique per
 * centre: looked up in the import's centre). External ids are loaded once per import, so a
 * file of 50,000 rows costs one query instead of 50,000.
 */
export async function resolveSeekerRef(
  ctx: ImportContext,
  ref: { seekerId?: string; seekerExternalId?: string },
): Promise<{ seeker?: SeekerRefValue; errors: FieldProblem[] }> {
  if (ref.seekerId) {
    const cache = cacheOf<SeekerRefValue | null>(ctx, 'seekerById');
    if (!cache.has(ref.seekerId)) {
      const s = ctx.actor
        ? await counsellingSeeker(ctx.db, ctx.actor, ref.seekerId).catch(notFoundAsUndefined)
        : await ctx.db
            .selectFrom('seekers')
            .select(['id', 'centre_id'])
            .where('id', '=', ref.seekerId)
            .executeTakeFirst();
      cache.set(ref.seekerId, s ? { id: s.id, centre_id: s.centre_id } : null);
    }
    const s = cache.get(ref.seekerId);
    return s ? { seeker: s, errors: [] } : { errors: [{ field: 'seekerId', key: 'import.seekerNotFound' }] };
  }
  if (ref.seekerExternalId) {
    if (!ctx.centreId) return { errors: [{ field: 'seekerExternalId', key: 'import.centreRequired' }] };
    let map = ctx.state.get('seekerByExternal') as Map<string, string> | undefined;
    if (!map) {
      const rows = await ctx.db
        .selectFrom('seekers')
        .select(['id', 'external_id'])
        .where('centre_id', '=', ctx.centreId)
        .where('external_id', 'is not', null)
        .execute();
      map = new Map(rows.map((r) => [r.external_id!, r.id]));
      ctx.state.set('seekerByExternal', map);
    }
    const id = map.get(ref.seekerExternalId);
    return id
      ? { seeker: { id, centre_id: ctx.centreId }, errors: [] }
      : { errors: [{ field: 'seekerExternalId', key: 'import.seekerNotFound' }] };
  }
  return { errors: [{ field: 'seekerId', key: 'import.seekerRequired' }] };
}

function cacheOf<V>(ctx: ImportContext, key: string): Map<string, V> {
  let m = ctx.state.get(key) as Map<string, V> | undefined;
  if (!m) {
    m = new Map();
    ctx.state.set(key, m);
  }
  return m;
}

const REFRESH_LIMIT = 2000;

interface CounsellingValue extends CheckedCounselling {
  seeker: SeekerRefValue;
}

registerImporter<CounsellingValue>('counselling', {
  columns: Object.keys(Row.properties),
  async validateRow(raw, ctx) {
    const input = unflatten(raw);
    const errors = schemaProblems(Row, input);
    const row = input as unknown as { seekerId?: string; seekerExternalId?: string } & Parameters<
      typeof checkCounselling
    >[0];
    const ref = errors.some((e) => e.field.startsWith('seeker'))
      ? { errors: [] }
      : await resolveSeekerRef(ctx, row);
    errors.push(...ref.errors);
    // Date rules run even when other cells are wrong, so one pass names every bad field.
    const checked = checkCounselling({
      ...row,
      at: typeof row.at === 'string' ? row.at : '',
      notes: typeof row.notes === 'string' ? row.notes : '-',
    });
    for (const e of checked.errors) if (!errors.some((x) => x.field === e.field)) errors.push(e);
    if (errors.length || !checked.value) return { errors };
    return { value: { ...checked.value, seeker: ref.seeker! }, errors: [] };
  },
  async insertBatch(tx, actor, values, ctx) {
    await insertCounselling(
      tx,
      values.map((v) => ({
        id: uuidv7(),
        seeker_id: v.seeker.id,
        centre_id: v.seeker.centre_id,
        at: v.at,
        channel: v.channel,
        type: v.type,
        title: v.title,
        notes: v.notes,
        next_contact_at: v.nextContactAt,
        counsellor_id: actor?.userId ?? null,
      })),
    );
    await recordAccesses(
      tx,
      values.map((v) => ({
        actor,
        ip: ctx.ip,
        action: 'create' as const,
        subjectType: 'counselling',
        subjectId: v.seeker.id,
        centreId: v.seeker.centre_id,
      })),
    );
    const touched = cacheOf<true>(ctx, 'touchedSeekers');
    for (const v of values) touched.set(v.seeker.id, true);
  },
  async finish(tx: Db, ctx) {
    // refreshSeekerSearch is per seeker and costs ~10 ms each inside a big transaction; past
    // REFRESH_LIMIT seekers the import would take hours, so large files leave the (title-only)
    // search tokens to a set-based refresh. LEAD: replace with refreshSeekerSearchMany once the
    // seekers feature offers one.
    const touched = [...cacheOf<true>(ctx, 'touchedSeekers').keys()];
    if (touched.length > REFRESH_LIMIT) return;
    for (const id of touched) await refreshSeekerSearchIfAvailable(tx, id);
  },
});
