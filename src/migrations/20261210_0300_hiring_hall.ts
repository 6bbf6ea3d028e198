import { type Kysely, sql } from 'kysely';

// The permanent hiring hall (상설채용관, features/events, issue 17; seed 000: a company that asks
// for a recruitment gets an interview room and matched candidates). A company — or staff for it —
// requests a recruitment for one of its postings with up to five preferred days; staff schedule
// it: the room is booked through features/bookings (its booking ids kept here) and a
// `hiring_hall` event is created with the company approved and its interview slots. A request is
// scheduled once (its event unique); nothing is half-saved (one transaction).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE hiring_hall_requests (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      employer_id uuid NOT NULL REFERENCES employers (id),
      posting_id uuid NOT NULL REFERENCES postings (id),
      preferred_dates date[] NOT NULL
        CHECK (cardinality(preferred_dates) BETWEEN 1 AND 5 AND array_position(preferred_dates, NULL) IS NULL),
      headcount integer CHECK (headcount BETWEEN 1 AND 1000),
      note text CHECK (length(note) <= 1000),
      status text NOT NULL CHECK (status IN ('requested', 'scheduled', 'cancelled')),
      event_id uuid UNIQUE REFERENCES hiring_events (id),
      room_booking_ids uuid[] NOT NULL DEFAULT '{}',
      scheduled_by uuid REFERENCES users (id),
      scheduled_at timestamptz,
      cancelled_at timestamptz,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'scheduled') = (event_id IS NOT NULL AND scheduled_at IS NOT NULL)),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX hiring_hall_requests_centre ON hiring_hall_requests (centre_id, status, created_at)`.execute(
    db,
  );
  await sql`CREATE INDEX hiring_hall_requests_employer ON hiring_hall_requests (employer_id, created_at)`.execute(
    db,
  );
}
