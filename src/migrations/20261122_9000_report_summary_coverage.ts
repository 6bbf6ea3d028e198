import { type Kysely, sql } from 'kysely';

// Reports, second step (issue #7): what 20261122_4000 left to the source tables moves onto the
// summary, refreshed by the same (centre, day) dirty log. Intensive care and the retention
// follow-ups become columns of report_daily; distinct employers get their own table at
// (centre, day, employer) grain; and report_daily gains a detail level (target-group mask ×
// KECO major group × 시도) so that two or three filters at once are read from the summary too.
// report_monthly holds the same rows per calendar month, so a year's report sums ~12 rows per
// centre instead of 365. report_refresh() itself is replaced by 20261122_9001.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE report_daily
      ADD COLUMN care_seekers integer NOT NULL DEFAULT 0,
      ADD COLUMN care_employed integer NOT NULL DEFAULT 0,
      ADD COLUMN ret1_done integer NOT NULL DEFAULT 0,
      ADD COLUMN ret1_kept integer NOT NULL DEFAULT 0,
      ADD COLUMN ret3_done integer NOT NULL DEFAULT 0,
      ADD COLUMN ret3_kept integer NOT NULL DEFAULT 0,
      ADD COLUMN ret6_done integer NOT NULL DEFAULT 0,
      ADD COLUMN ret6_kept integer NOT NULL DEFAULT 0;

    -- The same rows summed per calendar month (day = the first of the month): a report reads
    -- whole months here and only the days at either end of its period from report_daily, so a
    -- year is about 12 rows per centre and level instead of 365. The refresh updates these rows
    -- in place (never their keys): free space in each page keeps the updates HOT.
    CREATE TABLE report_monthly (LIKE report_daily INCLUDING DEFAULTS,
      PRIMARY KEY (centre_id, tg_mask, occ, region, day)) WITH (fillfactor = 70);
    CREATE INDEX report_monthly_level ON report_monthly (tg_mask, occ, region, day);
    CREATE INDEX report_monthly_day ON report_monthly (centre_id, day);
  `.execute(db);

  // Levels other than the total and the single occupation or region ones (report_*_level) get
  // partial indexes; the conditions are the literal ones reports.summary.ts writes. The detail
  // level (tg_mask >= 0, occ <> '*', region <> '*') holds one row per centre, day and
  // combination present, for filters on two or three dimensions.
  for (const t of ['report_daily', 'report_monthly']) {
    await sql
      .raw(`
      CREATE INDEX ${t}_tg ON ${t} (day) WHERE tg_mask >= 0 AND occ = '*' AND region = '*';
      CREATE INDEX ${t}_detail_occ ON ${t} (occ, day) WHERE tg_mask >= 0 AND occ <> '*' AND region <> '*';
      CREATE INDEX ${t}_detail_region ON ${t} (region, day) WHERE tg_mask >= 0 AND occ <> '*' AND region <> '*';`)
      .execute(db);
  }

  await sql`
    -- employersServed is a distinct count, which sums cannot hold: one row per centre, day,
    -- employer and filter values. tg_mask = -1 marks an approved posting created that day (the
    -- target-group filter leaves those out); tg_mask >= 0 a referral, with the referred seeker's
    -- mask. occ and region are the posting's KECO major group and 시도.
    CREATE TABLE report_daily_employers (
      centre_id uuid NOT NULL,
      day date NOT NULL,
      employer_id uuid NOT NULL,
      tg_mask integer NOT NULL,
      occ text NOT NULL,
      region text NOT NULL,
      PRIMARY KEY (centre_id, day, employer_id, tg_mask, occ, region)
    );
    CREATE INDEX report_daily_employers_day ON report_daily_employers (day, employer_id)
      INCLUDE (tg_mask, occ, region);

    -- The refresh finds intensive-care seekers by centre and the day they entered care.
    CREATE INDEX seekers_care_day ON seekers (centre_id, (coalesce(report_seoul_day(care_since), registered_at)))
      WHERE care = 'intensive';
  `.execute(db);

  await markTriggers(db);

  // Every day with records (or with summary rows) is recomputed by the next refresh, so the new
  // columns and tables are filled on an upgraded installation too.
  await sql`
    INSERT INTO report_dirty
    SELECT DISTINCT centre_id, day FROM report_daily
    UNION SELECT DISTINCT centre_id, registered_at FROM seekers
    UNION SELECT DISTINCT centre_id, coalesce(report_seoul_day(care_since), registered_at) FROM seekers
      WHERE care = 'intensive'
    UNION SELECT DISTINCT centre_id, report_seoul_day(at) FROM counselling
    UNION SELECT DISTINCT centre_id, report_seoul_day(created_at) FROM referrals
    UNION SELECT DISTINCT centre_id, start_date FROM employments
    UNION SELECT DISTINCT centre_id, report_seoul_day(created_at) FROM postings
  `.execute(db);
}

/** The day a seeker entered intensive care, over a row alias (the seekers_care_day expression). */
const careDay = (a: string) => `coalesce(report_seoul_day(${a}.care_since), ${a}.registered_at)`;

/** The marks of 20261122_4000, extended to the days the new figures are filed under. */
async function markTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    -- A seeker in intensive care is counted on the day care began (intensiveCareSeekers).
    CREATE OR REPLACE FUNCTION report_mark_seekers() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.registered_at FROM new_rows r
          UNION SELECT DISTINCT r.centre_id, ${careDay('r')} FROM new_rows r WHERE r.care = 'intensive';
      END IF;
      -- new_rows does not exist in a DELETE trigger, so the two cases stay in separate branches.
      IF TG_OP = 'DELETE' THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.registered_at FROM old_rows r
          UNION SELECT DISTINCT r.centre_id, ${careDay('r')} FROM old_rows r WHERE r.care = 'intensive';
      END IF;
      IF TG_OP = 'UPDATE' THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.registered_at FROM old_rows r
          WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = r.id
            AND n.centre_id = r.centre_id AND n.registered_at = r.registered_at)
        UNION SELECT DISTINCT r.centre_id, ${careDay('r')} FROM old_rows r
          WHERE r.care = 'intensive' AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = r.id
            AND n.care = 'intensive' AND n.centre_id = r.centre_id AND ${careDay('n')} = ${careDay('r')});
        -- A change of target groups, occupation or region re-files every record of the seeker
        -- (including the employers reached by the seeker's referrals).
        INSERT INTO report_dirty
        SELECT DISTINCT x.centre_id, x.day FROM (
          SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE n.target_groups IS DISTINCT FROM o.target_groups
             OR left(n.desired_occupations[1], 1) IS DISTINCT FROM left(o.desired_occupations[1], 1)
             OR left(n.region_code, 2) <> left(o.region_code, 2)
        ) ch CROSS JOIN LATERAL (
          SELECT c.centre_id, report_seoul_day(c.at) AS day FROM counselling c WHERE c.seeker_id = ch.id
          UNION SELECT f.centre_id, report_seoul_day(f.created_at) FROM referrals f WHERE f.seeker_id = ch.id
          UNION SELECT e.centre_id, e.start_date FROM employments e WHERE e.seeker_id = ch.id
        ) x;
      END IF;
      RETURN NULL;
    END $$;

    -- An employment also changes employedSeekers (the seeker's registration day) and
    -- intensiveCareEmployed (the day the seeker entered care); its follow-ups are filed under
    -- its own start day, which the first pair already marks.
    CREATE OR REPLACE FUNCTION report_mark_employments() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.start_date FROM new_rows r
          UNION SELECT DISTINCT s.centre_id, s.registered_at FROM new_rows r JOIN seekers s ON s.id = r.seeker_id
          UNION SELECT DISTINCT s.centre_id, ${careDay('s')} FROM new_rows r JOIN seekers s ON s.id = r.seeker_id
            WHERE s.care = 'intensive';
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.start_date FROM old_rows r
          UNION SELECT DISTINCT s.centre_id, s.registered_at FROM old_rows r JOIN seekers s ON s.id = r.seeker_id
          UNION SELECT DISTINCT s.centre_id, ${careDay('s')} FROM old_rows r JOIN seekers s ON s.id = r.seeker_id
            WHERE s.care = 'intensive';
      END IF;
      RETURN NULL;
    END $$;

    -- A referral counts the employer, occupation and region of its posting: when those change,
    -- the days of the posting's referrals are re-marked as well as the posting's own day.
    CREATE OR REPLACE FUNCTION report_mark_postings() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, report_seoul_day(r.created_at) FROM new_rows r;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, report_seoul_day(r.created_at) FROM old_rows r;
      END IF;
      IF TG_OP = 'UPDATE' THEN
        INSERT INTO report_dirty SELECT DISTINCT f.centre_id, report_seoul_day(f.created_at)
          FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN referrals f ON f.posting_id = n.id
          WHERE n.employer_id <> o.employer_id OR left(n.occupation_code, 1) <> left(o.occupation_code, 1)
             OR left(n.region_code, 2) <> left(o.region_code, 2);
      END IF;
      RETURN NULL;
    END $$;

    -- Retention follow-ups are filed under the start day and recording centre of their employment.
    CREATE FUNCTION report_mark_retention_followups() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO report_dirty SELECT DISTINCT e.centre_id, e.start_date
          FROM new_rows r JOIN employments e ON e.id = r.employment_id;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO report_dirty SELECT DISTINCT e.centre_id, e.start_date
          FROM old_rows r JOIN employments e ON e.id = r.employment_id;
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER retention_followups_report_ins AFTER INSERT ON retention_followups
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_retention_followups();
    CREATE TRIGGER retention_followups_report_upd AFTER UPDATE ON retention_followups
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_mark_retention_followups();
    CREATE TRIGGER retention_followups_report_del AFTER DELETE ON retention_followups
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mark_retention_followups();

    -- "Up to today" also holds for intensiveCareEmployed: the daily job re-marks the care days
    -- of intensive-care seekers whose employment starts today.
    CREATE OR REPLACE FUNCTION report_mark_starting_today() RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE n integer;
    BEGIN
      INSERT INTO report_dirty SELECT DISTINCT s.centre_id, s.registered_at
        FROM employments e JOIN seekers s ON s.id = e.seeker_id
        WHERE e.start_date = report_seoul_day(now())
      UNION SELECT DISTINCT s.centre_id, ${careDay('s')}
        FROM employments e JOIN seekers s ON s.id = e.seeker_id
        WHERE e.start_date = report_seoul_day(now()) AND s.care = 'intensive';
      GET DIAGNOSTICS n = ROW_COUNT;
      RETURN n;
    END $$;
  `)
    .execute(db);
}
