// The matching score of src/features/matching (weights in matching.constants.ts) as one SQL
// query: the peer of bench/matching.ts. $1 seeker id, $2 today (Asia/Seoul day number),
// $3 today as a date. Must stay point-for-point equal to matching.engine.ts.
export const MATCH_SQL = `
WITH s AS (
  SELECT s.*, t.tokens AS stok FROM seekers s JOIN bench_seeker_tokens t ON t.id = s.id WHERE s.id = $1
), oc AS (
  SELECT posting_id, count(*)::int AS n FROM referrals
  WHERE status IN ('referred', 'screening', 'interview') GROUP BY posting_id
)
SELECT p.id::text AS id, (
  (SELECT coalesce(max(CASE
      WHEN least(length(d), length(p.occupation_code)) >= 4 AND left(d, 4) = left(p.occupation_code, 4) THEN 40
      WHEN least(length(d), length(p.occupation_code)) >= 3 AND left(d, 3) = left(p.occupation_code, 3) THEN 28
      WHEN least(length(d), length(p.occupation_code)) >= 2 AND left(d, 2) = left(p.occupation_code, 2) THEN 16
      WHEN left(d, 1) = left(p.occupation_code, 1) THEN 6 ELSE 0 END), 0)
   FROM unnest(s.desired_occupations[1:4]) d)
  + CASE
      WHEN p.region_code = s.region_code AND length(p.region_code) = 5 THEN 20
      WHEN EXISTS (SELECT 1 FROM unnest(s.desired_regions[1:3]) r
                   WHERE r = p.region_code OR (length(r) = 2 AND r = left(p.region_code, 2))) THEN 15
      WHEN left(p.region_code, 2) = left(s.region_code, 2) THEN 10 ELSE 0 END
  + CASE
      WHEN coalesce(s.desired_wage_monthly, 0) <= 0 THEN 0
      WHEN p.wage_monthly_min >= s.desired_wage_monthly THEN 15
      WHEN p.wage_monthly_min::bigint * 10 >= s.desired_wage_monthly::bigint * 9 THEN 7 ELSE 0 END
  + CASE WHEN p.employment_type = ANY (s.desired_employment_types) THEN 8 ELSE 0 END
  + CASE WHEN p.career_type <> 'E' THEN 5 WHEN s.career_months >= p.career_min_months THEN 10
         WHEN s.career_months > 0 THEN 3 ELSE 0 END
  + least(12, 6 * (SELECT count(*) FROM (SELECT unnest(p.certificates[1:4]) INTERSECT SELECT unnest(s.certificates[1:4])) x))::int
  + least(12, 2 * (SELECT count(*) FROM (SELECT unnest(pt.tokens) INTERSECT SELECT unnest(s.stok)) x))::int
  + CASE WHEN (p.preferences && ARRAY['S', 'Y', 'D'] AND s.consent_sensitive AND 'disabled' = ANY (s.target_groups))
           OR (p.preferences && ARRAY['B'] AND s.target_groups && ARRAY['senior', 'new_middle_aged'])
           OR (p.preferences && ARRAY['08', '09'] AND s.target_groups && ARRAY['pre_discharge_soldier'])
           OR (p.preferences && ARRAY['07'] AND s.target_groups && ARRAY['low_income', 'career_break_women'])
         THEN 8 ELSE 0 END
  + CASE WHEN $2::int - floor((extract(epoch FROM p.created_at) + 32400) / 86400)::int <= 7 THEN 4
         WHEN $2::int - floor((extract(epoch FROM p.created_at) + 32400) / 86400)::int <= 30 THEN 2 ELSE 0 END
  - least(15, (5 * coalesce(oc.n, 0)) / greatest(p.headcount, 1))
)::int AS score
FROM postings p
JOIN bench_posting_tokens pt ON pt.id = p.id
LEFT JOIN oc ON oc.posting_id = p.id
CROSS JOIN s
WHERE p.status = 'open' AND p.closes_at >= $3::date
  AND (p.education_min = '00' OR s.education_level >= p.education_min)
  AND (NOT ('D' = ANY (p.preferences)) OR (s.consent_sensitive AND 'disabled' = ANY (s.target_groups)))
ORDER BY score DESC, p.id
LIMIT 20`;
