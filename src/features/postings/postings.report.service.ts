import { type RawBuilder, sql } from 'kysely';

/**
 * Postings as the reports feature reads them: (id, employer_id, centre_id, created_at, status,
 * headcount, occupation_code, occupation_edition, region_code). PostgreSQL folds the relation into the report's
 * statement.
 */
export function postingReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, employer_id, centre_id, created_at, status, headcount, occupation_code,
    occupation_edition, region_code FROM postings)`;
}
