import { type Kysely, sql } from 'kysely';

// Casework records shared by seekers, matching, referrals and reports.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE counselling (
      id uuid PRIMARY KEY,
      seeker_id uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      at timestamptz NOT NULL,
      channel text NOT NULL CHECK (channel IN ('visit', 'phone', 'online', 'mobile_desk', 'group')),
      type text NOT NULL CHECK (type IN ('intake', 'guidance', 'referral', 'follow_up', 'intensive')),
      title text,
      notes text NOT NULL,
      next_contact_at timestamptz,
      counsellor_id uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX counselling_seeker ON counselling (seeker_id, at DESC);
    CREATE INDEX counselling_centre_at ON counselling (centre_id, at);
    CREATE INDEX counselling_at ON counselling (at);
    CREATE INDEX counselling_next ON counselling (counsellor_id, next_contact_at) WHERE next_contact_at IS NOT NULL;

    CREATE TABLE referrals (
      id uuid PRIMARY KEY,
      seeker_id uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
      posting_id uuid NOT NULL REFERENCES postings (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      status text NOT NULL DEFAULT 'referred'
        CHECK (status IN ('referred', 'screening', 'interview', 'hired', 'rejected', 'no_show', 'withdrawn')),
      note text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz
    );
    -- One open referral per seeker and posting; the database enforces it under concurrency.
    CREATE UNIQUE INDEX referrals_one_open ON referrals (seeker_id, posting_id)
      WHERE status IN ('referred', 'screening', 'interview');
    CREATE INDEX referrals_posting ON referrals (posting_id, status);
    CREATE INDEX referrals_seeker ON referrals (seeker_id);
    CREATE INDEX referrals_centre_created ON referrals (centre_id, created_at);
    CREATE INDEX referrals_created ON referrals (created_at);

    CREATE TABLE referral_events (
      id uuid PRIMARY KEY,
      referral_id uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
      status text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_kind text NOT NULL DEFAULT 'user' CHECK (actor_kind IN ('user', 'employer_link', 'system')),
      note text
    );
    CREATE INDEX referral_events_referral ON referral_events (referral_id, at);

    CREATE TABLE employments (
      id uuid PRIMARY KEY,
      seeker_id uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      employer_id uuid REFERENCES employers (id),
      employer_name text NOT NULL,
      posting_id uuid REFERENCES postings (id),
      referral_id uuid UNIQUE REFERENCES referrals (id),
      start_date date NOT NULL,
      route text NOT NULL CHECK (route IN ('referral', 'self', 'event', 'public_job')),
      employment_type text,
      wage_type text CHECK (wage_type IN ('D', 'H', 'M', 'Y')),
      wage integer CHECK (wage >= 0),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX employments_seeker ON employments (seeker_id, start_date);
    CREATE INDEX employments_centre_start ON employments (centre_id, start_date);
    CREATE INDEX employments_start ON employments (start_date);

    CREATE TRIGGER referrals_notify AFTER INSERT OR UPDATE OR DELETE ON referrals FOR EACH ROW EXECUTE FUNCTION notify_change();
  `.execute(db);
}
