import { type Kysely, sql } from 'kysely';

// Extensions every later migration may rely on: btree_gist for exclusion constraints that stop
// double booking, pg_trgm as the search baseline the benchmarks compare against.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
}
