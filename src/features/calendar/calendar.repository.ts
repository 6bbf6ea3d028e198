import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { gazetteHolidays, type HolidayKind } from './calendar.gazette.ts';
import './calendar.tables.ts';

/**
 * Holidays and, with a centre, that centre's closed days in [from, to] in one statement: each
 * closure is cut to the range and spread over its days (generate_series), so callers get one
 * row per day and name. Availability and booking read this on every request.
 */
export async function closedDaysBetween(db: Db, centreId: string | null, from: string, to: string) {
  const r = await sql<{ date: string; name: string; kind: string }>`
    SELECT date, name, kind FROM holidays WHERE date BETWEEN ${from}::date AND ${to}::date
    UNION ALL
    SELECT d::date, c.reason, 'closure'
      FROM centre_closures c,
           generate_series(greatest(c.from_date, ${from}::date), least(c.to_date, ${to}::date), interval '1 day') AS d
     WHERE ${centreId}::uuid IS NOT NULL AND c.centre_id = ${centreId}::uuid
       AND c.from_date <= ${to}::date AND c.to_date >= ${from}::date
    `.execute(db);
  return r.rows;
}

/** Inserts a holiday; null when that day already carries that name. */
export async function insertHoliday(
  db: Db,
  row: {
    date: string;
    name: string;
    kind: HolidayKind;
    source: 'gazette' | 'admin';
    createdBy: string | null;
  },
) {
  return db
    .insertInto('holidays')
    .values({ date: row.date, name: row.name, kind: row.kind, source: row.source, created_by: row.createdBy })
    .onConflict((oc) => oc.columns(['date', 'name']).doNothing())
    .returning(['date', 'name', 'kind', 'source'])
    .executeTakeFirst();
}

export function insertClosure(
  db: Db,
  row: { id: string; centreId: string; from: string; to: string; reason: string; createdBy: string },
) {
  return db
    .insertInto('centre_closures')
    .values({
      id: row.id,
      centre_id: row.centreId,
      from_date: row.from,
      to_date: row.to,
      reason: row.reason,
      created_by: row.createdBy,
    })
    .returning(['id', 'centre_id', 'from_date', 'to_date', 'reason'])
    .executeTakeFirstOrThrow();
}

/** Copies gazette days the table lacks (a newer package brings next year); returns how many. */
export async function copyGazette(db: Db): Promise<number> {
  const rows = gazetteHolidays();
  if (rows.length === 0) return 0;
  const res = await db
    .insertInto('holidays')
    .values(rows.map((r) => ({ date: r.date, name: r.name, kind: r.kind, source: 'gazette' as const })))
    .onConflict((oc) => oc.columns(['date', 'name']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

/** The last year with any gazette day in the table (null when none). */
export async function lastGazetteYear(db: Db): Promise<number | null> {
  const r = await db
    .selectFrom('holidays')
    .select((eb) => eb.fn.max('date').as('last'))
    .where('source', '=', 'gazette')
    .executeTakeFirst();
  return r?.last ? Number(String(r.last).slice(0, 4)) : null;
}
