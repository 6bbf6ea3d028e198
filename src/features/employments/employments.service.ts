import { sql } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import '../referrals/referrals.tables.ts';
import { findEmployment } from './employments.duplicates.ts';
import './employments.messages.ts';
import './employments.tables.ts';

/** Retention follow-ups after the start of an employment (PRODUCT.md 6). */
export const FOLLOWUP_MONTHS = [1, 3, 6] as const;

/** Today's calendar date in Asia/Seoul. */
export function seoulToday(now = Date.now()): string {
  return new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** date + months, clamped to the month's last day (1/31 + 1 month → 2/28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

export interface EmploymentInput {
  seekerId: string;
  centreId: string;
  employerId: string | null;
  employerName: string;
  postingId?: string | null;
  referralId?: string | null;
  startDate: string;
  route: 'referral' | 'self' | 'event' | 'public_job';
  employmentType?: string | null;
  wageType?: 'D' | 'H' | 'M' | 'Y' | null;
  wage?: number | null;
  createdBy: string | null;
}

/** 409 for a hire already recorded (same seeker, start date and employer), naming the record. */
function repeated(existingId: string | null): DomainError {
  const params = { existingId: existingId ?? '-' };
  return new DomainError(
    'conflict',
    'employment.duplicate',
    params,
    [{ field: 'startDate', key: 'employment.duplicate', params }],
    existingId ? { existingId } : {},
  );
}

export interface RecordOptions {
  /**
   * When the hire is already recorded: 'attachReferral' (the default, a referral set to hired)
   * links the referral to the recorded employment if it has none, so a hire entered by hand
   * before the employer answered stays one record; 'refuse' answers 409 with the existing id.
   */
  onRepeat?: 'attachReferral' | 'refuse';
}

/**
 * Records an employment inside the caller's transaction: the row, the seeker's status
 * employed (with its history) and the 1/3/6-month follow-ups. Returns the employment id.
 * A repeat of a recorded hire is refused by the unique index employments_once (concurrent
 * inserts included: the second waits for the first and then sees it), see `RecordOptions`.
 */
export async function recordEmployment(
  tx: Db,
  e: EmploymentInput,
  opts: RecordOptions = {},
): Promise<string> {
  const id = uuidv7();
  const inserted = await tx
    .insertInto('employments')
    .values({
      id,
      seeker_id: e.seekerId,
      centre_id: e.centreId,
      employer_id: e.employerId,
      employer_name: e.employerName,
      posting_id: e.postingId ?? null,
      referral_id: e.referralId ?? null,
      start_date: e.startDate,
      route: e.route,
      employment_type: e.employmentType ?? null,
      wage_type: e.wageType ?? null,
      wage: e.wage ?? null,
      created_by: e.createdBy,
    })
    .onConflict((oc) =>
      oc
        .expression(sql`seeker_id, start_date, employment_employer_key(employer_name)`)
        .where('duplicate_of', 'is', null)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await findEmployment(tx, e);
    if (existing && e.referralId && (opts.onRepeat ?? 'attachReferral') === 'attachReferral') {
      const linked = await tx
        .updateTable('employments')
        .set((eb) => ({
          referral_id: e.referralId!,
          route: e.route,
          posting_id: eb.fn.coalesce('posting_id', eb.val(e.postingId ?? null)),
          employer_id: eb.fn.coalesce('employer_id', eb.val(e.employerId)),
        }))
        .where('id', '=', existing)
        .where('referral_id', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (linked) return existing;
    }
    throw repeated(existing);
  }
  const before = await tx
    .selectFrom('seekers')
    .select(['status', 'centre_id'])
    .where('id', '=', e.seekerId)
    .executeTakeFirstOrThrow();
  if (before.status !== 'employed') {
    await tx
      .updateTable('seekers')
      .set({
        status: 'employed',
        status_changed_at: new Date(),
        status_changed_by: e.createdBy,
        updated_at: new Date(),
      })
      .where('id', '=', e.seekerId)
      .execute();
    await tx
      .insertInto('seeker_status_history')
      .values({
        id: uuidv7(),
        seeker_id: e.seekerId,
        centre_id: before.centre_id,
        from_status: before.status,
        to_status: 'employed',
        reason: `employment:${e.route}`,
        changed_by: e.createdBy,
      })
      .execute();
  }
  await tx
    .insertInto('retention_followups')
    .values(
      FOLLOWUP_MONTHS.map((months) => ({
        id: uuidv7(),
        employment_id: id,
        seeker_id: e.seekerId,
        centre_id: e.centreId,
        months,
        due_date: addMonths(e.startDate, months),
      })),
    )
    .execute();
  return id;
}

/** Body of POST /employments (see employments.schema.ts). */
export interface EmploymentCreate {
  seekerId: string;
  employerId?: string;
  employerName?: string;
  postingId?: string;
  referralId?: string;
  startDate: string;
  route: 'referral' | 'self' | 'event' | 'public_job';
  employmentType?: string;
  wageType?: 'D' | 'H' | 'M' | 'Y';
  wage?: number;
}

/** A seeker the actor may act on: own centres, or another centre's with sharing consent. */
async function visibleSeeker(db: Db, actor: Actor, seekerId: string) {
  const s = await db
    .selectFrom('seekers')
    .select(['id', 'centre_id', 'consent_share', 'suspended', 'status'])
    .where('id', '=', seekerId)
    .executeTakeFirst();
  if (!s || !(inScope(actor, s.centre_id) || (s.consent_share && !s.suspended))) return null;
  return s;
}

/**
 * POST /employments: a hire found by any route, with follow-ups; 400 names every bad field,
 * 409 (with existingId) when the seeker's hire at this employer on this day is already recorded.
 */
export async function createEmployment(db: Db, actor: Actor, body: EmploymentCreate, ip: string | null) {
  return db.transaction().execute(async (tx) => {
    const problems: FieldProblem[] = [];
    const seeker = await visibleSeeker(tx, actor, body.seekerId);
    if (!seeker) throw notFound('employment.seekerNotFound');
    let employerName = body.employerName?.trim() ?? '';
    if (body.employerId) {
      const e = await tx
        .selectFrom('employers')
        .select('name')
        .where('id', '=', body.employerId)
        .executeTakeFirst();
      if (!e) problems.push({ field: 'employerId', key: 'employment.employerNotFound' });
      else employerName ||= e.name;
    } else if (!employerName) problems.push({ field: 'employerName', key: 'field.required' });
    if (body.startDate > addMonths(seoulToday(), 12) || Number.isNaN(Date.parse(body.startDate))) {
      problems.push({ field: 'startDate', key: 'employment.startDate' });
    }
    if (body.postingId) {
      const p = await tx
        .selectFrom('postings')
        .select('id')
        .where('id', '=', body.postingId)
        .executeTakeFirst();
      if (!p) problems.push({ field: 'postingId', key: 'employment.postingNotFound' });
    }
    if (body.referralId) {
      const r = await tx
        .selectFrom('referrals')
        .select([
          'seeker_id',
          sql<boolean>`EXISTS (SELECT 1 FROM employments e WHERE e.referral_id = referrals.id)`.as('used'),
        ])
        .where('id', '=', body.referralId)
        .executeTakeFirst();
      if (!r || r.seeker_id !== body.seekerId)
        problems.push({ field: 'referralId', key: 'employment.referralNotFound' });
      else if (r.used) problems.push({ field: 'referralId', key: 'employment.referralUsed' });
    }
    if (body.wage !== undefined && body.wageType === undefined)
      problems.push({ field: 'wageType', key: 'field.required' });
    if (problems.length) throw invalid(problems);
    const id = await recordEmployment(
      tx,
      {
        seekerId: seeker.id,
        centreId: seeker.centre_id,
        employerId: body.employerId ?? null,
        employerName,
        postingId: body.postingId,
        referralId: body.referralId,
        startDate: body.startDate,
        route: body.route,
        employmentType: body.employmentType,
        wageType: body.wageType,
        wage: body.wage,
        createdBy: actor.userId,
      },
      { onRepeat: 'refuse' },
    );
    await recordAccess(tx, {
      actor,
      ip,
      action: 'create',
      subjectType: 'seeker',
      subjectId: seeker.id,
      centreId: seeker.centre_id,
    });
    return getEmployment(tx, id);
  });
}

/** The API shape of an employment. */
export async function getEmployment(db: Db, id: string) {
  const e = await db.selectFrom('employments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return present(e);
}

function present(e: {
  id: string;
  seeker_id: string;
  centre_id: string;
  employer_id: string | null;
  employer_name: string;
  posting_id: string | null;
  referral_id: string | null;
  start_date: string;
  route: string;
  employment_type: string | null;
  wage_type: string | null;
  wage: number | null;
  duplicate_of: string | null;
  created_at: Date;
}) {
  return {
    id: e.id,
    seekerId: e.seeker_id,
    centreId: e.centre_id,
    employerId: e.employer_id,
    employerName: e.employer_name,
    postingId: e.posting_id,
    referralId: e.referral_id,
    startDate: e.start_date,
    route: e.route,
    employmentType: e.employment_type,
    wageType: e.wage_type,
    wage: e.wage,
    duplicateOf: e.duplicate_of,
    createdAt: e.created_at.toISOString(),
  };
}

/** GET /employments?seekerId=: employments in the actor's centres, newest start first. */
export async function listEmployments(
  db: Db,
  actor: Actor,
  q: { seekerId?: string; offset: number; limit: number },
  ip: string | null,
) {
  if (q.seekerId && !(await visibleSeeker(db, actor, q.seekerId)))
    throw notFound('employment.seekerNotFound');
  let base = db.selectFrom('employments');
  if (q.seekerId) base = base.where('seeker_id', '=', q.seekerId);
  else if (actor.centreScope !== null) base = base.where('centre_id', 'in', actor.centreScope as string[]);
  const [{ n }] = (await base.select((e) => e.fn.countAll<number>().as('n')).execute()) as [{ n: number }];
  const rows = await base
    .selectAll()
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  const seen = [...new Map(rows.map((r) => [r.seeker_id, r.centre_id])).entries()];
  for (const [sid, cid] of seen) {
    await recordAccess(db, {
      actor,
      ip,
      action: 'view',
      subjectType: 'seeker',
      subjectId: sid,
      centreId: cid,
    });
  }
  return { items: rows.map(present), total: Number(n) };
}
