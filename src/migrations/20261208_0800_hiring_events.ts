import { type Kysely, sql } from 'kysely';

// Hiring events (features/events, issue 17): 채용박람회, 화상면접의 날, 온라인 채용박람회, 금요채용마당,
// 상설채용관; the employers taking part with their postings; 1:1 interview slots and bookings;
// registrations with a waiting list. No double booking, by the database: a slot holds one live
// booking (unique partial index, 23505 → 409 slot.taken) and a seeker never holds two
// overlapping live bookings (exclusion constraint over tstzrange with btree_gist, 23P01 → 409
// slot.overlap). An employer's slots of one event never overlap either.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);
  await sql`
    CREATE TABLE hiring_events (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      series_id uuid,
      title text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
      kind text NOT NULL CHECK (kind IN ('job_fair', 'video_interview_day', 'online_fair', 'weekly_fair', 'hiring_hall')),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      venue text CHECK (length(venue) <= 300),
      online_url text CHECK (length(online_url) <= 500),
      capacity integer CHECK (capacity BETWEEN 1 AND 100000),
      description text CHECK (length(description) <= 4000),
      published boolean NOT NULL DEFAULT false,
      published_at timestamptz,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '31 days'),
      CHECK (published = (published_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX hiring_events_centre_starts ON hiring_events (centre_id, starts_at)`.execute(db);
  await sql`CREATE INDEX hiring_events_published_starts ON hiring_events (starts_at) WHERE published`.execute(
    db,
  );
  await sql`CREATE INDEX hiring_events_series ON hiring_events (series_id) WHERE series_id IS NOT NULL`.execute(
    db,
  );
  await sql`
    CREATE TABLE event_employers (
      event_id uuid NOT NULL REFERENCES hiring_events (id),
      employer_id uuid NOT NULL REFERENCES employers (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      posting_ids uuid[] NOT NULL DEFAULT '{}',
      booth text CHECK (length(booth) <= 100),
      status text NOT NULL CHECK (status IN ('applied', 'approved')),
      approved_by uuid REFERENCES users (id),
      approved_at timestamptz,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, employer_id),
      CHECK ((status = 'approved') = (approved_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX event_employers_employer ON event_employers (employer_id)`.execute(db);
  await sql`
    CREATE TABLE event_slots (
      id uuid PRIMARY KEY,
      event_id uuid NOT NULL,
      employer_id uuid NOT NULL,
      centre_id uuid NOT NULL REFERENCES centres (id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      meeting_url text CHECK (length(meeting_url) <= 500),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (event_id, employer_id) REFERENCES event_employers (event_id, employer_id),
      CHECK (ends_at > starts_at),
      CONSTRAINT event_slots_no_clash EXCLUDE USING gist
        (event_id WITH =, employer_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    )`.execute(db);
  await sql`CREATE INDEX event_slots_event_starts ON event_slots (event_id, starts_at)`.execute(db);
  await sql`
    CREATE TABLE interview_bookings (
      id uuid PRIMARY KEY,
      slot_id uuid NOT NULL REFERENCES event_slots (id),
      event_id uuid NOT NULL REFERENCES hiring_events (id),
      employer_id uuid NOT NULL REFERENCES employers (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      seeker_id uuid NOT NULL REFERENCES seekers (id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('booked', 'cancelled')),
      result text CHECK (result IN ('interviewed', 'passed_first', 'hired', 'rejected', 'no_show')),
      result_note text CHECK (length(result_note) <= 1000),
      result_at timestamptz,
      employment_id uuid REFERENCES employments (id),
      cancelled_at timestamptz,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CHECK (result IS NULL OR status = 'booked'),
      CONSTRAINT interview_bookings_no_overlap EXCLUDE USING gist
        (seeker_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status <> 'cancelled')
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX interview_bookings_slot_once ON interview_bookings (slot_id)
      WHERE status <> 'cancelled'`.execute(db);
  await sql`CREATE INDEX interview_bookings_event ON interview_bookings (event_id)`.execute(db);
  await sql`CREATE INDEX interview_bookings_seeker ON interview_bookings (seeker_id, starts_at)`.execute(db);
  await sql`
    CREATE TABLE event_registrations (
      id uuid PRIMARY KEY,
      event_id uuid NOT NULL REFERENCES hiring_events (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      seeker_id uuid NOT NULL REFERENCES seekers (id),
      status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
      checked_in_at timestamptz,
      promoted_at timestamptz,
      cancelled_at timestamptz,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CHECK (checked_in_at IS NULL OR status <> 'waitlisted')
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX event_registrations_once ON event_registrations (event_id, seeker_id)
      WHERE status <> 'cancelled'`.execute(db);
  await sql`CREATE INDEX event_registrations_waiting ON event_registrations (event_id, created_at, id)
      WHERE status = 'waitlisted'`.execute(db);
  await sql`CREATE INDEX event_registrations_seeker ON event_registrations (seeker_id)`.execute(db);
}
