import { type Kysely, sql } from 'kysely';

// Reports (성과·통계): yearly targets per centre, and a daily summary that keeps the KPI report
// under a second at national scale (docs/KPI.md, "How the figures are computed fast").
//
// Why a dirty-day log instead of row triggers that add deltas: a delta trigger would make every
// seeker/counselling insert of a centre update the same summary row, serialising concurrent
// writers (and deadlocking multi-row imports). Here writers only append (centre, day) marks from
// statement-level triggers over transition tables (one INSERT per statement, also for COPY),
// never wait on each other, and report_refresh() recomputes just the marked days.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE centre_targets (
      centre_id uuid NOT NULL REFERENCES centres (id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      kpi text NOT NULL,
      target numeric NOT NULL CHECK (target >= 0),
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (centre_id, year, kpi)
    );

    -- Append-only on purpose (no key): writers never conflict; the refresh drains it.
    CREATE TABLE report_dirty (centre_id uuid NOT NULL, day date NOT NULL);

    -- One row per centre x day x level. Levels come from GROUPING SETS: the total row has
    -- tg_mask = -1, occ = '*', region = '*'; single-dimension rows set one of them. No detail
    -- level: it would hold nearly one row per record (no gain over the source tables), so a
    -- filter on two dimensions at once is answered from the source tables. tg_mask is a bitmask of the seeker's target groups (report_tg_mask), occ the
    -- KECO major group (1 digit) of the first desired occupation ('' when none), region the 시도.
    CREATE TABLE report_daily (
      centre_id uuid NOT NULL,
      tg_mask integer NOT NULL,
      occ text NOT NULL,
      region text NOT NULL,
      day date NOT NULL,
      seekers_registered integer NOT NULL DEFAULT 0,
      employed_seekers integer NOT NULL DEFAULT 0,
      consultations integer NOT NULL DEFAULT 0,
      c_visit integer NOT NULL DEFAULT 0,
      c_phone integer NOT NULL DEFAULT 0,
      c_online integer NOT NULL DEFAULT 0,
      c_mobile_desk integer NOT NULL DEFAULT 0,
      c_group integer NOT NULL DEFAULT 0,
      referrals integer NOT NULL DEFAULT 0,
      referrals_interviewed integer NOT NULL DEFAULT 0,
      referrals_hired integer NOT NULL DEFAULT 0,
      hires integer NOT NULL DEFAULT 0,
      hires_by_referral integer NOT NULL DEFAULT 0,
      PRIMARY KEY (centre_id, tg_mask, occ, region, day)
    );
    CREATE INDEX report_daily_level ON report_daily (tg_mask, occ, region, day);
    CREATE INDEX report_daily_day ON report_daily (centre_id, day);

    -- Postings are the employer side: no target group; occupation and region are the posting's.
    CREATE TABLE report_daily_postings (
      centre_id uuid NOT NULL,
      occ text NOT NULL,
      region text NOT NULL,
      day date NOT NULL,
      postings integer NOT NULL DEFAULT 0,
      headcount integer NOT NULL DEFAULT 0,
      PRIMARY KEY (centre_id, occ, region, day)
    );
    CREATE INDEX report_daily_postings_level ON report_daily_postings (occ, region, day);
    CREATE INDEX report_daily_postings_day ON report_daily_postings (centre_id, day);

    -- Live-path indexes: postings and employers served by centre and creation time.
    CREATE INDEX postings_centre_created ON postings (centre_id, created_at);
    CREATE INDEX referral_events_status ON referral_events (referral_id) WHERE status IN ('interview', 'hired');

    -- Target-group codes in bit order; stable ilteo codes (src/codes/tables/target-groups.tsv).
    -- One expression (no subquery) so that PostgreSQL inlines it: it runs once per record.
    CREATE FUNCTION report_tg_mask(g text[]) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT (CASE WHEN g @> '{youth}' THEN 1 ELSE 0 END) + (CASE WHEN g @> '{new_middle_aged}' THEN 2 ELSE 0 END)
        + (CASE WHEN g @> '{career_break_women}' THEN 4 ELSE 0 END) + (CASE WHEN g @> '{senior}' THEN 8 ELSE 0 END)
        + (CASE WHEN g @> '{disabled}' THEN 16 ELSE 0 END) + (CASE WHEN g @> '{hs_graduate}' THEN 32 ELSE 0 END)
        + (CASE WHEN g @> '{pre_discharge_soldier}' THEN 64 ELSE 0 END) + (CASE WHEN g @> '{multicultural}' THEN 128 ELSE 0 END)
        + (CASE WHEN g @> '{low_income}' THEN 256 ELSE 0 END)
    $$;

    CREATE FUNCTION report_seoul_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT (t AT TIME ZONE 'Asia/Seoul')::date
    $$;
  `.execute(db);

  await markTriggers(db);
  await refreshFunction(db);

  // Existing data (an upgraded installation) is summarised by the first refresh.
  await sql`
    INSERT INTO report_dirty
    SELECT DISTINCT centre_id, registered_at FROM seekers
    UNION SELECT DISTINCT centre_id, report_seoul_day(at) FROM counselling
    UNION SELECT DISTINCT centre_id, report_seoul_day(created_at) FROM referrals
    UNION SELECT DISTINCT centre_id, start_date FROM employments
    UNION SELECT DISTINCT centre_id, report_seoul_day(created_at) FROM postings
  `.execute(db);
}

/** Statement-level triggers (transition tables) that append the touched (centre, day) pairs. */
async function markTriggers(db: Kysely<unknown>): Promise<void> {
  // [table, day expression over a row alias r, extra pairs for the row set]
  const simple: [string, string][] = [
    ['counselling', 'report_seoul_day(r.at)'],
    ['referrals', 'report_seoul_day(r.created_at)'],
    ['postings', 'report_seoul_day(r.created_at)'],
  ];
  for (const [table, day] of simple) {
    await sql
      .raw(`
      CREATE FUNCTION report_mark_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO report_dirty SELECT DISTINCT r.centre_id, ${day} FROM new_rows r;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO report_dirty SELECT DISTINCT r.centre_id, ${day} FROM old_rows r;
        END IF;
        RETURN NULL;
      END $$;`)
      .execute(db);
  }
  // An employment also changes employedSeekers, filed under the seeker's registration day.
  await sql`
    CREATE FUNCTION report_mark_employments() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.start_date FROM new_rows r
          UNION SELECT DISTINCT s.centre_id, s.registered_at FROM new_rows r JOIN seekers s ON s.id = r.seeker_id;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.start_date FROM old_rows r
          UNION SELECT DISTINCT s.centre_id, s.registered_at FROM old_rows r JOIN seekers s ON s.id = r.seeker_id;
      END IF;
      RETURN NULL;
    END $$;

    -- Reaching the interview or hired stage changes the funnel of the referral's creation day.
    CREATE FUNCTION report_mark_referral_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO report_dirty SELECT DISTINCT f.centre_id, report_seoul_day(f.created_at)
        FROM new_rows r JOIN referrals f ON f.id = r.referral_id;
      RETURN NULL;
    END $$;

    -- A seeker's records are filed under the seeker's target groups, occupation and region, so
    -- a change of those re-files every day the seeker has a record on.
    CREATE FUNCTION report_mark_seekers() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.registered_at FROM new_rows r;
      END IF;
      -- new_rows does not exist in a DELETE trigger, so the two cases stay in separate branches.
      IF TG_OP = 'DELETE' THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.registered_at FROM old_rows r;
      END IF;
      IF TG_OP = 'UPDATE' THEN
        INSERT INTO report_dirty SELECT DISTINCT r.centre_id, r.registered_at FROM old_rows r
          WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = r.id
            AND n.centre_id = r.centre_id AND n.registered_at = r.registered_at);
      END IF;
      IF TG_OP = 'UPDATE' THEN
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
  `.execute(db);
  for (const table of ['seekers', 'counselling', 'referrals', 'postings', 'employments']) {
    await sql
      .raw(`
      CREATE TRIGGER ${table}_report_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION report_mark_${table}();
      CREATE TRIGGER ${table}_report_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION report_mark_${table}();
      CREATE TRIGGER ${table}_report_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION report_mark_${table}();`)
      .execute(db);
  }
  await sql`
    CREATE TRIGGER referral_events_report_ins AFTER INSERT ON referral_events REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_mark_referral_events();
  `.execute(db);
}

/**
 * The LATERAL … OFFSET 0 subqueries force one index range scan per (centre, day): without the
 * fence the planner hash-joins on centre_id alone and tests every record against every day.
 *
 * report_refresh(): drains report_dirty and recomputes those (centre, day) pairs from the
 * source tables with the same definitions as the live queries in src/features/reports/kpis.
 * Refreshers serialise on an advisory lock; a mark written by a transaction that commits after
 * the drain stays in the log and is picked up by the next refresh.
 */
async function refreshFunction(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION report_refresh() RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE cs uuid[]; ds date[]; n integer; today date := report_seoul_day(now());
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('ilteo.report_refresh'));
      WITH d AS (DELETE FROM report_dirty RETURNING centre_id, day),
           u AS (SELECT DISTINCT centre_id, day FROM d)
      SELECT array_agg(centre_id), array_agg(day), count(*) INTO cs, ds, n FROM u;
      IF n = 0 THEN RETURN 0; END IF;

      DELETE FROM report_daily r USING unnest(cs, ds) AS b(centre_id, day)
        WHERE r.centre_id = b.centre_id AND r.day = b.day;
      DELETE FROM report_daily_postings r USING unnest(cs, ds) AS b(centre_id, day)
        WHERE r.centre_id = b.centre_id AND r.day = b.day;

      INSERT INTO report_daily (centre_id, tg_mask, occ, region, day, seekers_registered, employed_seekers,
        consultations, c_visit, c_phone, c_online, c_mobile_desk, c_group,
        referrals, referrals_interviewed, referrals_hired, hires, hires_by_referral)
      SELECT centre_id,
        CASE WHEN GROUPING(tg) = 1 THEN -1 ELSE tg END,
        CASE WHEN GROUPING(occ) = 1 THEN '*' ELSE occ END,
        CASE WHEN GROUPING(region) = 1 THEN '*' ELSE region END,
        day, sum(reg), sum(emp), sum(cons), sum(cv), sum(cp), sum(co), sum(cm), sum(cg),
        sum(refs), sum(ri), sum(rh), sum(hires), sum(hr)
      FROM (
        SELECT s.centre_id, s.registered_at AS day, report_tg_mask(s.target_groups) AS tg,
          coalesce(left(s.desired_occupations[1], 1), '') AS occ, left(s.region_code, 2) AS region,
          1 AS reg,
          (EXISTS (SELECT 1 FROM employments e WHERE e.seeker_id = s.id
             AND e.start_date >= s.registered_at AND e.start_date <= today))::int AS emp,
          0 AS cons, 0 AS cv, 0 AS cp, 0 AS co, 0 AS cm, 0 AS cg, 0 AS refs, 0 AS ri, 0 AS rh, 0 AS hires, 0 AS hr
        FROM unnest(cs, ds) AS b(centre_id, day)
        JOIN seekers s ON s.centre_id = b.centre_id AND s.registered_at = b.day
        UNION ALL
        SELECT c.centre_id, b.day, report_tg_mask(s.target_groups), coalesce(left(s.desired_occupations[1], 1), ''),
          left(s.region_code, 2), 0, 0, 1,
          (c.channel = 'visit')::int, (c.channel = 'phone')::int, (c.channel = 'online')::int,
          (c.channel = 'mobile_desk')::int, (c.channel = 'group')::int, 0, 0, 0, 0, 0
        FROM unnest(cs, ds) AS b(centre_id, day)
        CROSS JOIN LATERAL (SELECT * FROM counselling c WHERE c.centre_id = b.centre_id
          AND c.at >= (b.day::timestamp AT TIME ZONE 'Asia/Seoul') AND c.at < ((b.day + 1)::timestamp AT TIME ZONE 'Asia/Seoul')
          OFFSET 0) c
        JOIN seekers s ON s.id = c.seeker_id
        UNION ALL
        SELECT f.centre_id, b.day, report_tg_mask(s.target_groups), coalesce(left(s.desired_occupations[1], 1), ''),
          left(s.region_code, 2), 0, 0, 0, 0, 0, 0, 0, 0, 1,
          (f.status IN ('interview', 'hired') OR EXISTS (SELECT 1 FROM referral_events v
             WHERE v.referral_id = f.id AND v.status IN ('interview', 'hired')))::int,
          (f.status = 'hired' OR EXISTS (SELECT 1 FROM referral_events v
             WHERE v.referral_id = f.id AND v.status = 'hired'))::int,
          0, 0
        FROM unnest(cs, ds) AS b(centre_id, day)
        CROSS JOIN LATERAL (SELECT * FROM referrals f WHERE f.centre_id = b.centre_id
          AND f.created_at >= (b.day::timestamp AT TIME ZONE 'Asia/Seoul') AND f.created_at < ((b.day + 1)::timestamp AT TIME ZONE 'Asia/Seoul')
          OFFSET 0) f
        JOIN seekers s ON s.id = f.seeker_id
        UNION ALL
        SELECT e.centre_id, e.start_date, report_tg_mask(s.target_groups), coalesce(left(s.desired_occupations[1], 1), ''),
          left(s.region_code, 2), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (e.route = 'referral')::int
        FROM unnest(cs, ds) AS b(centre_id, day)
        JOIN employments e ON e.centre_id = b.centre_id AND e.start_date = b.day
        JOIN seekers s ON s.id = e.seeker_id
      ) f
      GROUP BY GROUPING SETS ((centre_id, day), (centre_id, day, tg), (centre_id, day, occ), (centre_id, day, region));

      INSERT INTO report_daily_postings (centre_id, occ, region, day, postings, headcount)
      SELECT centre_id, CASE WHEN GROUPING(occ) = 1 THEN '*' ELSE occ END,
        CASE WHEN GROUPING(region) = 1 THEN '*' ELSE region END, day, count(*), sum(headcount)
      FROM (
        SELECT p.centre_id, b.day, left(p.occupation_code, 1) AS occ, left(p.region_code, 2) AS region, p.headcount
        FROM unnest(cs, ds) AS b(centre_id, day)
        CROSS JOIN LATERAL (SELECT * FROM postings p WHERE p.centre_id = b.centre_id
          AND p.created_at >= (b.day::timestamp AT TIME ZONE 'Asia/Seoul') AND p.created_at < ((b.day + 1)::timestamp AT TIME ZONE 'Asia/Seoul')
          AND p.status NOT IN ('draft', 'pending') OFFSET 0) p
      ) p
      GROUP BY GROUPING SETS ((centre_id, day), (centre_id, day, occ), (centre_id, day, region));
      RETURN n;
    END $$;

    -- employedSeekers counts employments "up to today": a future start date becomes countable
    -- on its day, so the daily job re-marks the registration days of seekers starting today.
    CREATE FUNCTION report_mark_starting_today() RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE n integer;
    BEGIN
      INSERT INTO report_dirty SELECT DISTINCT s.centre_id, s.registered_at
        FROM employments e JOIN seekers s ON s.id = e.seeker_id
        WHERE e.start_date = report_seoul_day(now());
      GET DIAGNOSTICS n = ROW_COUNT;
      RETURN n;
    END $$;
  `.execute(db);
}
