import { type Kysely, sql } from 'kysely';

// The last TOTP time step (30 s counter) a user signed in or enrolled with: a code is accepted
// once (RFC 6238 §5.2), so a code seen over a shoulder or replayed from a captured request
// within its window is refused.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN totp_last_step bigint`.execute(db);
}
