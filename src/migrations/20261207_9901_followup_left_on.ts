import { type Kysely, sql } from 'kysely';

// Retention follow-ups recorded on /staff/followups (issue 15): a seeker who left the job is
// recorded with the day they left. Results keep their codes (employed = 재직 유지, left = 퇴사,
// unknown = 연락 안 됨), which the retention KPIs read. A date only goes with 'left'; a new
// 'left' needs one (NOT VALID: results recorded before this migration carry none).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE retention_followups ADD COLUMN left_on date;
    ALTER TABLE retention_followups ADD CONSTRAINT retention_followups_left_on_only_left
      CHECK (left_on IS NULL OR result = 'left');
    ALTER TABLE retention_followups ADD CONSTRAINT retention_followups_left_needs_date
      CHECK (result IS DISTINCT FROM 'left' OR left_on IS NOT NULL) NOT VALID;
    CREATE INDEX retention_followups_done ON retention_followups (centre_id, done_at DESC) WHERE done_at IS NOT NULL;
  `.execute(db);
}
