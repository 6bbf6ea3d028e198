import type { FieldProblem } from '../../platform/errors.ts';
import { DomainError } from '../../platform/errors.ts';
import type { ColumnType } from '../../platform/imports/csv.ts';
import { schemaProblems, unflatten } from '../../platform/imports/csv.ts';
import { registerImporter } from '../../platform/imports/registry.ts';
import {
  beginSeekerImport,
  checkSeekerBatch,
  identityOf,
  insertSeekerBatch,
  type PreparedSeeker,
  prepareSeeker,
  recheckSeekerImport,
} from './register-batch.service.ts';
import { SeekerCreate } from './seekers.schema.ts';
import { seoulToday } from './seekers.validate.ts';

// CSV columns are the JSON field names with dots (desired.wageMin, careers.0.company); lists
// are joined with ';'. Career columns are numbered, so their types are derived per row.
const types: Record<string, ColumnType> = {
  targetGroups: 'list',
  'desired.occupations': 'list',
  'desired.regions': 'list',
  'desired.employmentTypes': 'list',
  'desired.wageMin': 'integer',
  certificates: 'list',
  keywords: 'list',
  'consent.shareWithNetwork': 'boolean',
  'consent.sensitive': 'boolean',
};

function rowTypes(row: Record<string, string>): Record<string, ColumnType> {
  const out = { ...types };
  for (const col of Object.keys(row)) if (/^careers\.\d+\.months$/.test(col)) out[col] = 'integer';
  return out;
}

type Item = PreparedSeeker & { rowNo: number };
type Imported = { row: number; id: string; name: string; birthDate: string; phoneBi: string };

/** Per-import state: identities and external ids seen in the file, rows written so far. */
function stateOf(state: Map<string, unknown>) {
  let s = state.get('seekers') as { seen: Map<string, number>; imported: Imported[] } | undefined;
  if (!s) {
    s = { seen: new Map(), imported: [] };
    state.set('seekers', s);
  }
  return s;
}

/**
 * Seekers import (`POST /api/v1/imports/seekers`, `ilteo import seekers`): the same rules as
 * `POST /api/v1/seekers`, channel 'import', written a batch at a time (one insert per batch,
 * one access-log row per seeker). A row that repeats a person registered already (visible to
 * the importing actor) or earlier in the file, or an external id already used in the centre,
 * is rejected with the field named. The import holds one lock for the centre; a person
 * registered elsewhere while it ran fails it at the end (`seeker.importRaced`).
 */
registerImporter<Item>('seekers', {
  async begin(tx, ctx) {
    if (ctx.centreId) await beginSeekerImport(tx, ctx.centreId);
  },
  validateRow(raw, ctx, rowNo) {
    const input = unflatten(raw, rowTypes(raw)) as SeekerCreate;
    delete input.centreId;
    const errors: FieldProblem[] = schemaProblems(SeekerCreate, input);
    if (!ctx.centreId) errors.push({ field: 'centreId', key: 'seeker.noCentre' });
    if (errors.length) return { errors };
    const { prepared, problems } = prepareSeeker(ctx.dataKey, input, seoulToday());
    if (!prepared) return { errors: problems };
    // Within the file: a person or an external id named twice (the table is checked per batch).
    const { seen } = stateOf(ctx.state);
    const identity = identityOf(prepared);
    if (seen.has(identity)) return { errors: [{ field: 'name', key: 'seeker.duplicate' }] };
    const ext = prepared.values.externalId ? `ext|${prepared.values.externalId}` : null;
    if (ext && seen.has(ext)) return { errors: [{ field: 'externalId', key: 'seeker.externalIdTaken' }] };
    seen.set(identity, rowNo);
    if (ext) seen.set(ext, rowNo);
    return { errors: [], value: { ...prepared, rowNo } };
  },
  checkBatch(tx, values, ctx) {
    return checkSeekerBatch(
      tx,
      ctx.actor,
      ctx.centreId!,
      values.map((v) => v.value),
      seoulToday(),
    );
  },
  async insertBatch(tx, actor, values, ctx) {
    const ids = await insertSeekerBatch(tx, actor, ctx.centreId!, values, { channel: 'import' });
    const { imported } = stateOf(ctx.state);
    for (const [i, v] of values.entries()) {
      imported.push({
        row: v.rowNo,
        id: ids[i]!,
        name: v.values.name,
        birthDate: v.values.birthDate,
        phoneBi: v.row.phone_bi,
      });
    }
    // Written just before commit, so the access log's chain head is held for moments only.
    ctx.deferAccess({ action: 'create', subjectType: 'seeker', centreId: ctx.centreId, subjectIds: ids });
  },
  async finish(tx, ctx) {
    const { imported } = stateOf(ctx.state);
    if (!ctx.centreId || imported.length === 0) return;
    const hits = await recheckSeekerImport(tx, ctx.actor, ctx.centreId, imported, seoulToday());
    if (hits.length) {
      throw new DomainError(
        'conflict',
        'seeker.importRaced',
        { count: hits.length },
        hits
          .slice(0, 100)
          .map((i) => ({ field: `rows[${imported[i]!.row}].name`, key: 'seeker.registeredMeanwhile' })),
      );
    }
  },
});
