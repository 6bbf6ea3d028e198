import { type Kysely, sql } from 'kysely';

// Seeker status history (who changed it, when, why) and data-subject requests (SECURITY.md 13).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE seeker_status_history (
      id uuid PRIMARY KEY,
      seeker_id uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      from_status text,
      to_status text NOT NULL CHECK (to_status IN ('active', 'employed', 'on_hold', 'closed')),
      reason text,
      changed_by uuid,
      changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX seeker_status_history_seeker ON seeker_status_history (seeker_id, changed_at);

    -- A request outlives a deleted seeker (it proves the deletion was done in time), so the
    -- link is set to null and only the registration number is kept as a reference.
    CREATE TABLE privacy_requests (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      seeker_id uuid REFERENCES seekers (id) ON DELETE SET NULL,
      seeker_ref text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('access', 'correction', 'deletion', 'suspension')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'rejected')),
      channel text NOT NULL DEFAULT 'staff' CHECK (channel IN ('staff', 'self')),
      received_at timestamptz NOT NULL DEFAULT now(),
      due_at timestamptz NOT NULL,
      completed_at timestamptz,
      handled_by uuid,
      note text,
      result text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX privacy_requests_centre ON privacy_requests (centre_id, status, due_at);
    CREATE INDEX privacy_requests_seeker ON privacy_requests (seeker_id);
    CREATE INDEX seekers_care_queue ON seekers (centre_id, care) WHERE care = 'intensive';
  `.execute(db);
}
