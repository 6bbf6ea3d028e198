import { type Selectable, sql } from 'kysely';
import { findOccupation } from '../../codes/occupations.ts';
import { authorize, inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { getCentre } from '../accounts/centres.service.ts';
import { employerLabels } from '../employers/employers.service.ts';
import { residentHires } from '../employments/agreement-hires.service.ts';
import { inCentres } from './outreach.scope.ts';
import type { HiringAgreementTable } from './outreach.tables.ts';
import { recordCentre, requireEmployer } from './visits.service.ts';
import './outreach.messages.ts';

export interface AgreementInput {
  employerId: string;
  signedOn: string;
  validFrom: string;
  validTo: string;
  pledged: number;
  occupations?: string[];
  note?: string | null;
  centreId?: string;
}

type Row = Pick<
  Selectable<HiringAgreementTable>,
  | 'id'
  | 'centre_id'
  | 'employer_id'
  | 'signed_on'
  | 'valid_from'
  | 'valid_to'
  | 'pledged'
  | 'occupations'
  | 'resident_region'
  | 'note'
>;

/** Agreements as the API shows them, with `filled` derived from hires (never stored). */
async function present(db: Db, rows: readonly Row[]) {
  const [filled, labels] = await Promise.all([
    residentHires(
      db,
      rows.map((r) => ({
        key: r.id,
        employerId: r.employer_id,
        from: r.valid_from,
        to: r.valid_to,
        regionCode: r.resident_region,
      })),
    ),
    employerLabels(
      db,
      rows.map((r) => r.employer_id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    centreId: r.centre_id,
    employerId: r.employer_id,
    employerName: labels.get(r.employer_id)?.name ?? null,
    signedOn: r.signed_on,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    pledged: r.pledged,
    filled: filled.get(r.id) ?? 0,
    occupations: r.occupations,
    residentRegion: r.resident_region,
    note: r.note,
  }));
}

const COLUMNS = [
  'id',
  'centre_id',
  'employer_id',
  'signed_on',
  'valid_from',
  'valid_to',
  'pledged',
  'occupations',
  'resident_region',
  'note',
] as const;

/**
 * Records a 구민 우선채용 협약 (API: POST /outreach/agreements). The residents whose hires fill it
 * are those of the centre's region at signing (kept on the agreement).
 */
export async function createAgreement(ctx: RequestContext, o: AgreementInput) {
  authorize(ctx.actor, 'outreach.write');
  const centreId = await recordCentre(ctx.db, ctx.actor, o.centreId);
  const problems: FieldProblem[] = [];
  for (const f of ['signedOn', 'validFrom', 'validTo'] as const) {
    if (!isRealDate(o[f])) problems.push({ field: f, key: 'field.date' });
  }
  if (isRealDate(o.validFrom) && isRealDate(o.validTo)) {
    const days = (Date.parse(o.validTo) - Date.parse(o.validFrom)) / 86_400_000;
    if (days < 0 || days > 5 * 366) problems.push({ field: 'validTo', key: 'agreement.validity' });
  }
  const occupations = [...new Set((o.occupations ?? []).map((c) => c.trim()).filter(Boolean))];
  occupations.forEach((c, i) => {
    if (!findOccupation(c, '2018'))
      problems.push({ field: `occupations.${i}`, key: 'field.code', params: { code: c } });
  });
  if (problems.length) throw invalid(problems);
  await requireEmployer(ctx, o.employerId);
  const centre = await getCentre(ctx.db, centreId);
  const row = await ctx.db
    .insertInto('hiring_agreements')
    .values({
      id: uuidv7(),
      centre_id: centreId,
      employer_id: o.employerId,
      signed_on: o.signedOn,
      valid_from: o.validFrom,
      valid_to: o.validTo,
      pledged: o.pledged,
      occupations,
      resident_region: centre.regionCode,
      note: o.note?.trim() || null,
      created_by: ctx.actor.userId,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return (await present(ctx.db, [row]))[0]!;
}

/** One agreement, pledged vs filled (API: GET /outreach/agreements/{id}). */
export async function getAgreement(ctx: RequestContext, o: { id: string }) {
  authorize(ctx.actor, 'outreach.read');
  const row = await ctx.db
    .selectFrom('hiring_agreements')
    .select(COLUMNS)
    .where('id', '=', o.id)
    .executeTakeFirst();
  if (!row || !inScope(ctx.actor, row.centre_id)) throw notFound('agreement.notFound');
  return (await present(ctx.db, [row]))[0]!;
}

/**
 * Agreements of the actor's centres (API: GET /outreach/agreements?employerId=&validOn=), newest
 * signing first, paged; `validOn` keeps those in force that day.
 */
export async function listAgreements(
  ctx: RequestContext,
  o: { employerId?: string; validOn?: string; offset: number; limit: number },
) {
  authorize(ctx.actor, 'outreach.read');
  if (o.validOn !== undefined && !isRealDate(o.validOn))
    throw invalid([{ field: 'validOn', key: 'field.date' }]);
  let q = ctx.db.selectFrom('hiring_agreements');
  q = q.where(inCentres(ctx.actor, 'centre_id'));
  if (o.employerId) q = q.where('employer_id', '=', o.employerId);
  if (o.validOn) q = q.where('valid_from', '<=', o.validOn).where('valid_to', '>=', o.validOn);
  const [rows, total] = await Promise.all([
    q
      .select(COLUMNS)
      .orderBy('signed_on', 'desc')
      .orderBy('id', 'desc')
      .offset(o.offset)
      .limit(o.limit)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await present(ctx.db, rows), total: Number(total.n) };
}
