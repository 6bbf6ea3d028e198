import { type Kysely, sql } from 'kysely';

// Contact numbers for the 알선장 (issue 15): a centre's main number and a staff member's work
// line, printed on the referral letter so the employer knows whom to call. Both are office
// numbers a public body publishes, not personal data, so they are stored as written. The
// check takes the normalised form of platform/domain/validate.ts `normalisePhone`
// (02-123-4567, 031-8000-1234, 1588-1234). Nullable columns without a default: no rewrite.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE centres ADD COLUMN phone text
      CONSTRAINT centres_phone_format CHECK (phone ~ '^(0[0-9]{1,2}-[0-9]{3,4}-[0-9]{4}|1[568][0-9]{2}-[0-9]{4})$');
    ALTER TABLE users ADD COLUMN work_phone text
      CONSTRAINT users_work_phone_format CHECK (work_phone ~ '^(0[0-9]{1,2}-[0-9]{3,4}-[0-9]{4}|1[568][0-9]{2}-[0-9]{4})$');
  `.execute(db);
}
