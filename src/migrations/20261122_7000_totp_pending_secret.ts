import { type Kysely, sql } from 'kysely';

// A second factor being (re-)enrolled waits here until the user proves the app shows the same
// codes; until then the enrolled factor (totp_secret, totp_enabled) keeps working unchanged, so
// starting an enrolment never switches the second factor off. Encrypted like totp_secret.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN totp_pending_secret text`.execute(db);
}
