import { Type } from 'typebox';
import { inScope } from '../../platform/access/policy.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { schemaProblems, unflatten } from '../../platform/imports/csv.ts';
import { registerImporter } from '../../platform/imports/registry.ts';
import {
  bizRegNoDigits,
  employerAccess,
  findEmployerRef,
  STAFF_ROLES,
} from '../employers/employers.service.ts';
import { PostingCreate } from './postings.schema.ts';
import { addHistories } from './postings.service.ts';
import {
  type PostingColumns,
  type PostingInput,
  postingTokens,
  seoulToday,
  validatePosting,
} from './postings.validate.ts';

/** A CSV row may name its employer by id or by 사업자등록번호 (employerBizRegNo). */
const Row = Type.Object(
  {
    ...PostingCreate.properties,
    employerId: Type.Optional(PostingCreate.properties.employerId),
    employerBizRegNo: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

const types = {
  headcount: 'integer',
  wageMin: 'integer',
  wageMax: 'integer',
  'career.minMonths': 'integer',
  certificates: 'list',
  preferences: 'list',
  keywords: 'list',
} as const;

interface Value {
  cols: PostingColumns;
  employer: { id: string; name: string; centre_id: string };
}

/**
 * CSV import of postings with the rules of POST /postings: staff imports are open and only for
 * employers their centre subtree serves, an employer user's are pending and only for its own
 * company.
 */
registerImporter<Value>('postings', {
  columns: [...Object.keys(Row.properties).filter((k) => k !== 'career'), 'career.type', 'career.minMonths'],
  types,
  async validateRow(raw, ctx) {
    const row = unflatten(raw, types) as Record<string, unknown> & { employerBizRegNo?: string };
    const errors: FieldProblem[] = schemaProblems(Row, row);
    if (errors.length) return { errors };
    let employer: Value['employer'] | undefined;
    if (typeof row.employerId === 'string') employer = await findEmployerRef(ctx.db, { id: row.employerId });
    else if (row.employerBizRegNo) {
      // names a registered employer: its number as stored, even one from before numbers were checked
      const no = bizRegNoDigits(row.employerBizRegNo);
      if (!no) return { errors: [{ field: 'employerBizRegNo', key: 'field.bizRegNo' }] };
      employer = await findEmployerRef(ctx.db, { bizRegNo: no });
    }
    const field = row.employerId ? 'employerId' : 'employerBizRegNo';
    if (!employer) return { errors: [{ field, key: 'employer.notFound' }] };
    if (ctx.actor?.role === 'employer' && ctx.actor.employerId !== employer.id) {
      return { errors: [{ field, key: 'posting.notYourEmployer' }] };
    }
    // The rule of POST /postings: staff import only for employers their centre subtree serves.
    const access = ctx.actor
      ? employerAccess(ctx.actor, { id: employer.id, centreId: employer.centre_id })
      : 'served';
    if (access !== 'served') {
      return {
        errors: [{ field, key: access === 'notServed' ? 'employer.notServed' : 'employer.notFound' }],
      };
    }
    const cols = validatePosting({ ...(row as unknown as PostingInput), employerId: employer.id }, errors, {
      today: seoulToday(),
    });
    return errors.length ? { errors } : { errors: [], value: { cols, employer } };
  },
  async insertBatch(tx, actor, values, ctx) {
    const staff = actor === null || STAFF_ROLES.has(actor.role);
    const rows = values.map((v) => ({
      id: uuidv7(),
      ...v.cols,
      centre_id:
        staff && ctx.centreId && (!actor || inScope(actor, ctx.centreId))
          ? ctx.centreId
          : v.employer.centre_id,
      status: staff ? ('open' as const) : ('pending' as const),
      source: 'import',
      created_by: actor?.userId ?? null,
      approved_by: staff ? (actor?.userId ?? null) : null,
      approved_at: staff ? new Date() : null,
      search_tokens: postingTokens(v.cols, v.employer.name),
    }));
    await tx.insertInto('postings').values(rows).execute();
    // History, and posting.created of those saved open to subscribed partners, in the batch's
    // transaction (an employer's pending rows are announced when a counsellor approves them).
    await addHistories(
      tx,
      rows.map((r) => ({
        postingId: r.id,
        centreId: r.centre_id,
        actorId: actor?.userId ?? null,
        action: 'import' as const,
        changes: { importId: ctx.importId, inserted: true },
        step: { before: null, after: r.status, closesAt: r.closes_at, wasOpen: false },
      })),
    );
  },
});
