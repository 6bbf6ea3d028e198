import { type Kysely, sql } from 'kysely';

// The transactional outbox (platform/outbox): a message is written in the same transaction as
// the change that causes it and sent afterwards by a worker (notifications, webhooks). A
// worker claims due rows with FOR UPDATE SKIP LOCKED and pushes next_attempt_at one lease
// ahead, so a row claimed by a killed worker is due again once the lease has passed.
// Payloads hold ids only (personal data stays in the owning feature's encrypted columns).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE outbox (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,63}$'),
      idempotency_key text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
      payload jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (pg_column_size(payload) <= 20000),
      centre_id uuid REFERENCES centres (id),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
      not_before timestamptz NOT NULL DEFAULT now(),
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts BETWEEN 1 AND 1000),
      claim_token uuid,
      claimed_at timestamptz,
      last_error text CHECK (length(last_error) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      done_at timestamptz,
      CHECK ((status = 'done') = (done_at IS NOT NULL))
    )`.execute(db);
  // The worker's only scan: due pending rows of the kinds it handles, oldest due first.
  await sql`CREATE INDEX outbox_due ON outbox (next_attempt_at) INCLUDE (kind) WHERE status = 'pending'`.execute(
    db,
  );
  await sql`CREATE INDEX outbox_kind_created ON outbox (kind, created_at DESC)`.execute(db);
  await sql`CREATE INDEX outbox_centre_created ON outbox (centre_id, created_at DESC) WHERE centre_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX outbox_done_at ON outbox (done_at) WHERE status = 'done'`.execute(db);
}
