import { type Kysely, sql } from 'kysely';

// Progress of a running import (issue 13): the byte count read so far against the body's size
// when the client sent one. Rows done are the existing `rows` column, now updated while the
// import runs (on its own connection, outside the import's transaction).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE imports ADD COLUMN bytes_total bigint, ADD COLUMN bytes_read bigint NOT NULL DEFAULT 0;
  `.execute(db);
}
