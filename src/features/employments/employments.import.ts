import { Type } from 'typebox';
import { isValidCode } from '../../codes/codes.ts';
import { recordAccesses } from '../../platform/audit/access-log.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { uuidPattern } from '../../platform/ids.ts';
import { schemaProblems, unflatten } from '../../platform/imports/csv.ts';
import { type ImportContext, importState, registerImporter } from '../../platform/imports/registry.ts';
import { findEmployerRef } from '../employers/employers.service.ts';
import { postingExists } from '../postings/posting-lookups.service.ts';
import { resolveSeekerRef, type SeekerRefValue } from '../seekers/seeker-refs.service.ts';
import {
  employerNameKey,
  findEmployment,
  findEmployments,
  isRepeatedEmployment,
} from './employments.duplicates.ts';
import { recordEmployments } from './employments.service.ts';
import type { EmploymentTable } from './employments.tables.ts';

/** One CSV row of an employments import; the same rules as `POST /api/v1/employments`. */
const Row = Type.Object(
  {
    seekerId: Type.Optional(Type.String({ pattern: uuidPattern })),
    seekerExternalId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    employerId: Type.Optional(Type.String({ pattern: uuidPattern })),
    employerName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    postingId: Type.Optional(Type.String({ pattern: uuidPattern })),
    startDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    route: Type.Enum(['referral', 'self', 'event', 'public_job']),
    employmentType: Type.Optional(Type.String({ maxLength: 2 })),
    wageType: Type.Optional(Type.Enum(['D', 'H', 'M', 'Y'])),
    wage: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_000_000_000 })),
  },
  { additionalProperties: false },
);

type RowInput = {
  seekerId?: string;
  seekerExternalId?: string;
  employerId?: string;
  employerName?: string;
  postingId?: string;
  startDate: string;
  route: EmploymentTable['route'];
  employmentType?: string;
  wageType?: 'D' | 'H' | 'M' | 'Y';
  wage?: number;
};

interface EmploymentValue {
  seeker: SeekerRefValue;
  employerId: string | null;
  employerName: string;
  postingId: string | null;
  row: RowInput;
}

async function lookup<V>(ctx: ImportContext, key: string, id: string, load: () => Promise<V | undefined>) {
  const m = importState<V | null>(ctx, key);
  if (!m.has(id)) m.set(id, (await load()) ?? null);
  return m.get(id) ?? null;
}

// A start more than a year ahead is a typing error, not a planned job.
const maxAhead = () => new Date(Date.now() + 366 * 86_400_000).toISOString().slice(0, 10);

/**
 * The first valid row of this file for each hire (seeker, start date, employer name as
 * employerNameKey reads it): a later row with the same key repeats it.
 */
function firstRows(ctx: ImportContext): Map<string, number> {
  return importState<number>(ctx, 'employmentKeys');
}

const keyOf = (v: EmploymentValue) => ({
  seekerId: v.seeker.id,
  startDate: v.row.startDate,
  employerName: v.employerName,
});

registerImporter<EmploymentValue>('employments', {
  columns: Object.keys(Row.properties),
  types: { wage: 'integer' },
  async validateRow(raw, ctx, rowNo) {
    const row = unflatten(raw, { wage: 'integer' }) as RowInput;
    const errors: FieldProblem[] = schemaProblems(Row, row);
    const bad = (f: string) => errors.some((e) => e.field === f);
    if (!bad('startDate') && !isRealDate(row.startDate))
      errors.push({ field: 'startDate', key: 'field.date' });
    else if (!bad('startDate') && row.startDate > maxAhead())
      errors.push({ field: 'startDate', key: 'field.invalid' });
    if (
      row.employmentType &&
      !bad('employmentType') &&
      !isValidCode('employment-types', row.employmentType)
    ) {
      errors.push({ field: 'employmentType', key: 'field.code', params: { code: row.employmentType } });
    }
    if (row.wage !== undefined && !row.wageType && !bad('wage'))
      errors.push({ field: 'wageType', key: 'field.required' });
    let seeker: SeekerRefValue | undefined;
    if (!bad('seekerId') && !bad('seekerExternalId')) {
      const r = await resolveSeekerRef(ctx, row);
      errors.push(...r.errors);
      seeker = r.seeker;
    }
    let employerName = row.employerName?.trim() ?? '';
    if (row.employerId && !bad('employerId')) {
      const e = await lookup(ctx, 'employerById', row.employerId, () =>
        findEmployerRef(ctx.db, { id: row.employerId! }),
      );
      if (!e) errors.push({ field: 'employerId', key: 'import.employerNotFound' });
      else employerName = e.name;
    } else if (!employerName && !bad('employerName')) {
      errors.push({ field: 'employerName', key: 'import.employerRequired' });
    }
    if (row.postingId && !bad('postingId')) {
      const p = await lookup(ctx, 'postingById', row.postingId, async () =>
        (await postingExists(ctx.db, row.postingId!)) ? true : undefined,
      );
      if (!p) errors.push({ field: 'postingId', key: 'field.invalid' });
    }
    if (errors.length || !seeker) return { errors };
    const seen = firstRows(ctx);
    const key = `${seeker.id}|${row.startDate}|${employerNameKey(employerName)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      return { errors: [{ field: 'row', key: 'import.duplicateInFile', params: { row: rowNo, first } }] };
    }
    seen.set(key, rowNo);
    return {
      errors: [],
      value: {
        seeker,
        employerId: row.employerId ?? null,
        employerName,
        postingId: row.postingId ?? null,
        row,
      },
    };
  },
  // Hires already recorded, for a whole batch in one query.
  async checkBatch(tx, items) {
    const found = await findEmployments(
      tx,
      items.map((it) => keyOf(it.value)),
    );
    const out: (FieldProblem[] | undefined)[] = items.map(() => undefined);
    for (const f of found) {
      out[f.i] = [
        { field: 'row', key: 'import.duplicateExisting', params: { row: items[f.i]!.row, existingId: f.id } },
      ];
    }
    return out;
  },
  // The same hire saved by someone else between the check and the insert.
  async rowError(tx, err, item) {
    if (!isRepeatedEmployment(err)) return undefined;
    const existingId = (await findEmployment(tx, keyOf(item.value))) ?? '-';
    return [{ field: 'row', key: 'import.duplicateExisting', params: { row: item.row, existingId } }];
  },
  // The same rules as POST /employments (employments service): the rows, the seekers' status
  // employed with its history, the 1/3/6-month follow-ups, each a statement per batch.
  async insertBatch(tx, actor, values, ctx) {
    const { employed } = await recordEmployments(
      tx,
      values.map((v) => ({
        seekerId: v.seeker.id,
        centreId: v.seeker.centre_id,
        employerId: v.employerId,
        employerName: v.employerName,
        postingId: v.postingId,
        referralId: null,
        startDate: v.row.startDate,
        route: v.row.route,
        employmentType: v.row.employmentType ?? null,
        wageType: v.row.wageType ?? null,
        wage: v.row.wage ?? null,
        createdBy: actor?.userId ?? null,
      })),
    );
    await recordAccesses(tx, [
      ...values.map((v) => ({
        actor,
        ip: ctx.ip,
        action: 'create' as const,
        subjectType: 'employment',
        subjectId: v.seeker.id,
        centreId: v.seeker.centre_id,
      })),
      ...employed.map((s) => ({
        actor,
        ip: ctx.ip,
        action: 'update' as const,
        subjectType: 'seeker',
        subjectId: s.seekerId,
        centreId: s.centreId,
      })),
    ]);
  },
});
