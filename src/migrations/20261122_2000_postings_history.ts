import { type Kysely, sql } from 'kysely';

// Postings: edit history (who changed what, before/after) and indexes for the public search.
// The GIN index on search_tokens (postings_search, WHERE status = 'open') exists since 0003.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE posting_history (
      id uuid PRIMARY KEY,
      posting_id uuid NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      actor_id uuid,
      action text NOT NULL CHECK (action IN ('create', 'update', 'approve', 'status', 'import', 'expire')),
      -- {field: {before, after}} in API field names; the whole record on create/import
      changes jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX posting_history_posting ON posting_history (posting_id, at);

    -- Region filters use a prefix (11% = all of 서울), occupation filters a KECO prefix.
    CREATE INDEX postings_region_prefix ON postings (region_code text_pattern_ops) WHERE status = 'open';
    CREATE INDEX postings_occupation_prefix ON postings (occupation_code text_pattern_ops) WHERE status = 'open';
    CREATE INDEX employers_name ON employers (lower(name));
  `.execute(db);
}
