import { type Kysely, sql } from 'kysely';

// Appointments of counsellors with seekers (features/appointments, issue 15). One counsellor
// cannot hold two overlapping appointments: an exclusion constraint over the counsellor and the
// time range (btree_gist, migration 0001) decides it under concurrency, cancelled ones aside.
// The range is half-open, so 10:00–11:00 and 11:00–12:00 do not overlap. centre_id is the
// seeker's centre (personal data, SECURITY.md); counselling_id names the counselling record
// whose "next contact" the appointment was made from. A counsellor's calendar feed (ICS) is
// read with a secret token whose SHA-256 is kept in appointment_feeds (one per user, replaced
// when a new one is issued).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE appointments (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      seeker_id uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
      counsellor_id uuid NOT NULL REFERENCES users (id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      channel text NOT NULL CHECK (channel IN ('visit', 'phone', 'online', 'mobile_desk')),
      place text CHECK (length(place) <= 200),
      note text CHECK (length(note) <= 2000),
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      cancelled_at timestamptz,
      cancel_reason text CHECK (length(cancel_reason) <= 500),
      counselling_id uuid REFERENCES counselling (id) ON DELETE SET NULL,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '12 hours'),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
        counsellor_id WITH =, tstzrange(starts_at, ends_at) WITH &&
      ) WHERE (status <> 'cancelled')
    )`.execute(db);
  await sql`CREATE INDEX appointments_centre_starts ON appointments (centre_id, starts_at)`.execute(db);
  await sql`CREATE INDEX appointments_seeker_starts ON appointments (seeker_id, starts_at)`.execute(db);
  await sql`
    CREATE TABLE appointment_feeds (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}
