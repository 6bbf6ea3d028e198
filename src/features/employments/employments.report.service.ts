import { type RawBuilder, sql } from 'kysely';

/**
 * Employments as the reports feature reads them: (id, seeker_id, centre_id, start_date, route,
 * duplicate_of). A record with `duplicate_of` set repeats another hire (migration 5002).
 * PostgreSQL folds the relation into the report's statement.
 */
export function employmentReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, seeker_id, centre_id, start_date, route, duplicate_of FROM employments)`;
}

/**
 * True when the seeker (`seekerId`, an SQL expression of the report's query) has an employment
 * starting on or after `since` and by `today` (an Asia/Seoul date): a seeker-cohort outcome.
 */
export function employedBetween(
  seekerId: RawBuilder<unknown>,
  since: RawBuilder<unknown>,
  today: string,
): RawBuilder<unknown> {
  return sql`EXISTS (SELECT 1 FROM employments e2 WHERE e2.seeker_id = ${seekerId}
    AND e2.start_date >= ${since} AND e2.start_date <= ${today}::date)`;
}

/**
 * Recorded retention follow-ups at `months` of each employment, as the reports feature reads
 * them: (employment_id, seeker_id, centre_id, start_date, duplicate_of, done_at, result).
 */
export function retentionReportRows(months: 1 | 3 | 6): RawBuilder<unknown> {
  return sql`(SELECT e.id AS employment_id, e.seeker_id, e.centre_id, e.start_date, e.duplicate_of,
      rf.done_at, rf.result
    FROM employments e JOIN retention_followups rf ON rf.employment_id = e.id AND rf.months = ${months})`;
}

/**
 * True when the seeker (`seekerId`, an SQL expression of the caller's query) has an employment
 * starting in [since, until] (both SQL date expressions), repeats of another record aside: the
 * programmes feature's "employed within 6 months of completion".
 */
export function employedWithin(
  seekerId: RawBuilder<unknown>,
  since: RawBuilder<unknown>,
  until: RawBuilder<unknown>,
): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM employments e2 WHERE e2.seeker_id = ${seekerId}
    AND e2.duplicate_of IS NULL AND e2.start_date >= ${since} AND e2.start_date <= ${until})`;
}
