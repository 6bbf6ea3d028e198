import { type Kysely, sql } from 'kysely';

// What happened to a webhook endpoint's state (issue 21): disabled because the receiver
// answered 410 Gone, enabled again by an admin, deleted by its partner. Kept beside the delivery
// log, so the log shows why deliveries stopped and who turned them back on; append-only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webhook_endpoint_changes (
      id uuid PRIMARY KEY,
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id),
      centre_id uuid NOT NULL REFERENCES centres(id),
      action text NOT NULL CHECK (action IN ('disabled', 'enabled')),
      reason text CHECK (length(reason) <= 100),
      http_status integer,
      actor_id uuid REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_endpoint_changes_endpoint ON webhook_endpoint_changes (endpoint_id, at DESC);
    CREATE FUNCTION webhook_endpoint_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'webhook_endpoint_changes is append-only';
    END $$;
    CREATE TRIGGER webhook_endpoint_changes_append_only BEFORE UPDATE OR DELETE ON webhook_endpoint_changes
      FOR EACH ROW EXECUTE FUNCTION webhook_endpoint_changes_append_only();
  `.execute(db);
}
