import { Type } from 'typebox';
import { recordAccesses } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem } from '../../platform/errors.ts';
import { uuidPattern, uuidv7 } from '../../platform/ids.ts';
import { schemaProblems, unflatten } from '../../platform/imports/csv.ts';
import { importState, registerImporter } from '../../platform/imports/registry.ts';
import { requireDeskSession } from '../desks/desks.service.ts';
import { resolveSeekerRef, type SeekerRefValue } from '../seekers/seeker-refs.service.ts';
import { insertCounselling } from './counselling.repository.ts';
import { CHANNELS, TYPES } from './counselling.schema.ts';
import {
  type CheckedCounselling,
  checkCounselling,
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
    /** the mobile-desk session the counselling was held at (channel mobile_desk) */
    deskSessionId: Type.Optional(Type.String({ pattern: uuidPattern })),
  },
  { additionalProperties: false },
);

const REFRESH_LIMIT = 2000;

interface CounsellingValue extends CheckedCounselling {
  seeker: SeekerRefValue;
  deskSessionId: string | null;
}

/**
 * The row's mobile-desk session, checked as the API checks it (desks' requireDeskSession: in the
 * importer's centres, not cancelled) and only with channel mobile_desk.
 */
async function deskSessionOf(
  ctx: Parameters<typeof requireDeskSession>[0],
  row: { deskSessionId?: unknown; channel?: unknown },
  errors: FieldProblem[],
): Promise<string | null> {
  if (typeof row.deskSessionId !== 'string' || !row.deskSessionId) return null;
  if (errors.some((e) => e.field === 'deskSessionId')) return null;
  if (row.channel !== 'mobile_desk') {
    errors.push({ field: 'channel', key: 'desk.channel' });
    return null;
  }
  try {
    return (await requireDeskSession(ctx, row.deskSessionId)).id;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    errors.push(...err.fields);
    return null;
  }
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
    const deskSessionId = await deskSessionOf({ db: ctx.db, actor: ctx.actor }, row, errors);
    if (errors.length || !checked.value) return { errors };
    return { value: { ...checked.value, seeker: ref.seeker!, deskSessionId }, errors: [] };
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
        desk_session_id: v.deskSessionId,
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
    const touched = importState<true>(ctx, 'touchedSeekers');
    for (const v of values) touched.set(v.seeker.id, true);
  },
  async finish(tx: Db, ctx) {
    // refreshSeekerSearch is per seeker and costs ~10 ms each inside a big transaction; past
    // REFRESH_LIMIT seekers the import would take hours, so large files leave the (title-only)
    // search tokens to a set-based refresh. LEAD: replace with refreshSeekerSearchMany once the
    // seekers feature offers one.
    const touched = [...importState<true>(ctx, 'touchedSeekers').keys()];
    if (touched.length > REFRESH_LIMIT) return;
    for (const id of touched) await refreshSeekerSearchIfAvailable(tx, id);
  },
});
