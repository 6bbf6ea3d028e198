/**
 * Work due around the demo's anchor day, so a counsellor who logs in finds a day's work: the
 * 1/3/6-month retention follow-ups of the demo's hires (recorded long ago, open from ten days
 * before the anchor day onwards: some overdue, some due today, the week's coming ones) and
 * appointments with their own seekers on the anchor day (when it is a working day) and the
 * next working days. Set-based statements over the rows already copied; deterministic for a
 * seed and day (md5 of ids, no clock).
 * @module
 */
import { type Kysely, sql } from 'kysely';
import { closedDays } from '../features/calendar/calendar.service.ts';
import type { Tables } from '../platform/db/tables.ts';

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** An appointment slot of a working day: Seoul time, channel and where. */
const SLOTS = [
  { at: '10:00', channel: 'visit', place: '1층 상담실' },
  { at: '14:00', channel: 'phone', place: null },
  { at: '16:00', channel: 'visit', place: '2층 집단상담실' },
] as const;

/** Inserts the follow-ups and appointments; returns rows per table. */
export async function seedDueWork(db: Kysely<Tables>, o: { today: string }): Promise<Record<string, number>> {
  const today = o.today;
  // A hash in [0, 100) per employment and check, for results that look like real ones.
  const h = sql`(abs(hashtext(e.id::text || m.months::text)) % 100)`;
  const due = sql`(e.start_date + make_interval(months => m.months))::date`;
  const followups = await sql`
    INSERT INTO retention_followups (id, employment_id, seeker_id, centre_id, months, due_date,
      done_at, done_by, result, left_on)
    SELECT gen_random_uuid(), e.id, e.seeker_id, e.centre_id, m.months, ${due},
      CASE WHEN ${due} < ${today}::date - 10
        THEN (${due} + (${h} % 5) + time '10:30') AT TIME ZONE 'Asia/Seoul' END,
      CASE WHEN ${due} < ${today}::date - 10 THEN e.created_by END,
      CASE WHEN ${due} >= ${today}::date - 10 THEN NULL
        WHEN ${h} < 12 THEN 'left' WHEN ${h} < 16 THEN 'unknown' ELSE 'employed' END,
      CASE WHEN ${due} < ${today}::date - 10 AND ${h} < 12
        THEN greatest(e.start_date + 1, ${due} - (${h} % 20)) END
    FROM employments e CROSS JOIN (VALUES (1), (3), (6)) AS m (months)
    WHERE e.duplicate_of IS NULL AND ${due} <= ${today}::date + 7
    ON CONFLICT (employment_id, months) DO NOTHING`.execute(db);

  const closed = new Set(
    (await closedDays({ db }, { from: today, to: addDays(today, 14) })).map((d) => d.date),
  );
  const days: string[] = [];
  for (let k = 0; days.length < 5 && k < 15; k++) {
    const d = addDays(today, k);
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6 && !closed.has(d)) days.push(d);
  }
  const slots = days.flatMap((d, k) =>
    SLOTS.map(
      (s, j) =>
        sql`(${k * SLOTS.length + j + 1}::int, ${`${d}T${s.at}:00+09:00`}::timestamptz, ${s.channel}, ${s.place}::text)`,
    ),
  );
  if (!slots.length) return { retention_followups: Number(followups.numAffectedRows ?? 0), appointments: 0 };
  const appointments = await sql`
    WITH ranked AS (
      SELECT s.id, s.centre_id, s.counsellor_id,
        row_number() OVER (PARTITION BY s.counsellor_id ORDER BY md5(s.id::text || ${today})) AS n
      FROM seekers s JOIN users u ON u.id = s.counsellor_id AND u.role = 'counsellor'
      WHERE s.status = 'active')
    INSERT INTO appointments (id, centre_id, seeker_id, counsellor_id, starts_at, ends_at, channel,
      place, created_by)
    SELECT gen_random_uuid(), r.centre_id, r.id, r.counsellor_id, slot.starts_at,
      slot.starts_at + interval '50 minutes', slot.channel, slot.place, r.counsellor_id
    FROM (VALUES ${sql.join(slots)}) AS slot (n, starts_at, channel, place)
    JOIN ranked r ON r.n = slot.n`.execute(db);
  return {
    retention_followups: Number(followups.numAffectedRows ?? 0),
    appointments: Number(appointments.numAffectedRows ?? 0),
  };
}
