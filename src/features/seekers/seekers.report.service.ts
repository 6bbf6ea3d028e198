import { type RawBuilder, sql } from 'kysely';

/**
 * Seekers as the reports feature reads them (KPI figures, breakdowns, drill-down): a relation the
 * report query joins its records to. Its columns are the contract; PostgreSQL folds the subquery
 * into the report's statement, so composing it costs nothing over naming the table.
 * Columns: id, centre_id, registered_at, target_groups, desired_occupations,
 * desired_occupation_edition, region_code, care, care_since, registration_no, name.
 */
export function seekerReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, centre_id, registered_at, target_groups, desired_occupations, desired_occupation_edition,
    region_code, care, care_since, registration_no, name FROM seekers)`;
}
