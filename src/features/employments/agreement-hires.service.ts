import { type RawBuilder, sql } from 'kysely';
import { regionFilterSql } from '../../codes/region-rollup.ts';
import type { Db } from '../../platform/db/pool.ts';
import { postingEmployers } from '../postings/postings.relations.service.ts';
import { seekerRegions } from '../seekers/seekers.relations.service.ts';

/** A period at an employer whose hires of residents of a region are counted (a hiring agreement). */
export interface ResidentHireWindow {
  key: string;
  employerId: string;
  from: string;
  to: string;
  /** 시도 or 시군구 code prefix of the seekers' home region (old codes count under the new one). */
  regionCode: string;
}

/**
 * Hires at each window's employer (named on the employment, or through its posting) starting
 * within [from, to], of seekers whose home region lies in `regionCode`; repeats marked by
 * migration 5002 left out. Counts only, by key: the hiring agreements' `filled`, derived from
 * real hires and never typed in. One statement per distinct region.
 */
export async function residentHires(
  db: Db,
  windows: readonly ResidentHireWindow[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>(windows.map((w) => [w.key, 0]));
  const byRegion = new Map<string, ResidentHireWindow[]>();
  for (const w of windows) byRegion.set(w.regionCode, [...(byRegion.get(w.regionCode) ?? []), w]);
  for (const [region, ws] of byRegion) {
    const rows = await db
      .selectFrom(
        sql<{ key: string; employer_id: string; valid_from: string; valid_to: string }>`(SELECT * FROM unnest(
          ${ws.map((w) => w.key)}::text[], ${ws.map((w) => w.employerId)}::uuid[],
          ${ws.map((w) => w.from)}::date[], ${ws.map((w) => w.to)}::date[]) AS w (key, employer_id, valid_from, valid_to))`.as(
          'w',
        ),
      )
      .innerJoin('employments as e', (j) =>
        j.on(sql<boolean>`e.start_date BETWEEN w.valid_from AND w.valid_to AND e.duplicate_of IS NULL`),
      )
      .leftJoin(postingEmployers('p'), 'p.id', 'e.posting_id')
      .innerJoin(seekerRegions('s'), 's.id', 'e.seeker_id')
      .where(sql<boolean>`(e.employer_id = w.employer_id OR p.employer_id = w.employer_id)`)
      .where(regionFilterSql(sql.ref('s.region_code'), region) as RawBuilder<boolean>)
      .select(['w.key', sql<number>`count(DISTINCT e.id)::int`.as('n')])
      .groupBy('w.key')
      .execute();
    for (const r of rows) out.set(r.key, Number(r.n));
  }
  return out;
}
