// How a posting is read and shown: the row type (every column but the search tokens), its
// columns, the base select and the company names (from the employers feature), and the API shape.
import { type Selectable, type SqlBool, sql } from 'kysely';
import { findCode } from '../../codes/codes.ts';
import { occupationName } from '../../codes/occupations.ts';
import type { Db } from '../../platform/db/pool.ts';
import { employerLabels } from '../employers/employers.service.ts';
import type { PostingTable } from './postings.tables.ts';
import { seoulToday } from './postings.validate.ts';

/** A posting as read for display and checks: every column but the search tokens. */
export type PostingRow = Omit<Selectable<PostingTable>, 'search_tokens'> & { employer_name: string };

/** The columns of a PostingRow (search_tokens, ~70 strings a row, is only ever searched). */
const POSTING_COLUMNS = [
  'id',
  'employer_id',
  'centre_id',
  'title',
  'occupation_code',
  'occupation_edition',
  'duties',
  'headcount',
  'employment_type',
  'wage_type',
  'wage_min',
  'wage_max',
  'wage_monthly_min',
  'work_days',
  'work_hours',
  'region_code',
  'address',
  'education_min',
  'career_type',
  'career_min_months',
  'certificates',
  'preferences',
  'keywords',
  'closes_at',
  'status',
  'source',
  'worknet_auth_no',
  'created_by',
  'approved_by',
  'approved_at',
  'review_decision',
  'review_reason',
  'reviewed_by',
  'reviewed_at',
  'resubmitted_at',
  'created_at',
  'updated_at',
] as const satisfies readonly Exclude<keyof PostingTable, 'search_tokens'>[];
// A column added to PostingTable and not listed above fails to compile here.
type Unlisted = Exclude<keyof PostingTable, 'search_tokens' | (typeof POSTING_COLUMNS)[number]>;
const everyColumn: [Unlisted] extends [never] ? true : Unlisted = true;
void everyColumn;

/**
 * Whether partners and the public may read a posting — the one rule: open and not past its
 * closing day (Asia/Seoul), whether or not the nightly expiry has flipped it yet. A single read
 * (`canSee`) and the webhook events (`postingEvent`) call it; lists and the 고용24 export use
 * its SQL form, `publiclyVisibleSql`.
 */
export function publiclyVisible(row: Pick<PostingTable, 'status' | 'closes_at'>, today = seoulToday()) {
  return effectiveStatus(row, today) === 'open';
}

/**
 * `publiclyVisible` over postings aliased `p`. The literal 'open' lets the planner use the
 * partial GIN and prefix indexes (WHERE status = 'open').
 */
export function publiclyVisibleSql(today: string) {
  return sql<SqlBool>`(p.status = 'open' AND p.closes_at >= ${today}::date)`;
}

/**
 * The status a reader sees: an open posting past its closing day is expired, job or no job (a
 * rejected or returned posting has that status itself, migration 20261210_0700).
 */
export function effectiveStatus(row: Pick<PostingTable, 'status' | 'closes_at'>, today = seoulToday()) {
  return row.status === 'open' && row.closes_at < today ? 'expired' : row.status;
}

/** A posting as the API shows it. Postings carry no contact persons at all. */
export function presentPosting(row: PostingRow, today = seoulToday()) {
  return {
    id: row.id,
    employerId: row.employer_id,
    employerName: row.employer_name,
    title: row.title,
    occupationCode: row.occupation_code,
    occupationEdition: row.occupation_edition,
    occupationName: occupationName(row.occupation_code, row.occupation_edition),
    duties: row.duties,
    headcount: row.headcount,
    employmentType: row.employment_type,
    wageType: row.wage_type,
    wageMin: row.wage_min,
    wageMax: row.wage_max,
    wageMonthlyMin: row.wage_monthly_min,
    workDays: row.work_days,
    workHours: row.work_hours,
    regionCode: row.region_code,
    regionName: findCode('regions', row.region_code)?.name ?? '',
    address: row.address,
    educationMin: row.education_min,
    career: { type: row.career_type, minMonths: row.career_min_months },
    certificates: row.certificates,
    preferences: row.preferences,
    keywords: row.keywords,
    closesAt: row.closes_at,
    status: effectiveStatus(row, today),
    source: row.source,
    centreId: row.centre_id,
    approvedAt: row.approved_at ? row.approved_at.toISOString() : null,
    review: row.review_decision
      ? {
          decision: row.review_decision,
          reason: row.review_reason ?? '',
          at: row.reviewed_at ? row.reviewed_at.toISOString() : null,
        }
      : null,
    lastReturnReason: row.review_decision === null && row.resubmitted_at ? row.review_reason : null,
    resubmittedAt: row.resubmitted_at ? row.resubmitted_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The PostingRow columns of the postings table under the alias `a`. */
export function postingColumns<A extends string>(a: A) {
  return POSTING_COLUMNS.map((c) => `${a}.${c}` as const);
}

/** Base select of postings (every PostingRow column but the company name) under the alias `p`. */
export function selectPostings(db: Db) {
  return db.selectFrom('postings as p').select(postingColumns('p'));
}

type PostingsQuery = ReturnType<typeof selectPostings>;

/**
 * Postings narrowed by `narrow` (where, order, limit) with their company names: two statements,
 * the postings and then their employers' names from the employers feature.
 */
export async function readPostings(
  db: Db,
  narrow: (q: PostingsQuery) => PostingsQuery,
): Promise<PostingRow[]> {
  return withEmployerNames(db, await narrow(selectPostings(db)).execute());
}

/** The posting just written, read back in the caller's transaction (it must exist). */
export async function readPosting(db: Db, id: string): Promise<PostingRow> {
  const [row] = await readPostings(db, (q) => q.where('p.id', '=', id));
  if (!row) throw new Error(`posting ${id} not found`);
  return row;
}

/** Rows of postings given their company names (one statement for all of them). */
export async function withEmployerNames<R extends { employer_id: string }>(
  db: Db,
  rows: R[],
): Promise<(R & { employer_name: string })[]> {
  const labels = await employerLabels(
    db,
    rows.map((r) => r.employer_id),
  );
  return rows.map((r) => ({ ...r, employer_name: labels.get(r.employer_id)?.name ?? '' }));
}
