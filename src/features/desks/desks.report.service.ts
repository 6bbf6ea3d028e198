import { type RawBuilder, sql } from 'kysely';

/**
 * Mobile-desk sessions as the reports feature reads them: (id, centre_id, date, starts_at,
 * status). A session held is a scheduled one (not cancelled) whose day has come.
 */
export function deskSessionReportRows(): RawBuilder<unknown> {
  return sql`(SELECT id, centre_id, date, starts_at, status FROM desk_sessions)`;
}
