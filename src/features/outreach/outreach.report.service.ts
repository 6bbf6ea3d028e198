import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { residentHires } from '../employments/agreement-hires.service.ts';

// Outreach records as the reports feature reads them (API.md KPI definitions: companyVisits …
// admin requests on time): relations whose columns are the contract; PostgreSQL folds them into
// the report's statement.

/** Visits held: (id, centre_id, employer_id, held_at). */
export function visitReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, centre_id, employer_id, held_at FROM outreach_visits WHERE status = 'held')`;
}

/** Jobs discovered on visits held: (id, centre_id, held_at, headcount). */
export function discoveredJobReportRows(): RawBuilder<unknown> {
  return sql`(SELECT j.id, j.centre_id, v.held_at, j.headcount
    FROM outreach_jobs j JOIN outreach_visits v ON v.id = j.visit_id WHERE v.status = 'held')`;
}

/** Hiring agreements: (id, centre_id, employer_id, signed_on, valid_from, valid_to, pledged). */
export function agreementReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, centre_id, employer_id, signed_on, valid_from, valid_to, pledged FROM hiring_agreements)`;
}

/** Admin support requests: (id, centre_id, received_at, due_at, answered_at). */
export function adminRequestReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, centre_id, received_at, due_at, answered_at FROM admin_requests)`;
}

/**
 * Positions filled under the agreements in force on `on` at the given centres (null: all): the
 * hires of residents the API shows as each agreement's `filled`, summed.
 */
export async function filledPositionsOn(
  db: Db,
  o: { on: string; centreIds: readonly string[] | null },
): Promise<number> {
  const rows = await db
    .selectFrom('hiring_agreements')
    .select(['id', 'employer_id', 'valid_from', 'valid_to', 'resident_region'])
    .where('valid_from', '<=', o.on)
    .where('valid_to', '>=', o.on)
    .$if(o.centreIds !== null, (q) =>
      q.where(sql<boolean>`centre_id = ANY(${[...(o.centreIds ?? [])]}::uuid[])`),
    )
    .execute();
  const filled = await residentHires(
    db,
    rows.map((r) => ({
      key: r.id,
      employerId: r.employer_id,
      from: r.valid_from,
      to: r.valid_to,
      regionCode: r.resident_region,
    })),
  );
  return [...filled.values()].reduce((a, b) => a + b, 0);
}
