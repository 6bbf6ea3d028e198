import { type Kysely, sql } from 'kysely';

// A referral's interview (issue 15): when and where the employer sees the seeker, recorded with
// the move to 'interview' (the seeker's /me page shows it, not when the status changed). A
// place only goes with a time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE referrals ADD COLUMN interview_at timestamptz;
    ALTER TABLE referrals ADD COLUMN interview_place text CHECK (length(interview_place) <= 200);
    ALTER TABLE referrals ADD CONSTRAINT referrals_interview_place_needs_time
      CHECK (interview_place IS NULL OR interview_at IS NOT NULL);
  `.execute(db);
}
