import { type Kysely, sql } from 'kysely';

// A company outreach registered as a prospect is claimed on portal sign-up only with the one-time
// 가입 코드 its centre handed over (on the visit, by phone or on paper): knowing a 사업자등록번호,
// which is public, no longer opens a prospect's visits and requests to whoever signs up first.
// The code is kept as an HMAC (the data key), expires, and is given up after five wrong tries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE employers
      ADD COLUMN claim_code_hash text,
      ADD COLUMN claim_code_expires_at timestamptz,
      ADD COLUMN claim_code_failures smallint NOT NULL DEFAULT 0,
      ADD CONSTRAINT employers_claim_code_pair
        CHECK ((claim_code_hash IS NULL) = (claim_code_expires_at IS NULL)),
      ADD CONSTRAINT employers_claim_code_failures_range CHECK (claim_code_failures BETWEEN 0 AND 5)
  `.execute(db);
}
