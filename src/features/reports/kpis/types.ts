import { type RawBuilder, sql } from 'kysely';
import { occupationFilterSql } from '../../../codes/occupation-rollup.ts';
import type { OccupationEdition } from '../../../codes/occupations.ts';
import { regionFilterSql } from '../../../codes/region-rollup.ts';
import type { Db } from '../../../platform/db/pool.ts';

/** What every KPI is computed over. Dates are Asia/Seoul calendar days, both ends included. */
export interface KpiFilter {
  /** The centre and its subtree; null = every centre (admins only). */
  centreIds: readonly string[] | null;
  from: string;
  to: string;
  /** A target-group code (청년 youth, 신중년 new_middle_aged, …). */
  targetGroup?: string;
  /** A KECO code prefix (1–4 digits), read in `occupationEdition`. */
  occupation?: string;
  /** The edition of `occupation`: 2025 (current) when absent; the other edition's records count through the crosswalk. */
  occupationEdition?: OccupationEdition;
  /** A region code prefix (2-digit 시도 or 5-digit 시군구). */
  regionCode?: string;
  /** "Up to today" for outcome figures, as an Asia/Seoul date (injected so tests are stable). */
  today: string;
}

export type Bilingual = { ko: string; en: string };

/** Which record a filter dimension is read from. */
/** Dimensions of KPIs counted on seekers' records: every filter applies to the seeker. */
export const seekerSide = { targetGroup: 'seeker', occupation: 'seeker', region: 'seeker' } as const;

export type DimensionSource = 'seeker' | 'posting' | 'none';

/**
 * A KPI, defined once: the text shown on the report page and in docs/KPI.md, and the SQL that
 * computes it from the source tables (the "live" path; the summary path must agree with it).
 */
export interface KpiDefinition {
  id: string;
  name: Bilingual;
  unit: 'persons' | 'records' | 'postings' | 'positions' | 'employers' | 'percent';
  definition: Bilingual;
  /** Which records count, in words: table, date column, centre column. */
  counts: Bilingual;
  edgeCases: Bilingual[];
  /** How targetGroup / occupation / regionCode filters apply to this figure. */
  dimensions: { targetGroup: DimensionSource; occupation: DimensionSource; region: DimensionSource };
  /** Computes the figure from the source tables. Derived KPIs use `derive` instead. */
  live?: (db: Db, f: KpiFilter) => Promise<number | null>;
  /** A figure computed from other figures (successRate). */
  derive?: (figures: Record<string, number | null>) => number | null;
  /** A figure that is a breakdown (consultationsByChannel): part → count. */
  liveParts?: (db: Db, f: KpiFilter) => Promise<Record<string, number>>;
}

/** Helper so each definition file stays a plain list of literals. */
export function defineKpi(k: KpiDefinition): KpiDefinition {
  return k;
}

/** `alias.centre_id = ANY(ids)` or TRUE for all centres. */
export function centreCond(alias: string, f: KpiFilter): RawBuilder<unknown> {
  if (f.centreIds === null) return sql`TRUE`;
  return sql`${sql.ref(`${alias}.centre_id`)} = ANY(${[...f.centreIds]}::uuid[])`;
}

/** Target group, primary desired occupation and home region of the seeker behind a record. */
export function seekerDims(alias: string, f: KpiFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`TRUE`];
  if (f.targetGroup) parts.push(sql`${sql.ref(`${alias}.target_groups`)} @> ARRAY[${f.targetGroup}]::text[]`);
  // Either edition's records count under the filter's edition (2018 1553 under 2025 1555).
  if (f.occupation) {
    parts.push(
      occupationFilterSql(
        sql`${sql.ref(`${alias}.desired_occupations`)}[1]`,
        sql.ref(`${alias}.desired_occupation_edition`),
        f.occupation,
        f.occupationEdition,
      ),
    );
  }
  // Old records count under the region in force (28260 under 28275; 29, 46 under 12).
  if (f.regionCode) parts.push(regionFilterSql(sql.ref(`${alias}.region_code`), f.regionCode));
  return sql.join(parts, sql` AND `);
}

/** Occupation and region of a posting (target groups do not apply to postings). */
export function postingDims(alias: string, f: KpiFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`TRUE`];
  if (f.occupation) {
    parts.push(
      occupationFilterSql(
        sql.ref(`${alias}.occupation_code`),
        sql.ref(`${alias}.occupation_edition`),
        f.occupation,
        f.occupationEdition,
      ),
    );
  }
  // Old records count under the region in force (28260 under 28275; 29, 46 under 12).
  if (f.regionCode) parts.push(regionFilterSql(sql.ref(`${alias}.region_code`), f.regionCode));
  return sql.join(parts, sql` AND `);
}

/** A timestamptz column within [from, to] as Asia/Seoul calendar days (index-friendly range). */
export function seoulDays(col: string, f: KpiFilter): RawBuilder<unknown> {
  return sql`${sql.ref(col)} >= (${f.from}::date::timestamp AT TIME ZONE 'Asia/Seoul')
    AND ${sql.ref(col)} < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')`;
}

/** Runs a `SELECT count(...) AS n` and returns n as a number. */
export async function count(db: Db, q: RawBuilder<{ n: number | string | null }>): Promise<number> {
  const r = await q.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
