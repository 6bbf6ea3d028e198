import { type Kysely, sql } from 'kysely';

// KECO 2018 and 2025 side by side (issue 14): a seeker's desired occupations are read in one
// edition (desired.occupationEdition). Rows written before this migration hold KECO 2018 codes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE seekers ADD COLUMN desired_occupation_edition text NOT NULL DEFAULT '2018'
      CONSTRAINT seekers_desired_occupation_edition CHECK (desired_occupation_edition IN ('2018', '2025'));
  `.execute(db);
}
