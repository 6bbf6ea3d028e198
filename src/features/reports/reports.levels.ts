import { type RawBuilder, sql } from 'kysely';
import { regionCodesCountedAs } from '../../codes/region-rollup.ts';
import type { KpiFilter } from './kpis/types.ts';

/**
 * Target-group codes in the bit order of report_tg_mask() (migration 20261122_4000); the two
 * lists must stay equal (reports.test.ts checks a seeker of each group lands in its bit).
 */
export const TG_CODES = [
  'youth',
  'new_middle_aged',
  'career_break_women',
  'senior',
  'disabled',
  'hs_graduate',
  'pre_discharge_soldier',
  'multicultural',
  'low_income',
] as const;

/** The bit of a target group in report_tg_mask(). */
export function tgBit(code: string): number {
  const i = TG_CODES.indexOf(code as (typeof TG_CODES)[number]);
  if (i < 0) throw new Error(`대상 코드가 요약 표의 비트 목록에 없습니다: ${code}`);
  return 1 << i;
}

export type Dim = 'tg' | 'occ' | 'region';

function dimsOf(f: KpiFilter, extra: Dim | null, withTg: boolean): Set<Dim> {
  const d = new Set<Dim>();
  if (withTg && f.targetGroup) d.add('tg');
  if (f.occupation) d.add('occ');
  if (f.regionCode) d.add('region');
  if (extra) d.add(extra);
  return d;
}

/**
 * WHERE conditions (without the days) picking one GROUPING SETS level of the summary plus the
 * filter values: the total (no dimension), the level of the one dimension, or the detail level
 * (two or three). The literal level conditions match the partial indexes of migration 9000.
 */
export function levelWhere(
  alias: string,
  f: KpiFilter,
  extra: Dim | null,
  withTg: boolean,
): RawBuilder<unknown> {
  const d = dimsOf(f, extra, withTg);
  const detail = d.size >= 2;
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const parts: RawBuilder<unknown>[] = [];
  if (f.centreIds !== null) parts.push(sql`${col('centre_id')} = ANY(${[...f.centreIds]}::uuid[])`);
  if (withTg) {
    parts.push(detail || d.has('tg') ? sql`${col('tg_mask')} >= 0` : sql`${col('tg_mask')} = -1`);
    if (f.targetGroup) parts.push(sql`(${col('tg_mask')} & ${tgBit(f.targetGroup)}::int) <> 0`);
  }
  parts.push(detail || d.has('occ') ? sql`${col('occ')} <> '*'` : sql`${col('occ')} = '*'`);
  parts.push(detail || d.has('region') ? sql`${col('region')} <> '*'` : sql`${col('region')} = '*'`);
  if (f.occupation) parts.push(sql`${col('occ')} = ${f.occupation}`);
  if (f.regionCode) parts.push(sql`${col('region')} = ANY(${regionCodesCountedAs(f.regionCode)}::text[])`);
  return sql.join(parts, sql` AND `);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * [from, to] as the whole calendar months inside it (first days of the first and last month, or
 * null) and the days left over at either end.
 */
export function monthsAndDays(
  from: string,
  to: string,
): { months: [string, string] | null; days: [string, string][] } {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  const first = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + (a.getUTCDate() === 1 ? 0 : 1), 1));
  const afterB = new Date(b.getTime() + 86_400_000);
  // The first day after the last whole month.
  const end = new Date(
    Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + (afterB.getUTCDate() === 1 ? 1 : 0), 1),
  );
  if (first >= end) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (a < first) days.push([from, iso(new Date(first.getTime() - 86_400_000))]);
  if (end <= b) days.push([iso(end), to]);
  const lastMonth = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
  return { months: [iso(first), iso(lastMonth)], days };
}

/** Columns of report_daily and report_monthly that reports read. */
const columns =
  sql.raw(`centre_id, tg_mask, occ, region, day, seekers_registered, employed_seekers, consultations,
  c_visit, c_phone, c_online, c_mobile_desk, c_group, referrals, referrals_interviewed, referrals_hired, hires,
  hires_by_referral, care_seekers, care_employed, ret1_done, ret1_kept, ret3_done, ret3_kept, ret6_done, ret6_kept`);

/**
 * The summary rows of the filter's level over its period, as a FROM item: whole months from
 * report_monthly (day = the first of the month), the days at either end from report_daily.
 */
export function seekerRows(f: KpiFilter, extra: Dim | null): RawBuilder<unknown> {
  const { months, days } = monthsAndDays(f.from, f.to);
  const parts: RawBuilder<unknown>[] = [];
  if (months) {
    parts.push(sql`SELECT ${columns} FROM report_monthly m
      WHERE m.day BETWEEN ${months[0]}::date AND ${months[1]}::date AND ${levelWhere('m', f, extra, true)}`);
  }
  for (const [a, b] of days) {
    parts.push(sql`SELECT ${columns} FROM report_daily d
      WHERE d.day BETWEEN ${a}::date AND ${b}::date AND ${levelWhere('d', f, extra, true)}`);
  }
  return sql`(${sql.join(parts, sql` UNION ALL `)})`;
}

/** WHERE conditions on report_daily_postings (summed per day; postings are few). */
export function postingWhere(f: KpiFilter): RawBuilder<unknown> {
  return sql`p.day BETWEEN ${f.from}::date AND ${f.to}::date AND ${levelWhere('p', f, null, false)}`;
}

/** WHERE conditions on report_daily_employers (one grain: every filter is a plain condition). */
export function employerWhere(f: KpiFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`e.day BETWEEN ${f.from}::date AND ${f.to}::date`];
  if (f.centreIds !== null) parts.push(sql`e.centre_id = ANY(${[...f.centreIds]}::uuid[])`);
  // With a target group only referrals of that group count; postings (tg_mask -1) drop out.
  if (f.targetGroup) parts.push(sql`e.tg_mask >= 0 AND (e.tg_mask & ${tgBit(f.targetGroup)}::int) <> 0`);
  if (f.occupation) parts.push(sql`e.occ = ${f.occupation}`);
  if (f.regionCode) parts.push(sql`e.region = ANY(${regionCodesCountedAs(f.regionCode)}::text[])`);
  return sql.join(parts, sql` AND `);
}
