import { sql } from 'kysely';
import { occupationFilterSql } from '../../codes/occupation-rollup.ts';
import { regionFilterSql, rolledUpRegionSql } from '../../codes/region-rollup.ts';
import type { Db } from '../../platform/db/pool.ts';
import { isReplica } from '../../platform/db/replica.ts';
import { counsellingReportRows } from '../counselling/counselling.report.service.ts';
import { employedBetween, employmentReportRows } from '../employments/employments.report.service.ts';
import { referralReportRows } from '../referrals/referrals.report.service.ts';
import { seekerReportRows } from '../seekers/seekers.report.service.ts';
import { CHANNELS } from './kpis/casework.ts';
import { retentionRate } from './kpis/retention.ts';
import type { KpiFilter } from './kpis/types.ts';
import { type Dim, employerWhere, postingWhere, seekerRows, TG_CODES } from './reports.levels.ts';

export type BreakdownBy = 'month' | 'channel' | 'targetGroup' | 'occupation' | 'region' | 'centre';

const dimFor: Record<BreakdownBy, Dim | null> = {
  month: null,
  channel: null,
  centre: null,
  targetGroup: 'tg',
  occupation: 'occ',
  region: 'region',
};

/**
 * Drains the dirty-day log into the summary tables; returns the number of days recomputed. On
 * the read-only replica there is nothing to do: `readReport` drained the primary first and the
 * replica is read only once it has replayed past that.
 */
export async function refreshSummary(db: Db): Promise<number> {
  if (isReplica(db)) return 0;
  const r = await sql<{ n: number }>`SELECT report_refresh() AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Rebuilds every summary from the source tables (report_rebuild(), migration 9600): empties the
 * summaries and the log, marks every (centre, day) that has a record, and refreshes, in one
 * transaction. For loads that bypass the statement triggers (seed-demo and restore COPY as
 * `session_replication_role = replica`) or replace the source tables wholesale (`seed-demo
 * --reset` TRUNCATEs them, which no trigger sees). Returns the number of days recomputed.
 */
export async function rebuildSummary(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    // Minutes at national scale: a pool-wide statement timeout must not cut it short.
    await sql`SET LOCAL statement_timeout = 0`.execute(tx);
    const r = await sql<{ n: number }>`SELECT report_rebuild() AS n`.execute(tx);
    return Number(r.rows[0]?.n ?? 0);
  });
}

/**
 * The summary holds KECO major groups and 시도: one dimension at a time in its own level, two or
 * three together (filters plus the breakdown's) in the detail level. Finer prefixes (a KECO
 * code of 2–4 digits, a 시군구) are computed from the source tables.
 */
export function summaryServes(f: KpiFilter): boolean {
  if (f.occupation && f.occupation.length !== 1) return false;
  if (f.regionCode && f.regionCode.length !== 2) return false;
  return true;
}

const dailySums = sql`
  coalesce(sum(seekers_registered), 0) AS "seekersRegistered",
  coalesce(sum(employed_seekers), 0) AS "employedSeekers",
  coalesce(sum(consultations), 0) AS consultations,
  coalesce(sum(c_visit), 0) AS visit, coalesce(sum(c_phone), 0) AS phone,
  coalesce(sum(c_online), 0) AS online, coalesce(sum(c_mobile_desk), 0) AS mobile_desk,
  coalesce(sum(c_group), 0) AS "group",
  coalesce(sum(referrals), 0) AS referrals,
  coalesce(sum(referrals_interviewed), 0) AS "referralsInterviewed",
  coalesce(sum(referrals_hired), 0) AS "referralsHired",
  coalesce(sum(hires), 0) AS hires,
  coalesce(sum(hires_by_referral), 0) AS "hiresByReferral",
  coalesce(sum(care_seekers), 0) AS "intensiveCareSeekers",
  coalesce(sum(care_employed), 0) AS "intensiveCareEmployed",
  coalesce(sum(ret1_done), 0) AS ret1_done, coalesce(sum(ret1_kept), 0) AS ret1_kept,
  coalesce(sum(ret3_done), 0) AS ret3_done, coalesce(sum(ret3_kept), 0) AS ret3_kept,
  coalesce(sum(ret6_done), 0) AS ret6_done, coalesce(sum(ret6_kept), 0) AS ret6_kept`;

type Row = Record<string, number | string | null>;

function numbers(row: Row | undefined, keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, Number(row?.[k] ?? 0)]));
}

const seekerKeys = [
  'seekersRegistered',
  'employedSeekers',
  'consultations',
  'referrals',
  'referralsInterviewed',
  'referralsHired',
  'hires',
  'hiresByReferral',
] as const;

const careKeys = ['intensiveCareSeekers', 'intensiveCareEmployed'] as const;
const postingKeys = ['postingsRegistered', 'headcountRequested'] as const;
const retentionMonths = [1, 3, 6] as const;

/** KPI ids the summary tables hold; every other KPI is computed from the source tables. */
export const SUMMARY_KPIS: readonly string[] = [
  ...seekerKeys,
  ...careKeys,
  ...postingKeys,
  'employersServed',
  ...retentionMonths.map((m) => `retention${m}m`),
];

/** The figures the summary tables hold, for one filter. */
export async function summaryFigures(
  db: Db,
  f: KpiFilter,
): Promise<{ scalars: Record<string, number | null>; byChannel: Record<string, number> }> {
  const [daily, postings, employers] = await Promise.all([
    sql<Row>`SELECT ${dailySums} FROM ${seekerRows(f, null)} r`.execute(db),
    sql<Row>`SELECT coalesce(sum(postings), 0) AS "postingsRegistered", coalesce(sum(headcount), 0) AS "headcountRequested"
      FROM report_daily_postings p WHERE ${postingWhere(f)}`.execute(db),
    sql<Row>`SELECT count(*) AS "employersServed"
      FROM (SELECT DISTINCT e.employer_id FROM report_daily_employers e WHERE ${employerWhere(f)}) x`.execute(
      db,
    ),
  ]);
  const d = daily.rows[0];
  const retention = Object.fromEntries(
    retentionMonths.map((m) => [
      `retention${m}m`,
      retentionRate(Number(d?.[`ret${m}_done`] ?? 0), Number(d?.[`ret${m}_kept`] ?? 0)),
    ]),
  );
  return {
    scalars: {
      ...numbers(d, seekerKeys),
      ...numbers(d, careKeys),
      ...numbers(postings.rows[0], postingKeys),
      ...numbers(employers.rows[0], ['employersServed']),
      ...retention,
    },
    byChannel: numbers(d, CHANNELS),
  };
}

/** One breakdown row: a key (month, code, centre id) and the seeker-side figures for it. */
export interface BreakdownRow {
  key: string;
  figures: Record<string, number>;
}

/** A breakdown from the summary tables. */
export async function summaryBreakdown(db: Db, f: KpiFilter, by: BreakdownBy): Promise<BreakdownRow[]> {
  const rows = seekerRows(f, dimFor[by]);
  if (by === 'channel') {
    const r = await sql<Row>`SELECT ${dailySums} FROM ${rows} r`.execute(db);
    return CHANNELS.map((c) => ({ key: c, figures: { consultations: Number(r.rows[0]?.[c] ?? 0) } }));
  }
  if (by === 'targetGroup') {
    const r = await sql<Row>`SELECT g.code AS key, ${dailySums}
      FROM ${rows} r JOIN unnest(${[...TG_CODES]}::text[]) WITH ORDINALITY AS g(code, i)
        ON (r.tg_mask & (1 << (g.i::int - 1))) <> 0
      GROUP BY g.code`.execute(db);
    const byKey = new Map(r.rows.map((x) => [String(x.key), x]));
    return TG_CODES.map((code) => ({ key: code, figures: numbers(byKey.get(code), seekerKeys) }));
  }
  const key = {
    month: sql`to_char(r.day, 'YYYY-MM')`,
    occupation: sql`r.occ`,
    region: rolledUpRegionSql(sql`r.region`),
    centre: sql`r.centre_id::text`,
  }[by];
  // A day may hold only intensive-care entries, which breakdowns do not show: such keys have no
  // record of the four kinds below and no row in the live breakdown either.
  const r = await sql<Row>`SELECT ${key} AS key, ${dailySums} FROM ${rows} r
    GROUP BY 1 HAVING sum(seekers_registered + consultations + referrals + hires) > 0 ORDER BY 1`.execute(db);
  return r.rows.map((x) => ({ key: String(x.key), figures: numbers(x, seekerKeys) }));
}

/** The same breakdown computed from the source tables (fine filters, and the bench's peer). */
export async function liveBreakdown(db: Db, f: KpiFilter, by: BreakdownBy): Promise<BreakdownRow[]> {
  const centre = (a: string) =>
    f.centreIds === null ? sql`TRUE` : sql`${sql.ref(`${a}.centre_id`)} = ANY(${[...f.centreIds]}::uuid[])`;
  const dims = sql.join(
    [
      sql`TRUE`,
      f.targetGroup ? sql`s.target_groups @> ARRAY[${f.targetGroup}]::text[]` : sql`TRUE`,
      f.occupation
        ? occupationFilterSql(
            sql`s.desired_occupations[1]`,
            sql`s.desired_occupation_edition`,
            f.occupation,
            f.occupationEdition,
          )
        : sql`TRUE`,
      f.regionCode ? regionFilterSql(sql`s.region_code`, f.regionCode) : sql`TRUE`,
    ],
    sql` AND `,
  );
  const range = (col: string) =>
    sql`${sql.ref(col)} >= (${f.from}::date::timestamp AT TIME ZONE 'Asia/Seoul')
      AND ${sql.ref(col)} < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')`;
  // Each branch yields (centre, day, seeker, metric columns); the key is taken over them. The
  // records come from their owners' report relations (`*.report.service.ts`).
  const seekers = seekerReportRows();
  const facts = sql`
    SELECT s.centre_id, s.registered_at AS day, s.target_groups, s.desired_occupations[1] AS occ1, s.region_code,
      NULL::text AS channel, 1 AS reg,
      (${employedBetween(sql`s.id`, sql`s.registered_at`, f.today)})::int AS emp,
      0 AS cons, 0 AS refs, 0 AS ri, 0 AS rh, 0 AS hires, 0 AS hr
    FROM ${seekers} s WHERE ${centre('s')} AND s.registered_at BETWEEN ${f.from}::date AND ${f.to}::date AND ${dims}
    UNION ALL
    SELECT c.centre_id, report_seoul_day(c.at), s.target_groups, s.desired_occupations[1], s.region_code,
      c.channel, 0, 0, 1, 0, 0, 0, 0, 0
    FROM ${counsellingReportRows()} c JOIN ${seekers} s ON s.id = c.seeker_id
    WHERE ${centre('c')} AND ${range('c.at')} AND ${dims}
    UNION ALL
    SELECT r.centre_id, report_seoul_day(r.created_at), s.target_groups, s.desired_occupations[1], s.region_code,
      NULL, 0, 0, 0, 1, r.interviewed::int, r.hired::int, 0, 0
    FROM ${referralReportRows()} r JOIN ${seekers} s ON s.id = r.seeker_id
    WHERE ${centre('r')} AND ${range('r.created_at')} AND ${dims}
    UNION ALL
    SELECT e.centre_id, e.start_date, s.target_groups, s.desired_occupations[1], s.region_code,
      NULL, 0, 0, 0, 0, 0, 0, 1, (e.route = 'referral')::int
    FROM ${employmentReportRows()} e JOIN ${seekers} s ON s.id = e.seeker_id
    WHERE ${centre('e')} AND e.start_date BETWEEN ${f.from}::date AND ${f.to}::date AND ${dims}`;
  const sums = sql`sum(reg) AS "seekersRegistered", sum(emp) AS "employedSeekers", sum(cons) AS consultations,
    sum(refs) AS referrals, sum(ri) AS "referralsInterviewed", sum(rh) AS "referralsHired",
    sum(hires) AS hires, sum(hr) AS "hiresByReferral"`;
  if (by === 'channel') {
    const r = await sql<Row>`SELECT channel AS key, count(*) AS n FROM (${facts}) x
      WHERE channel IS NOT NULL GROUP BY channel`.execute(db);
    const m = new Map(r.rows.map((x) => [String(x.key), Number(x.n)]));
    return CHANNELS.map((c) => ({ key: c, figures: { consultations: m.get(c) ?? 0 } }));
  }
  if (by === 'targetGroup') {
    const r =
      await sql<Row>`SELECT g AS key, ${sums} FROM (${facts}) x CROSS JOIN LATERAL unnest(x.target_groups) g
      GROUP BY g`.execute(db);
    const byKey = new Map(r.rows.map((x) => [String(x.key), x]));
    return TG_CODES.map((code) => ({ key: code, figures: numbers(byKey.get(code), seekerKeys) }));
  }
  const key = {
    month: sql`to_char(x.day, 'YYYY-MM')`,
    occupation: sql`coalesce(left(x.occ1, 1), '')`,
    region: sql`left(${rolledUpRegionSql(sql`x.region_code`)}, 2)`,
    centre: sql`x.centre_id::text`,
  }[by];
  const r = await sql<Row>`SELECT ${key} AS key, ${sums} FROM (${facts}) x GROUP BY 1 ORDER BY 1`.execute(db);
  return r.rows.map((x) => ({ key: String(x.key), figures: numbers(x, seekerKeys) }));
}
