import { type Kysely, sql } from 'kysely';

// The search indexes keep a small pending list. GIN's fast update queues new entries in an
// unsorted list (4 MB by default) that every search scans in full until a vacuum merges it: after
// a bulk import or the demo seed, a job search over 5,000 postings took 13 ms instead of 1.4 ms
// (the planner even preferred a sequential scan). At 256 kB the inserting session merges the list
// often, in small batches, and a search never scans more than that.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of ['postings_search', 'seekers_search', 'employers_search', 'seekers_occupations']) {
    await sql.raw(`ALTER INDEX ${index} SET (gin_pending_list_limit = 256)`).execute(db);
  }
}
