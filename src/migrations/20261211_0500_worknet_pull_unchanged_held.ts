import { type Kysely, sql } from 'kysely';

// The scheduled 고용24 pull (issue 21) counts two more kinds of row per run: `unchanged` (equal to
// the posting we hold: nothing written, no webhook event) and `held` (a posting under a
// counsellor's review — pending, returned, rejected — that the import leaves as it is). Runs
// recorded before this have 0 in both.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE worknet_pulls
      ADD COLUMN unchanged integer NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
      ADD COLUMN held integer NOT NULL DEFAULT 0 CHECK (held >= 0)`.execute(db);
}
