import { type Kysely, sql } from 'kysely';

// The nightly list as two parallel arrays instead of JSON objects: 20 uuids and 20 small ints
// are ~360 bytes a seeker against ~1.3 kB of JSON, and COPY parses them without a JSON parser
// (storing 1,000,000 lists took 87 of the job's 161 s). The table is derived data, recomputed
// every night (02:00): emptied here, refilled by the next run.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    TRUNCATE seeker_recommendations;
    ALTER TABLE seeker_recommendations
      DROP COLUMN items,
      ADD COLUMN posting_ids uuid[] NOT NULL,
      ADD COLUMN scores smallint[] NOT NULL,
      ADD CONSTRAINT seeker_recommendations_parallel CHECK (cardinality(posting_ids) = cardinality(scores));
  `.execute(db);
}
