import { blindIndex } from '../../platform/crypto/fields.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import type { ColumnType } from '../imports/csv.ts';
import { schemaProblems, unflatten } from '../imports/csv.ts';
import { registerImporter } from '../imports/registry.ts';
import { findSeekerDuplicate, insertSeeker } from './register.service.ts';
import { SeekerCreate } from './seekers.schema.ts';
import { checkProfile, seoulToday } from './seekers.validate.ts';

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

/**
 * Seekers import (`POST /api/v1/imports/seekers`, `ilteo import seekers`): the same rules as
 * `POST /api/v1/seekers`, channel 'import'. A row that repeats a person already registered
 * (visible to the importing actor) or earlier in the file, or an external id already used in
 * the centre, is rejected with the field named.
 */
registerImporter<SeekerCreate>('seekers', {
  async validateRow(raw, ctx) {
    const input = unflatten(raw, rowTypes(raw)) as SeekerCreate;
    delete input.centreId;
    const errors: FieldProblem[] = schemaProblems(SeekerCreate, input);
    if (!ctx.centreId) errors.push({ field: 'centreId', key: 'seeker.noCentre' });
    if (errors.length) return { errors };
    const sensitive = input.consent?.sensitive === true;
    const { values, problems } = checkProfile(input, { today: seoulToday(), sensitiveConsent: sensitive });
    if (problems.length) return { errors: problems };
    const seen = (ctx.state.get('seekers.seen') as Set<string> | undefined) ?? new Set<string>();
    ctx.state.set('seekers.seen', seen);
    const identity = `${values.name}|${values.birthDate}|${blindIndex(ctx.dataKey, values.phone)}`;
    const dup =
      seen.has(identity) ||
      (ctx.actor &&
        (await findSeekerDuplicate(ctx.db, ctx.dataKey, ctx.actor, {
          name: values.name,
          birthDate: values.birthDate,
          phone: values.phone,
        })));
    if (dup) return { errors: [{ field: 'name', key: 'seeker.duplicate' }] };
    if (values.externalId) {
      const ext = `ext|${values.externalId}`;
      const taken =
        seen.has(ext) ||
        (await ctx.db
          .selectFrom('seekers')
          .select('id')
          .where('centre_id', '=', ctx.centreId!)
          .where('external_id', '=', values.externalId)
          .executeTakeFirst());
      if (taken) return { errors: [{ field: 'externalId', key: 'seeker.externalIdTaken' }] };
      seen.add(ext);
    }
    seen.add(identity);
    return { errors: [], value: input };
  },
  async insertBatch(tx, actor, values, ctx) {
    // insertSeeker writes the registration number, consents, tokens and one access-log row each.
    for (const v of values) {
      await insertSeeker(tx, ctx.dataKey, actor, ctx.centreId!, v, { channel: 'import', ip: ctx.ip });
    }
  },
});
