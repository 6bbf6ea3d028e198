import { type Kysely, sql } from 'kysely';

// A public job placement that ends in a private job records that job as an employment too
// (features/employments, route `self`), so the seeker's record and the employment figures show
// where they went; the placement keeps its id. Only a placement ended in a private job has one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE public_job_placements
    ADD COLUMN private_employment_id uuid REFERENCES employments (id),
    ADD CONSTRAINT public_job_placements_private_employment
      CHECK (private_employment_id IS NULL OR outcome = 'private_job')`.execute(db);
}
