import { type Kysely, sql } from 'kysely';
import { gazetteHolidays } from '../features/calendar/calendar.gazette.ts';

// Holidays and centre closures (features/calendar). The gazette days of
// @hyunbinseo/holidays-kr are copied in here; admins add 임시공휴일 and election days later
// (source 'admin'), and managers close their centre for a period. A day may carry two names.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE holidays (
      date date NOT NULL,
      name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
      kind text NOT NULL CHECK (kind IN ('public', 'substitute', 'temporary', 'election')),
      source text NOT NULL CHECK (source IN ('gazette', 'admin')),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (date, name)
    )`.execute(db);
  await sql`
    CREATE TABLE centre_closures (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      from_date date NOT NULL,
      to_date date NOT NULL,
      reason text NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 500),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (to_date >= from_date AND to_date - from_date <= 366)
    )`.execute(db);
  await sql`CREATE INDEX centre_closures_centre_from ON centre_closures (centre_id, from_date)`.execute(db);
  const rows = gazetteHolidays();
  if (rows.length === 0) return;
  await sql`
    INSERT INTO holidays (date, name, kind, source)
    SELECT d, n, k, 'gazette'
      FROM unnest(${rows.map((r) => r.date)}::date[], ${rows.map((r) => r.name)}::text[],
                  ${rows.map((r) => r.kind)}::text[]) AS t (d, n, k)
    ON CONFLICT DO NOTHING`.execute(db);
}
