import { type Kysely, sql } from 'kysely';

// report_refresh() of 20261122_4000, recomputing the marked (centre, day) pairs into every
// summary of 20261122_9000 as well: the intensive-care and retention columns of report_daily,
// its detail level, report_monthly and report_daily_employers. The definitions are those of the
// live queries in src/features/reports/kpis (reports.test.ts and reports.summary.test.ts
// compare the two).
//
// Each branch of the union yields one row per record with a kind k and up to four values
// (ch, m, v1, v2); the aggregate counts them with FILTER, so no branch lists the others' zeros.
// The LATERAL … OFFSET 0 subqueries force one index range scan per (centre, day) (see 4000).
// report_monthly follows by difference: the old rows of a marked day are subtracted from its
// month and the new ones added, so a refresh costs the marked days, not their whole months.
export async function up(db: Kysely<unknown>): Promise<void> {
  const dims = sql.raw(`report_tg_mask(s.target_groups) AS tg,
    coalesce(left(s.desired_occupations[1], 1), '') AS occ, left(s.region_code, 2) AS region`);
  const onDay = (col: string) =>
    sql.raw(`${col} >= (b.day::timestamp AT TIME ZONE 'Asia/Seoul')
      AND ${col} < ((b.day + 1)::timestamp AT TIME ZONE 'Asia/Seoul')`);
  const figures = `seekers_registered, employed_seekers, consultations, c_visit, c_phone, c_online, c_mobile_desk,
    c_group, referrals, referrals_interviewed, referrals_hired, hires, hires_by_referral,
    care_seekers, care_employed, ret1_done, ret1_kept, ret3_done, ret3_kept, ret6_done, ret6_kept`;
  const names = figures.split(',').map((c) => c.trim());
  const cols = sql.raw(figures);
  const list = (f: (c: string) => string) => sql.raw(names.map(f).join(', '));
  const sums = list((c) => `sum(r.${c}) AS ${c}`);
  const month = sql.raw(`date_trunc('month', r.day)::date`);
  const markedMonths = sql.raw(`(SELECT DISTINCT centre_id, date_trunc('month', day)::date AS day
    FROM unnest(cs, ds) AS b(centre_id, day)) b`);
  await sql`
    -- JIT would compile these large plans on every refresh of many days (seconds, for statements
    -- that run once); the memory keeps a full rebuild's aggregates off disk.
    CREATE OR REPLACE FUNCTION report_refresh() RETURNS integer LANGUAGE plpgsql
      SET jit = off SET work_mem = '64MB' AS $$
    DECLARE cs uuid[]; ds date[]; n integer; today date := report_seoul_day(now());
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('ilteo.report_refresh'));
      WITH d AS (DELETE FROM report_dirty RETURNING centre_id, day),
           u AS (SELECT DISTINCT centre_id, day FROM d)
      SELECT array_agg(centre_id), array_agg(day), count(*) INTO cs, ds, n FROM u;
      IF n = 0 THEN RETURN 0; END IF;

      WITH gone AS (
        DELETE FROM report_daily r USING unnest(cs, ds) AS b(centre_id, day)
          WHERE r.centre_id = b.centre_id AND r.day = b.day RETURNING r.*
      ), g AS (
        SELECT r.centre_id, r.tg_mask, r.occ, r.region, ${month} AS day, ${sums} FROM gone r GROUP BY 1, 2, 3, 4, 5
      )
      UPDATE report_monthly m SET ${list((c) => `${c} = m.${c} - g.${c}`)} FROM g
        WHERE m.centre_id = g.centre_id AND m.tg_mask = g.tg_mask AND m.occ = g.occ AND m.region = g.region
          AND m.day = g.day;
      DELETE FROM report_daily_postings r USING unnest(cs, ds) AS b(centre_id, day)
        WHERE r.centre_id = b.centre_id AND r.day = b.day;
      DELETE FROM report_daily_employers r USING unnest(cs, ds) AS b(centre_id, day)
        WHERE r.centre_id = b.centre_id AND r.day = b.day;

      WITH ins AS (
      INSERT INTO report_daily (centre_id, tg_mask, occ, region, day, ${cols})
      SELECT centre_id,
        CASE WHEN GROUPING(tg) = 1 THEN -1 ELSE tg END,
        CASE WHEN GROUPING(occ) = 1 THEN '*' ELSE occ END,
        CASE WHEN GROUPING(region) = 1 THEN '*' ELSE region END,
        day,
        count(*) FILTER (WHERE k = 's'), count(*) FILTER (WHERE k = 's' AND v1 = 1),
        count(*) FILTER (WHERE k = 'c'), count(*) FILTER (WHERE k = 'c' AND ch = 'visit'),
        count(*) FILTER (WHERE k = 'c' AND ch = 'phone'), count(*) FILTER (WHERE k = 'c' AND ch = 'online'),
        count(*) FILTER (WHERE k = 'c' AND ch = 'mobile_desk'), count(*) FILTER (WHERE k = 'c' AND ch = 'group'),
        count(*) FILTER (WHERE k = 'r'), count(*) FILTER (WHERE k = 'r' AND v1 = 1),
        count(*) FILTER (WHERE k = 'r' AND v2 = 1),
        count(*) FILTER (WHERE k = 'e'), count(*) FILTER (WHERE k = 'e' AND v1 = 1),
        count(*) FILTER (WHERE k = 'care'), count(*) FILTER (WHERE k = 'care' AND v1 = 1),
        count(*) FILTER (WHERE k = 'rf' AND m = 1), count(*) FILTER (WHERE k = 'rf' AND m = 1 AND v1 = 1),
        count(*) FILTER (WHERE k = 'rf' AND m = 3), count(*) FILTER (WHERE k = 'rf' AND m = 3 AND v1 = 1),
        count(*) FILTER (WHERE k = 'rf' AND m = 6), count(*) FILTER (WHERE k = 'rf' AND m = 6 AND v1 = 1)
      FROM (
        -- seekersRegistered / employedSeekers, on the registration day
        SELECT s.centre_id, s.registered_at AS day, ${dims}, 's' AS k, NULL::text AS ch, 0 AS m,
          (EXISTS (SELECT 1 FROM employments e WHERE e.seeker_id = s.id
             AND e.start_date >= s.registered_at AND e.start_date <= today))::int AS v1, 0 AS v2
        FROM unnest(cs, ds) AS b(centre_id, day)
        JOIN seekers s ON s.centre_id = b.centre_id AND s.registered_at = b.day
        UNION ALL
        -- intensiveCareSeekers / intensiveCareEmployed, on the day care began
        SELECT s.centre_id, b.day, ${dims}, 'care', NULL, 0,
          (EXISTS (SELECT 1 FROM employments e WHERE e.seeker_id = s.id
             AND e.start_date >= b.day AND e.start_date <= today))::int, 0
        FROM unnest(cs, ds) AS b(centre_id, day)
        CROSS JOIN LATERAL (SELECT * FROM seekers s WHERE s.care = 'intensive' AND s.centre_id = b.centre_id
          AND coalesce(report_seoul_day(s.care_since), s.registered_at) = b.day OFFSET 0) s
        UNION ALL
        -- consultations by channel
        SELECT c.centre_id, b.day, ${dims}, 'c', c.channel, 0, 0, 0
        FROM unnest(cs, ds) AS b(centre_id, day)
        CROSS JOIN LATERAL (SELECT * FROM counselling c WHERE c.centre_id = b.centre_id AND ${onDay('c.at')}
          OFFSET 0) c
        JOIN seekers s ON s.id = c.seeker_id
        UNION ALL
        -- referrals and their funnel
        -- (the stage history through the partial index referral_events_status, one probe a referral)
        SELECT f.centre_id, b.day, ${dims}, 'r', NULL, 0,
          (f.status IN ('interview', 'hired') OR ev.reached)::int,
          (f.status = 'hired' OR coalesce(ev.hired, false))::int
        FROM unnest(cs, ds) AS b(centre_id, day)
        CROSS JOIN LATERAL (SELECT * FROM referrals f WHERE f.centre_id = b.centre_id AND ${onDay('f.created_at')}
          OFFSET 0) f
        JOIN seekers s ON s.id = f.seeker_id
        CROSS JOIN LATERAL (SELECT count(*) > 0 AS reached, bool_or(v.status = 'hired') AS hired
          FROM referral_events v WHERE v.referral_id = f.id AND v.status IN ('interview', 'hired')) ev
        UNION ALL
        -- hires, on the start day (a record marked as a repeat of another counts once)
        SELECT e.centre_id, e.start_date, ${dims}, 'e', NULL, 0, (e.route = 'referral')::int, 0
        FROM unnest(cs, ds) AS b(centre_id, day)
        JOIN employments e ON e.centre_id = b.centre_id AND e.start_date = b.day AND e.duplicate_of IS NULL
        JOIN seekers s ON s.id = e.seeker_id
        UNION ALL
        -- retention follow-ups done with a result, on their employment's start day
        SELECT e.centre_id, e.start_date, ${dims}, 'rf', NULL, rf.months, (rf.result = 'employed')::int, 0
        FROM unnest(cs, ds) AS b(centre_id, day)
        JOIN employments e ON e.centre_id = b.centre_id AND e.start_date = b.day AND e.duplicate_of IS NULL
        JOIN retention_followups rf ON rf.employment_id = e.id
          AND rf.done_at IS NOT NULL AND rf.result IN ('employed', 'left')
        JOIN seekers s ON s.id = e.seeker_id
      ) f
      GROUP BY GROUPING SETS ((centre_id, day), (centre_id, day, tg), (centre_id, day, occ),
        (centre_id, day, region), (centre_id, day, tg, occ, region))
      RETURNING *)
      INSERT INTO report_monthly (centre_id, tg_mask, occ, region, day, ${cols})
      SELECT r.centre_id, r.tg_mask, r.occ, r.region, ${month}, ${sums} FROM ins r GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (centre_id, tg_mask, occ, region, day)
        DO UPDATE SET ${list((c) => `${c} = report_monthly.${c} + excluded.${c}`)};
      -- Month rows whose records all went.
      DELETE FROM report_monthly m USING ${markedMonths}
        CROSS JOIN LATERAL (SELECT x.tg_mask, x.occ, x.region FROM report_monthly x
          WHERE x.centre_id = b.centre_id AND x.day = b.day AND greatest(${list((c) => `x.${c}`)}) = 0 OFFSET 0) z
        WHERE m.centre_id = b.centre_id AND m.tg_mask = z.tg_mask AND m.occ = z.occ AND m.region = z.region
          AND m.day = b.day;

      INSERT INTO report_daily_postings (centre_id, occ, region, day, postings, headcount)
      SELECT centre_id, CASE WHEN GROUPING(occ) = 1 THEN '*' ELSE occ END,
        CASE WHEN GROUPING(region) = 1 THEN '*' ELSE region END, day, count(*), sum(headcount)
      FROM (
        SELECT p.centre_id, b.day, left(p.occupation_code, 1) AS occ, left(p.region_code, 2) AS region, p.headcount
        FROM unnest(cs, ds) AS b(centre_id, day)
        CROSS JOIN LATERAL (SELECT * FROM postings p WHERE p.centre_id = b.centre_id AND ${onDay('p.created_at')}
          AND p.status NOT IN ('draft', 'pending') OFFSET 0) p
      ) p
      GROUP BY GROUPING SETS ((centre_id, day), (centre_id, day, occ), (centre_id, day, region),
        (centre_id, day, occ, region));

      -- employersServed: approved postings created that day, and referrals made that day (with
      -- the referred seeker's target-group mask), each with the posting's employer and codes.
      INSERT INTO report_daily_employers (centre_id, day, employer_id, tg_mask, occ, region)
      SELECT DISTINCT centre_id, day, employer_id, tg, occ, region FROM (
        SELECT p.centre_id, b.day, p.employer_id, -1 AS tg, left(p.occupation_code, 1) AS occ,
          left(p.region_code, 2) AS region
        FROM unnest(cs, ds) AS b(centre_id, day)
        CROSS JOIN LATERAL (SELECT * FROM postings p WHERE p.centre_id = b.centre_id AND ${onDay('p.created_at')}
          AND p.status NOT IN ('draft', 'pending') OFFSET 0) p
        UNION ALL
        SELECT f.centre_id, b.day, p.employer_id, report_tg_mask(s.target_groups), left(p.occupation_code, 1),
          left(p.region_code, 2)
        FROM unnest(cs, ds) AS b(centre_id, day)
        CROSS JOIN LATERAL (SELECT * FROM referrals f WHERE f.centre_id = b.centre_id AND ${onDay('f.created_at')}
          OFFSET 0) f
        JOIN postings p ON p.id = f.posting_id
        JOIN seekers s ON s.id = f.seeker_id
      ) x;
      RETURN n;
    END $$;
  `.execute(db);
}
