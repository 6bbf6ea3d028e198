import type { FieldProblem } from '../../platform/errors.ts';
import { schemaProblems, unflatten } from '../../platform/imports/csv.ts';
import { registerImporter } from '../../platform/imports/registry.ts';
import { EmployerCreate } from './employers.schema.ts';
import { centreForRegion, findEmployerIdByBizRegNo, insertEmployer } from './employers.service.ts';
import { type CleanEmployer, validateEmployer } from './employers.validate.ts';

const contactColumns = [0, 1, 2].flatMap((i) => [
  `contacts.${i}.name`,
  `contacts.${i}.phone`,
  `contacts.${i}.email`,
]);

/**
 * CSV import of employers (`POST /imports/employers`, `ilteo import employers`): the same
 * rules as POST /employers; a number already registered, or twice in the file, rejects the row.
 */
registerImporter<CleanEmployer>('employers', {
  columns: ['name', 'bizRegNo', 'ksic', 'size', 'regionCode', 'address', 'notes', ...contactColumns],
  validateRow: async (raw, ctx) => {
    const row = unflatten(raw) as Record<string, unknown>;
    const errors: FieldProblem[] = schemaProblems(EmployerCreate, row);
    if (errors.length) return { errors };
    const clean = validateEmployer(row as never, errors) as CleanEmployer;
    if (errors.length) return { errors };
    clean.contacts ??= [];
    clean.counsellorId = null;
    const seen = (ctx.state.get('bizRegNos') as Set<string> | undefined) ?? new Set<string>();
    ctx.state.set('bizRegNos', seen);
    const existing = await findEmployerIdByBizRegNo(ctx.db, clean.bizRegNo);
    if (existing || seen.has(clean.bizRegNo)) {
      return {
        errors: [{ field: 'bizRegNo', key: 'employer.duplicate', params: { existingId: existing ?? '' } }],
      };
    }
    seen.add(clean.bizRegNo);
    return { errors: [], value: clean };
  },
  async insertBatch(tx, actor, values, ctx) {
    for (const v of values) {
      const centreId = ctx.centreId ?? (await centreForRegion(tx, v.regionCode));
      await insertEmployer(tx, { dataKey: ctx.dataKey, ip: ctx.ip }, actor, v, centreId);
    }
  },
});
