import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { HiringEventTable } from './events.tables.ts';
import './events.tables.ts';

// The SQL of hiring-event totals (features/events owns these tables): one event's summary, the
// KPIs over a period, and the report's rows per event and per kind — the same counts throughout.

export interface EventTotals {
  employers: number;
  seekers: number;
  interviews: number;
  passedFirst: number;
  hired: number;
}

/**
 * The totals over a set of events (one statement; a period leaves cancelled events out): approved employers (distinct per event),
 * seekers who registered or booked (distinct per event), interviews held (a result other than
 * no-show), first-round passes (passed_first or hired) and hires.
 */
export async function eventTotals(
  db: Db,
  f: { eventId?: string; from?: Date; to?: Date; centreIds?: readonly string[] | null; kind?: string },
): Promise<EventTotals> {
  const events = db
    .selectFrom('hiring_events')
    .select('id')
    .$if(f.eventId !== undefined, (q) => q.where('id', '=', f.eventId as string))
    // Over a period, cancelled events are not counted (one event's own summary still reads).
    .$if(f.eventId === undefined, (q) => q.where('cancelled_at', 'is', null))
    .$if(f.kind !== undefined, (q) => q.where('kind', '=', f.kind as HiringEventTable['kind']))
    .$if(f.from !== undefined, (q) => q.where('starts_at', '>=', f.from as Date))
    .$if(f.to !== undefined, (q) => q.where('starts_at', '<', f.to as Date))
    .$if(Boolean(f.centreIds), (q) =>
      q.where(sql<boolean>`centre_id = ANY(${[...(f.centreIds ?? [])]}::uuid[])`),
    );
  const r = await sql<{
    employers: string;
    seekers: string;
    interviews: string;
    passed: string;
    hired: string;
  }>`
    WITH ev AS (${events}),
    people AS (
      SELECT event_id, seeker_id FROM event_registrations
        WHERE status <> 'cancelled' AND event_id IN (SELECT id FROM ev)
      UNION
      SELECT event_id, seeker_id FROM interview_bookings
        WHERE status <> 'cancelled' AND event_id IN (SELECT id FROM ev)
    )
    SELECT
      (SELECT count(*) FROM event_employers
         WHERE status = 'approved' AND event_id IN (SELECT id FROM ev)) AS employers,
      (SELECT count(*) FROM people) AS seekers,
      count(*) FILTER (WHERE b.result IN ('interviewed', 'passed_first', 'hired', 'rejected')) AS interviews,
      count(*) FILTER (WHERE b.result IN ('passed_first', 'hired')) AS passed,
      count(*) FILTER (WHERE b.result = 'hired') AS hired
    FROM interview_bookings b
    WHERE b.status <> 'cancelled' AND b.event_id IN (SELECT id FROM ev)`.execute(db);
  const row = r.rows[0];
  return {
    employers: Number(row?.employers ?? 0),
    seekers: Number(row?.seekers ?? 0),
    interviews: Number(row?.interviews ?? 0),
    passedFirst: Number(row?.passed ?? 0),
    hired: Number(row?.hired ?? 0),
  };
}

export interface GroupTotals extends EventTotals {
  key: string;
  title: string | null;
  kind: string;
  startsAt: Date | null;
  events: number;
}

/**
 * The same totals as `eventTotals`, per event (the latest `limit` events first) or per kind,
 * over events starting in [from, to) at some centres (null: all) — one statement.
 */
export async function eventTotalsGrouped(
  db: Db,
  f: { from: Date; to: Date; centreIds: readonly string[] | null; by: 'event' | 'kind'; limit: number },
): Promise<GroupTotals[]> {
  const centres = f.centreIds ? sql`AND e.centre_id = ANY(${[...f.centreIds]}::uuid[])` : sql``;
  const key = f.by === 'event' ? sql`e.id::text` : sql`e.kind`;
  const r = await sql<{
    key: string;
    title: string | null;
    kind: string;
    starts_at: Date | null;
    events: string;
    employers: string;
    seekers: string;
    interviews: string;
    passed: string;
    hired: string;
  }>`
    WITH ev AS (
      SELECT e.id, e.title, e.kind, e.starts_at, ${key} AS key FROM hiring_events e
      WHERE e.starts_at >= ${f.from} AND e.starts_at < ${f.to} AND e.cancelled_at IS NULL ${centres}
    ),
    emp AS (
      SELECT event_id, count(*) AS n FROM event_employers
      WHERE status = 'approved' AND event_id IN (SELECT id FROM ev) GROUP BY event_id
    ),
    ppl AS (
      SELECT event_id, count(*) AS n FROM (
        SELECT event_id, seeker_id FROM event_registrations
          WHERE status <> 'cancelled' AND event_id IN (SELECT id FROM ev)
        UNION
        SELECT event_id, seeker_id FROM interview_bookings
          WHERE status <> 'cancelled' AND event_id IN (SELECT id FROM ev)
      ) p GROUP BY event_id
    ),
    res AS (
      SELECT event_id,
        count(*) FILTER (WHERE result IN ('interviewed', 'passed_first', 'hired', 'rejected')) AS interviews,
        count(*) FILTER (WHERE result IN ('passed_first', 'hired')) AS passed,
        count(*) FILTER (WHERE result = 'hired') AS hired
      FROM interview_bookings
      WHERE status <> 'cancelled' AND event_id IN (SELECT id FROM ev) GROUP BY event_id
    )
    SELECT ev.key, ${f.by === 'event' ? sql`min(ev.title)` : sql`NULL`} AS title, min(ev.kind) AS kind,
      ${f.by === 'event' ? sql`min(ev.starts_at)` : sql`NULL`} AS starts_at,
      count(*) AS events,
      coalesce(sum(emp.n), 0) AS employers, coalesce(sum(ppl.n), 0) AS seekers,
      coalesce(sum(res.interviews), 0) AS interviews, coalesce(sum(res.passed), 0) AS passed,
      coalesce(sum(res.hired), 0) AS hired
    FROM ev
    LEFT JOIN emp ON emp.event_id = ev.id
    LEFT JOIN ppl ON ppl.event_id = ev.id
    LEFT JOIN res ON res.event_id = ev.id
    GROUP BY ev.key
    ORDER BY ${f.by === 'event' ? sql`min(ev.starts_at) DESC, ev.key` : sql`ev.key`}
    LIMIT ${f.limit}`.execute(db);
  return r.rows.map((x) => ({
    key: x.key,
    title: x.title,
    kind: x.kind,
    startsAt: x.starts_at,
    events: Number(x.events),
    employers: Number(x.employers),
    seekers: Number(x.seekers),
    interviews: Number(x.interviews),
    passedFirst: Number(x.passed),
    hired: Number(x.hired),
  }));
}
