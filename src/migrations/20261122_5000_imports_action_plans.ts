import { type Kysely, sql } from 'kysely';

// Bulk-import history (committed apart from the import's own transaction, so an import killed
// mid-way shows as interrupted) and individual action plans (IAP: one plan per seeker, steps).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE imports (
      id uuid PRIMARY KEY,
      centre_id uuid REFERENCES centres (id),
      kind text NOT NULL,
      file_name text,
      partial boolean NOT NULL DEFAULT false,
      rows integer NOT NULL DEFAULT 0,
      imported integer NOT NULL DEFAULT 0,
      rejected integer NOT NULL DEFAULT 0,
      status text NOT NULL DEFAULT 'running'
        CHECK (status IN ('running', 'done', 'rejected', 'failed', 'interrupted')),
      -- the PostgreSQL backend running the import's transaction: when it is gone while the row
      -- still says running, the process died and PostgreSQL rolled the data back
      backend_pid integer,
      backend_start timestamptz,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      actor_id uuid
    );
    CREATE INDEX imports_centre_started ON imports (centre_id, started_at DESC);
    CREATE INDEX imports_running ON imports (status) WHERE status = 'running';

    CREATE TABLE action_plans (
      id uuid PRIMARY KEY,
      seeker_id uuid NOT NULL UNIQUE REFERENCES seekers (id) ON DELETE CASCADE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      goal text NOT NULL CHECK (length(goal) BETWEEN 1 AND 2000),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE action_plan_steps (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      due_date date,
      done_at timestamptz,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX action_plan_steps_plan ON action_plan_steps (plan_id, due_date);
  `.execute(db);
}
