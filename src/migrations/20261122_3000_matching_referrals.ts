import { type Kysely, sql } from 'kysely';

// Matching batch output, employment retention follow-ups and one-time employer links.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The nightly list (02:00 Asia/Seoul): each active seeker's top postings, [{postingId, score}].
    CREATE TABLE seeker_recommendations (
      seeker_id uuid PRIMARY KEY REFERENCES seekers (id) ON DELETE CASCADE,
      computed_at timestamptz NOT NULL,
      items jsonb NOT NULL
    );

    -- Retention follow-ups at 1, 3 and 6 months after the start of an employment.
    CREATE TABLE retention_followups (
      id uuid PRIMARY KEY,
      employment_id uuid NOT NULL REFERENCES employments (id) ON DELETE CASCADE,
      seeker_id uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      months integer NOT NULL CHECK (months IN (1, 3, 6)),
      due_date date NOT NULL,
      done_at timestamptz,
      done_by uuid,
      result text CHECK (result IN ('employed', 'left', 'unknown')),
      note text,
      UNIQUE (employment_id, months)
    );
    CREATE INDEX retention_followups_due ON retention_followups (centre_id, due_date) WHERE done_at IS NULL;
    CREATE INDEX retention_followups_seeker ON retention_followups (seeker_id);

    -- One-time links for employers to answer a referral without an account. Only the SHA-256
    -- of the token is stored; the token itself is an HMAC with the data key.
    CREATE TABLE referral_links (
      id uuid PRIMARY KEY,
      referral_id uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX referral_links_referral ON referral_links (referral_id);
  `.execute(db);
}
