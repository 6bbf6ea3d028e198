import { type RawBuilder, sql } from 'kysely';

// Public job records as the reports feature reads them (its KPI definitions in
// reports/kpis/publicjobs.ts): sub-selects over this feature's tables whose columns are the
// contract. PostgreSQL folds them into the report's statement.

/** Applications: (id, seeker_id, centre_id, created_at, eligible); centre = the programme's centre. */
export function publicJobApplicationReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, seeker_id, centre_id, created_at, eligible FROM public_job_applications)`;
}

/**
 * Applicants selected in published results: (application_id, seeker_id, centre_id,
 * published_at): the first `quota` of the published draw's ranking (the waiting list is not
 * counted).
 */
export function publicJobSelectionReportRows(): RawBuilder<unknown> {
  return sql`(SELECT a.id AS application_id, a.seeker_id, a.centre_id, pub.published_at
    FROM public_job_publications pub
    JOIN public_job_draws d ON d.id = pub.draw_id
    CROSS JOIN LATERAL unnest(d.ranked[1:d.quota]) AS s(application_id)
    JOIN public_job_applications a ON a.id = s.application_id)`;
}

/** Placements: (id, seeker_id, centre_id, starts_on, ends_on, outcome). */
export function publicJobPlacementReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, seeker_id, centre_id, starts_on, ends_on, outcome FROM public_job_placements)`;
}
