import { type Kysely, sql } from 'kysely';

// Mobile desks (찾아가는 취업상담실, features/desks, issue 16): a desk is a place and a rule
// (weekdays, or days of the month, until a date; Seoul local times, FIELD.md §b.4) that is
// materialised into one session per date, holidays and the centre's closures left out; a
// holiday or closure declared later cancels the session it falls on and says why
// (cancel_reason). Counselling records and seekers registered at a session carry its id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE mobile_desks (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      place text NOT NULL CHECK (btrim(place) <> '' AND length(place) <= 200),
      address text NOT NULL CHECK (btrim(address) <> '' AND length(address) <= 300),
      region_code text NOT NULL CHECK (region_code ~ '^[0-9]{2,10}$'),
      opens_at time NOT NULL,
      closes_at time NOT NULL,
      capacity integer CHECK (capacity BETWEEN 1 AND 1000),
      by_weekday smallint[] NOT NULL DEFAULT '{}',
      by_month_days smallint[] NOT NULL DEFAULT '{}',
      valid_from date NOT NULL,
      until date NOT NULL,
      note text CHECK (length(note) <= 1000),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (closes_at > opens_at),
      CHECK (until >= valid_from AND until - valid_from <= 400),
      CHECK (cardinality(by_weekday) > 0 OR cardinality(by_month_days) > 0),
      CHECK (1 <= ALL (by_weekday) AND 7 >= ALL (by_weekday)),
      CHECK (1 <= ALL (by_month_days) AND 31 >= ALL (by_month_days))
    )`.execute(db);
  await sql`CREATE INDEX mobile_desks_centre ON mobile_desks (centre_id)`.execute(db);
  await sql`
    CREATE TABLE desk_sessions (
      id uuid PRIMARY KEY,
      desk_id uuid NOT NULL REFERENCES mobile_desks (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      date date NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      cancel_reason text CHECK (length(cancel_reason) <= 300),
      cancelled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (desk_id, date),
      CHECK (ends_at > starts_at),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX desk_sessions_starts ON desk_sessions (starts_at)`.execute(db);
  await sql`CREATE INDEX desk_sessions_centre_date ON desk_sessions (centre_id, date)`.execute(db);
  await sql`ALTER TABLE counselling ADD COLUMN desk_session_id uuid REFERENCES desk_sessions (id)`.execute(
    db,
  );
  await sql`ALTER TABLE counselling ADD CONSTRAINT counselling_desk_channel
      CHECK (desk_session_id IS NULL OR channel = 'mobile_desk')`.execute(db);
  await sql`CREATE INDEX counselling_desk_session ON counselling (desk_session_id)
      WHERE desk_session_id IS NOT NULL`.execute(db);
  await sql`ALTER TABLE seekers ADD COLUMN desk_session_id uuid REFERENCES desk_sessions (id)`.execute(db);
  await sql`ALTER TABLE seekers ADD CONSTRAINT seekers_desk_channel
      CHECK (desk_session_id IS NULL OR channel = 'mobile_desk')`.execute(db);
}
