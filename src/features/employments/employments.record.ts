import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { changeStatuses } from '../seekers/status.service.ts';
import { findEmployment } from './employments.duplicates.ts';
import './employments.messages.ts';
import './employments.tables.ts';
import { maskRrn } from '../../platform/domain/validate.ts';

// What recording a hire does, in one place for every route (POST /employments, a referral set
// to hired, the CSV import): the employment row, the seeker's status employed with a history
// row (asked of the seekers feature, `changeStatuses`), and the 1/3/6-month retention follow-ups. Set-based, so an import batch of 1,000 hires
// costs three statements, not thousands.

/** Retention follow-ups after the start of an employment (PRODUCT.md 6). */
export const FOLLOWUP_MONTHS = [1, 3, 6] as const;

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

/** The history reason of a status set by a hire (the page shows it as words). */
export function employmentReason(route: EmploymentInput['route']): string {
  return `employment:${route}`;
}

/** The employer name as stored: a 주민등록번호 typed into it is masked (SECURITY.md 10). */
function masked(e: EmploymentInput): EmploymentInput {
  const m = maskRrn(e.employerName);
  return m.masked ? { ...e, employerName: m.text } : e;
}

function rowOf(id: string, e: EmploymentInput) {
  return {
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
  };
}

/**
 * Sets the seekers of these hires to employed through the seekers feature (the same rules as a
 * counsellor's change: the reason, here the hire's route, replaces the previous one, and one
 * history row is written), in one statement; seekers already employed are left alone.
 * Answers the seekers whose status changed.
 */
async function markEmployed(
  tx: Db,
  hires: readonly EmploymentInput[],
): Promise<{ seekerId: string; centreId: string }[]> {
  const moved = await changeStatuses(
    tx,
    hires.map((h) => ({
      seekerId: h.seekerId,
      status: 'employed' as const,
      reason: employmentReason(h.route),
      changedBy: h.createdBy,
    })),
  );
  return moved.map((m) => ({ seekerId: m.seekerId, centreId: m.centreId }));
}

/** The 1/3/6-month follow-ups of these employments, in one statement. */
async function scheduleFollowups(
  tx: Db,
  hires: readonly { id: string; e: EmploymentInput }[],
): Promise<void> {
  if (hires.length === 0) return;
  const cols = { id: [] as string[], emp: [] as string[], seeker: [] as string[], centre: [] as string[] };
  const months: number[] = [];
  const due: string[] = [];
  for (const { id, e } of hires) {
    for (const m of FOLLOWUP_MONTHS) {
      cols.id.push(uuidv7());
      cols.emp.push(id);
      cols.seeker.push(e.seekerId);
      cols.centre.push(e.centreId);
      months.push(m);
      due.push(addMonths(e.startDate, m));
    }
  }
  await sql`
    INSERT INTO retention_followups (id, employment_id, seeker_id, centre_id, months, due_date)
    SELECT * FROM unnest(${cols.id}::uuid[], ${cols.emp}::uuid[], ${cols.seeker}::uuid[],
                         ${cols.centre}::uuid[], ${months}::int[], ${due}::date[])`.execute(tx);
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
  input: EmploymentInput,
  opts: RecordOptions = {},
): Promise<string> {
  const e = masked(input);
  const id = uuidv7();
  const inserted = await tx
    .insertInto('employments')
    .values(rowOf(id, e))
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
  await markEmployed(tx, [e]);
  await scheduleFollowups(tx, [{ id, e }]);
  return id;
}

/**
 * Records many employments inside the caller's transaction with the same effects as
 * `recordEmployment`, in three statements whatever their number (keep a call to a few thousand
 * hires: the rows go as one INSERT). A repeat of a recorded hire makes the database refuse the
 * whole call (unique index employments_once, `isRepeatedEmployment`), so a caller can retry
 * the hires one by one. Answers the new ids (in the order given) and the seekers whose status
 * changed (for the access log).
 */
export async function recordEmployments(
  tx: Db,
  input: readonly EmploymentInput[],
): Promise<{ ids: string[]; employed: { seekerId: string; centreId: string }[] }> {
  if (input.length === 0) return { ids: [], employed: [] };
  const hires = input.map(masked);
  const ids = hires.map(() => uuidv7());
  await tx
    .insertInto('employments')
    .values(hires.map((e, i) => rowOf(ids[i]!, e)))
    .execute();
  const employed = await markEmployed(tx, hires);
  await scheduleFollowups(
    tx,
    hires.map((e, i) => ({ id: ids[i]!, e })),
  );
  return { ids, employed };
}
