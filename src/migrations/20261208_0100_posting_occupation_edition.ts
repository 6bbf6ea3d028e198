import { type Kysely, sql } from 'kysely';

// KECO 2018 and 2025 side by side (issue 14): a posting's occupation code is read in its
// edition. Rows written before this migration hold KECO 2018 codes, hence the default; the
// Worknet importer writes 2025 for what 고용24 sends today. A constant default adds the column
// without rewriting the table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE postings ADD COLUMN occupation_edition text NOT NULL DEFAULT '2018'
      CONSTRAINT postings_occupation_edition CHECK (occupation_edition IN ('2018', '2025'));
  `.execute(db);
}
