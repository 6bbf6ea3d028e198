import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

// What the programmes feature reads of employments: who of a cohort's completers found work
// in their window (the 6-month outcome a 취업성공 사관학교 is judged by), owned here. The
// window rule itself is employedWithin (employments.report.service.ts); this names the job.

/**
 * For each (seeker, from, until) — Seoul dates — the first employment (duplicates left out)
 * starting in [from, until]: employer, start date and route. Seekers without one are absent.
 */
export async function firstEmploymentsBetween(
  db: Db,
  windows: readonly { seekerId: string; from: string; until: string }[],
): Promise<Map<string, { employerName: string; startDate: string; route: string }>> {
  if (windows.length === 0) return new Map();
  const r = await sql<{ seeker_id: string; employer_name: string; start_date: string; route: string }>`
    SELECT DISTINCT ON (w.seeker_id) w.seeker_id, e.employer_name, e.start_date::text AS start_date, e.route
    FROM unnest(${windows.map((w) => w.seekerId)}::uuid[], ${windows.map((w) => w.from)}::date[],
        ${windows.map((w) => w.until)}::date[]) AS w(seeker_id, from_day, until_day)
    JOIN employments e ON e.seeker_id = w.seeker_id AND e.duplicate_of IS NULL
      AND e.start_date >= w.from_day AND e.start_date <= w.until_day
    ORDER BY w.seeker_id, e.start_date, e.id`.execute(db);
  return new Map(
    r.rows.map((x) => [
      x.seeker_id,
      { employerName: x.employer_name, startDate: x.start_date, route: x.route },
    ]),
  );
}
