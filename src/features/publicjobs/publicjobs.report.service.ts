import type { RawBuilder } from 'kysely';
import { applicationReportRows, placementReportRows, selectionReportRows } from './publicjobs.repository.ts';

// Public job records as the reports feature reads them (its KPI definitions in
// reports/kpis/publicjobs.ts): sub-selects over this feature's tables whose columns are the
// contract (their SQL in publicjobs.repository.ts). PostgreSQL folds them into the report's
// statement.

/** Applications: (id, seeker_id, centre_id, created_at, eligible); centre = the programme's centre. */
export function publicJobApplicationReportRows(): RawBuilder<unknown> {
  return applicationReportRows();
}

/**
 * Applicants selected in published results: (application_id, seeker_id, centre_id,
 * published_at): the first `quota` of the published draw's ranking (the waiting list is not
 * counted).
 */
export function publicJobSelectionReportRows(): RawBuilder<unknown> {
  return selectionReportRows();
}

/** Placements: (id, seeker_id, centre_id, starts_on, ends_on, outcome). */
export function publicJobPlacementReportRows(): RawBuilder<unknown> {
  return placementReportRows();
}
