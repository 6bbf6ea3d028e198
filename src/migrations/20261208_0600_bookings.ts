import { type Kysely, sql } from 'kysely';

// Bookable resources, bookings and interview suits (features/bookings, issue 19).
// Overbooking is impossible by the database, for any capacity: a booking takes a place of its
// slot in `booking_slots` with one upsert whose counter may not pass the slot's capacity
// (`taken <= capacity`; the conflicting upsert waits for the row lock and re-reads it), and a
// cancellation gives the place back in the same transaction. Bookings of single-seat
// resources are also kept apart by an exclusion constraint over their time ranges, and a
// person holds a slot once. A suit item is out in one rental at a time (partial unique index).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE booking_resources (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
      kind text NOT NULL CHECK (kind IN ('ai_interview', 'video_room', 'photo_studio', 'attorney', 'meeting_room', 'suit_fitting')),
      slot_minutes integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 480),
      capacity integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 500),
      opening_hours jsonb NOT NULL CHECK (jsonb_typeof(opening_hours) = 'array'),
      approval_required boolean NOT NULL DEFAULT false,
      bookable_by text[] NOT NULL DEFAULT '{seeker,staff}'
        CHECK (bookable_by <@ '{seeker,employer,staff}'::text[] AND cardinality(bookable_by) > 0),
      description text CHECK (length(description) <= 2000),
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX booking_resources_centre ON booking_resources (centre_id, kind)`.execute(db);
  await sql`
    CREATE TABLE booking_slots (
      resource_id uuid NOT NULL REFERENCES booking_resources (id),
      starts_at timestamptz NOT NULL,
      centre_id uuid NOT NULL REFERENCES centres (id),
      capacity integer NOT NULL CHECK (capacity >= 1),
      taken integer NOT NULL CHECK (taken >= 0 AND taken <= capacity),
      PRIMARY KEY (resource_id, starts_at)
    )`.execute(db);
  await sql`
    CREATE TABLE bookings (
      id uuid PRIMARY KEY,
      resource_id uuid NOT NULL REFERENCES booking_resources (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      seeker_id uuid REFERENCES seekers (id),
      employer_id uuid REFERENCES employers (id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      single_seat boolean NOT NULL,
      status text NOT NULL CHECK (status IN ('requested', 'confirmed', 'cancelled', 'checked_in', 'no_show')),
      note text CHECK (length(note) <= 1000),
      cancel_reason text CHECK (cancel_reason IN ('booker', 'staff', 'holiday', 'closure')),
      cancel_note text CHECK (length(cancel_note) <= 500),
      cancelled_at timestamptz,
      checked_in_at timestamptz,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK ((seeker_id IS NULL) <> (employer_id IS NULL)),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CONSTRAINT bookings_single_seat EXCLUDE USING gist
        (resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (single_seat AND status <> 'cancelled')
    )`.execute(db);
  await sql`CREATE INDEX bookings_resource_starts ON bookings (resource_id, starts_at)`.execute(db);
  await sql`CREATE INDEX bookings_centre_starts ON bookings (centre_id, starts_at)`.execute(db);
  await sql`CREATE INDEX bookings_seeker ON bookings (seeker_id, starts_at) WHERE seeker_id IS NOT NULL`.execute(
    db,
  );
  await sql`
    CREATE UNIQUE INDEX bookings_once_per_seeker ON bookings (resource_id, starts_at, seeker_id)
      WHERE status <> 'cancelled' AND seeker_id IS NOT NULL`.execute(db);
  await sql`
    CREATE UNIQUE INDEX bookings_once_per_employer ON bookings (resource_id, starts_at, employer_id)
      WHERE status <> 'cancelled' AND employer_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE suit_items (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      code text NOT NULL CHECK (btrim(code) <> '' AND length(code) <= 40),
      category text NOT NULL CHECK (category IN ('jacket', 'trousers', 'skirt', 'shirt', 'shoes', 'tie', 'other')),
      gender text NOT NULL CHECK (gender IN ('m', 'f', 'u')),
      size text NOT NULL CHECK (btrim(size) <> '' AND length(size) <= 20),
      colour text CHECK (length(colour) <= 40),
      status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'laundry', 'repair', 'lost', 'retired')),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (centre_id, code)
    )`.execute(db);
  await sql`
    CREATE TABLE suit_rentals (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      seeker_id uuid NOT NULL REFERENCES seekers (id),
      from_on date NOT NULL,
      due_on date NOT NULL,
      returned_on date,
      note text CHECK (length(note) <= 1000),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (due_on >= from_on AND due_on - from_on <= 60),
      CHECK (returned_on IS NULL OR returned_on >= from_on)
    )`.execute(db);
  await sql`CREATE INDEX suit_rentals_centre_due ON suit_rentals (centre_id, due_on) WHERE returned_on IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX suit_rentals_centre_from ON suit_rentals (centre_id, from_on)`.execute(db);
  await sql`
    CREATE TABLE suit_rental_items (
      rental_id uuid NOT NULL REFERENCES suit_rentals (id),
      item_id uuid NOT NULL REFERENCES suit_items (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      returned boolean NOT NULL DEFAULT false,
      PRIMARY KEY (rental_id, item_id)
    )`.execute(db);
  // An item is out in one rental at a time: a second lending fails with 23505 → 409 suit.itemOut.
  await sql`CREATE UNIQUE INDEX suit_rental_items_out ON suit_rental_items (item_id) WHERE NOT returned`.execute(
    db,
  );
}
