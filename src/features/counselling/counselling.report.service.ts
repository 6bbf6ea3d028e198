import { type RawBuilder, sql } from 'kysely';

/**
 * Counselling records as the reports feature reads them: a relation of (id, seeker_id, centre_id,
 * at, channel, desk_session_id) that the report query composes with the seekers' report rows. PostgreSQL folds it
 * into the report's statement.
 */
export function counsellingReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, seeker_id, centre_id, at, channel, desk_session_id FROM counselling)`;
}
