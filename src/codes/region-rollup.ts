import { type RawBuilder, sql } from 'kysely';
import { seoulToday } from '../platform/domain/dates.ts';
import { listCodes } from './codes.ts';
import { rollupRegion } from './regions.ts';

/**
 * Reports count old records under the region in force (issue 14): 인천 서구 28260's seekers
 * under 서해구 28275, 광주 29 and 전남 46 under 12 전남광주통합특별시. Records keep their codes;
 * these SQL pieces roll them up where reports filter and group.
 */

/** Abolished codes (on `date`) → the code they count under. */
export function abolishedRegions(date: string = seoulToday()): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of listCodes('regions')) {
    if (r.validTo && r.validTo < date) {
      const to = rollupRegion(r.code, date);
      if (to !== r.code) out.set(r.code, to);
    }
  }
  return out;
}

/** `column` as the code it counts under today: a CASE over the few abolished codes. */
export function rolledUpRegionSql(column: RawBuilder<unknown>, date?: string): RawBuilder<unknown> {
  const map = abolishedRegions(date);
  if (map.size === 0) return column;
  const whens = [...map].map(([from, to]) => sql`WHEN ${sql.lit(from)} THEN ${sql.lit(to)}`);
  return sql`(CASE ${column} ${sql.join(whens, sql` `)} ELSE ${column} END)`;
}

/**
 * The records of a region filter (a 2-digit 시도 or 5-digit 시군구 prefix) with the abolished
 * codes that roll up into it: `column LIKE 'prefix%' OR column IN (old codes)`, so a filter on
 * 28275 also finds 28260's records and one on 12 finds 29xxx and 46xxx.
 */
export function regionFilterSql(
  column: RawBuilder<unknown>,
  prefix: string,
  date?: string,
): RawBuilder<unknown> {
  const old = [...abolishedRegions(date)]
    .filter(([from, to]) => to.startsWith(prefix) && !from.startsWith(prefix))
    .map(([from]) => from);
  // An old 시도 (29, 46) takes its 시군구 with it: their codes start with it.
  const oldSido = old.filter((c) => c.length === 2);
  const like = [`${prefix}%`, ...oldSido.map((c) => `${c}%`)];
  const exact = old.filter((c) => c.length !== 2 && !oldSido.includes(c.slice(0, 2)));
  const parts = like.map((p) => sql`${column} LIKE ${p}`);
  if (exact.length > 0) parts.push(sql`${column} = ANY(${exact}::text[])`);
  return parts.length === 1 ? (parts[0] as RawBuilder<unknown>) : sql`(${sql.join(parts, sql` OR `)})`;
}

/** The codes counted as `code` at its own length: itself and the abolished ones rolling into it (12 ← 29, 46). */
export function regionCodesCountedAs(code: string, date?: string): string[] {
  const old = [...abolishedRegions(date)]
    .filter(([from, to]) => to === code && from.length === code.length)
    .map(([from]) => from);
  return [code, ...old];
}
