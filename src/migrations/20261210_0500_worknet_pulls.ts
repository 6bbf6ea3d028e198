import { type Kysely, sql } from 'kysely';

// The scheduled pull of 고용24 postings (features/postings worknet.pull.ts, issue 21): one row
// per run with its counts and error, shown on /staff/admin/worknet-pulls. At most one run is
// 'running' at a time (partial unique index), so two processes cannot pull together; a run
// whose process died is marked 'interrupted' by the next one. The stored URL never has the key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE worknet_pulls (
      id uuid PRIMARY KEY,
      source_url text NOT NULL CHECK (length(source_url) <= 2000),
      status text NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
      pages integer NOT NULL DEFAULT 0 CHECK (pages >= 0),
      added integer NOT NULL DEFAULT 0 CHECK (added >= 0),
      updated integer NOT NULL DEFAULT 0 CHECK (updated >= 0),
      failed integer NOT NULL DEFAULT 0 CHECK (failed >= 0),
      rejections jsonb NOT NULL DEFAULT '[]'::jsonb,
      error text CHECK (length(error) <= 2000),
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      CHECK ((status = 'running') = (finished_at IS NULL))
    );
    CREATE UNIQUE INDEX worknet_pulls_one_running ON worknet_pulls ((true)) WHERE status = 'running';
    CREATE INDEX worknet_pulls_started ON worknet_pulls (started_at DESC);
  `.execute(db);
}
