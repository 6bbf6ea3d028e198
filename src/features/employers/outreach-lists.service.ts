import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';

// The employer lists outreach plans its visits from: companies of a centre not visited since a
// day, and businesses registered lately (prospects first). The visits are outreach's records,
// given as a relation (employer_id, held_at) whose columns are the contract; no contacts.

export interface OutreachListRow {
  id: string;
  name: string;
  bizRegNo: string;
  regionCode: string;
  address: string | null;
  ksic: string | null;
  size: string | null;
  prospect: boolean;
  registeredAt: string;
  lastVisitAt: string | null;
}

interface ListOpts {
  /** The centres whose employers are listed; null: every centre (national admins). */
  centreIds: readonly string[] | null;
  /** Held visits as a relation: (employer_id, held_at). */
  visits: RawBuilder<unknown>;
  offset: number;
  limit: number;
}

async function page(db: Db, where: RawBuilder<boolean>, order: RawBuilder<unknown>, o: ListOpts) {
  const centres = o.centreIds === null ? sql`TRUE` : sql`e.centre_id = ANY(${[...o.centreIds]}::uuid[])`;
  const r = await sql<{
    id: string;
    name: string;
    biz_reg_no: string;
    region_code: string;
    address: string | null;
    ksic: string | null;
    size: string | null;
    prospect: boolean;
    created_at: Date;
    last_visit: Date | null;
    total: number;
  }>`
    WITH last AS (SELECT v.employer_id, max(v.held_at) AS last_visit FROM ${o.visits} v GROUP BY v.employer_id)
    SELECT e.id, e.name, e.biz_reg_no, e.region_code, e.address, e.ksic, e.size, e.prospect, e.created_at,
           l.last_visit, count(*) OVER ()::int AS total
      FROM employers e LEFT JOIN last l ON l.employer_id = e.id
     WHERE ${centres} AND ${where}
     ORDER BY ${order}, e.id
     OFFSET ${o.offset} LIMIT ${o.limit}`.execute(db);
  return {
    total: r.rows[0]?.total ?? 0,
    items: r.rows.map(
      (x): OutreachListRow => ({
        id: x.id,
        name: x.name,
        bizRegNo: x.biz_reg_no,
        regionCode: x.region_code,
        address: x.address,
        ksic: x.ksic,
        size: x.size,
        prospect: x.prospect,
        registeredAt: new Date(x.created_at).toISOString(),
        lastVisitAt: x.last_visit ? new Date(x.last_visit).toISOString() : null,
      }),
    ),
  };
}

/**
 * Employers of the centres whose last visit held is before `before`, or never visited: the
 * longest unvisited first (never visited first of all), then by name.
 */
export function employersNotVisitedSince(db: Db, o: ListOpts & { before: Date }) {
  return page(
    db,
    sql<boolean>`(l.last_visit IS NULL OR l.last_visit < ${o.before})`,
    sql`l.last_visit ASC NULLS FIRST, e.name`,
    o,
  );
}

/**
 * Businesses to visit first: employers registered since `since` or marked prospect, not visited
 * since they were registered; prospects first, the newest first.
 */
export function newBusinesses(db: Db, o: ListOpts & { since: Date }) {
  return page(
    db,
    sql<boolean>`(e.created_at >= ${o.since} OR e.prospect) AND (l.last_visit IS NULL OR l.last_visit < e.created_at)`,
    sql`e.prospect DESC, e.created_at DESC`,
    o,
  );
}
