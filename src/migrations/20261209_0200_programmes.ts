import { type Kysely, sql } from 'kysely';

// Programmes (features/programmes, issue 18): 취업특강, 교육과정, 집단상담, 취업캠프,
// 전역예정장병 상담, 현직자 멘토링 and programmes run for an institution; their sessions;
// enrolments with a waiting list; attendance per session; a satisfaction survey; institution
// requests.
// Invariants held by the database:
// - places: `programmes.taken` counts registered enrolments and CHECK (taken <= capacity);
//   the services move it in the same transaction as the enrolment's status;
// - one live enrolment per seeker and programme (unique partial index);
// - one attendance mark per enrolment and session (primary key), one survey answer per
//   participant and programme (unique, a re-enrolment included) with a score 1–5;
// - an institution request's reference number is unique.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE institution_requests (
      id uuid PRIMARY KEY,
      reference_no text NOT NULL UNIQUE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      institution_name text NOT NULL CHECK (btrim(institution_name) <> '' AND length(institution_name) <= 200),
      institution_kind text NOT NULL CHECK (institution_kind IN ('school', 'military', 'company', 'agency', 'other')),
      contact_name text NOT NULL CHECK (btrim(contact_name) <> '' AND length(contact_name) <= 100),
      contact_phone_enc text NOT NULL,
      contact_email_enc text,
      topic text NOT NULL CHECK (btrim(topic) <> '' AND length(topic) <= 300),
      preferred_dates date[] NOT NULL CHECK (cardinality(preferred_dates) BETWEEN 1 AND 10),
      headcount integer NOT NULL CHECK (headcount BETWEEN 1 AND 5000),
      message text CHECK (length(message) <= 2000),
      status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'accepted', 'declined')),
      decided_by uuid REFERENCES users (id),
      decided_at timestamptz,
      decline_reason text CHECK (length(decline_reason) <= 1000),
      copied_from uuid REFERENCES institution_requests (id),
      source_hash text,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'received') = (decided_at IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX institution_requests_centre ON institution_requests (centre_id, created_at DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX institution_requests_source ON institution_requests (source_hash, created_at)
    WHERE source_hash IS NOT NULL`.execute(db);
  await sql`
    CREATE TABLE programmes (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      title text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
      kind text NOT NULL CHECK (kind IN ('lecture', 'course', 'group_counselling', 'camp', 'pre_discharge', 'mentoring', 'institution')),
      cohort text CHECK (length(cohort) <= 50),
      format text NOT NULL CHECK (format IN ('offline', 'online')),
      venue text CHECK (length(venue) <= 300),
      online_url text CHECK (length(online_url) <= 500),
      capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
      taken integer NOT NULL DEFAULT 0,
      waitlist boolean NOT NULL DEFAULT true,
      completion_min_pct smallint NOT NULL DEFAULT 80 CHECK (completion_min_pct BETWEEN 0 AND 100),
      target_groups text[] NOT NULL DEFAULT '{}',
      description text CHECK (length(description) <= 4000),
      first_starts_at timestamptz NOT NULL,
      last_ends_at timestamptz NOT NULL,
      institution_request_id uuid UNIQUE REFERENCES institution_requests (id),
      external_participants integer CHECK (external_participants BETWEEN 0 AND 5000),
      external_completed integer CHECK (external_completed BETWEEN 0 AND 5000),
      published boolean NOT NULL DEFAULT false,
      published_at timestamptz,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT programmes_places CHECK (taken BETWEEN 0 AND capacity),
      CHECK (format <> 'online' OR online_url IS NOT NULL),
      CHECK (format <> 'offline' OR venue IS NOT NULL),
      CHECK (last_ends_at > first_starts_at),
      CHECK (external_completed IS NULL OR external_completed <= coalesce(external_participants, 0)),
      CHECK (published = (published_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX programmes_centre_last ON programmes (centre_id, last_ends_at)`.execute(db);
  await sql`CREATE INDEX programmes_published_first ON programmes (first_starts_at) WHERE published`.execute(
    db,
  );
  await sql`
    CREATE TABLE programme_sessions (
      id uuid PRIMARY KEY,
      programme_id uuid NOT NULL REFERENCES programmes (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      seq smallint NOT NULL CHECK (seq BETWEEN 1 AND 200),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      external_attended integer CHECK (external_attended BETWEEN 0 AND 5000),
      UNIQUE (programme_id, seq),
      CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours')
    )`.execute(db);
  await sql`CREATE INDEX programme_sessions_starts ON programme_sessions (starts_at)`.execute(db);
  await sql`
    CREATE TABLE programme_enrolments (
      id uuid PRIMARY KEY,
      programme_id uuid NOT NULL REFERENCES programmes (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      seeker_id uuid NOT NULL REFERENCES seekers (id),
      status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
      channel text NOT NULL CHECK (channel IN ('portal', 'staff')),
      promoted_at timestamptz,
      cancelled_at timestamptz,
      cancelled_by uuid REFERENCES users (id),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX programme_enrolments_once ON programme_enrolments (programme_id, seeker_id)
      WHERE status <> 'cancelled'`.execute(db);
  await sql`CREATE INDEX programme_enrolments_waiting ON programme_enrolments (programme_id, created_at, id)
      WHERE status = 'waitlisted'`.execute(db);
  await sql`CREATE INDEX programme_enrolments_seeker ON programme_enrolments (seeker_id)`.execute(db);
  await sql`
    CREATE TABLE programme_attendance (
      session_id uuid NOT NULL REFERENCES programme_sessions (id),
      enrolment_id uuid NOT NULL REFERENCES programme_enrolments (id),
      programme_id uuid NOT NULL REFERENCES programmes (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      status text NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
      marked_by uuid REFERENCES users (id),
      marked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, enrolment_id)
    )`.execute(db);
  await sql`CREATE INDEX programme_attendance_enrolment ON programme_attendance (enrolment_id)`.execute(db);
  await sql`
    CREATE TABLE programme_surveys (
      enrolment_id uuid PRIMARY KEY REFERENCES programme_enrolments (id),
      programme_id uuid NOT NULL REFERENCES programmes (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      seeker_id uuid NOT NULL REFERENCES seekers (id),
      score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
      comment text CHECK (length(comment) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT programme_surveys_once UNIQUE (programme_id, seeker_id)
    )`.execute(db);
}
