import { type Kysely, sql } from 'kysely';

// report_rebuild(): every report summary recomputed from the source tables, for loads that the
// dirty-log triggers of 20261122_4000/9000 never see: seed-demo and restore COPY with
// session_replication_role = replica (no trigger fires), and seed-demo --reset TRUNCATEs the
// source tables (no DELETE trigger fires). It empties the summaries and the log, marks every
// (centre, day) a figure is filed under (the same days as the triggers and 9000's backfill), and
// runs report_refresh() in the caller's transaction. Refreshers serialise on the same advisory
// lock. A national rebuild takes minutes (308 s measured): the caller lifts any statement timeout.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION report_rebuild() RETURNS integer LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('ilteo.report_refresh'));
      TRUNCATE report_daily, report_monthly, report_daily_postings, report_daily_employers, report_dirty;
      INSERT INTO report_dirty
      SELECT DISTINCT centre_id, registered_at FROM seekers
      UNION SELECT DISTINCT centre_id, coalesce(report_seoul_day(care_since), registered_at) FROM seekers
        WHERE care = 'intensive'
      UNION SELECT DISTINCT centre_id, report_seoul_day(at) FROM counselling
      UNION SELECT DISTINCT centre_id, report_seoul_day(created_at) FROM referrals
      UNION SELECT DISTINCT centre_id, start_date FROM employments
      UNION SELECT DISTINCT centre_id, report_seoul_day(created_at) FROM postings;
      RETURN report_refresh();
    END $$;
  `.execute(db);
}
