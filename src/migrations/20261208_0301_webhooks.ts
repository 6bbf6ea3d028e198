import { type Kysely, sql } from 'kysely';

// Outgoing webhooks (issue 21), Standard Webhooks 1.0. An endpoint belongs to a centre (it
// receives the events of records of that centre's subtree) and may belong to a partner. Its
// signing secret is kept encrypted with the data key (it must be read to sign, so it cannot be
// hashed); after a rotation the previous one still signs until previous_secret_until.
// An event is written once with the exact body every delivery sends (so a retry signs the same
// bytes); a delivery is one event for one endpoint, sent through the shared outbox (kind
// 'webhook') written in the transaction of the change. Deliveries are the delivery log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webhook_endpoints (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres(id),
      partner_id uuid REFERENCES partners(id),
      url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
      events text[] NOT NULL CHECK (cardinality(events) > 0),
      secret_enc text NOT NULL,
      previous_secret_enc text,
      previous_secret_until timestamptz,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      disabled_reason text,
      disabled_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_endpoints_active ON webhook_endpoints USING gin (events) WHERE status = 'active';
    CREATE INDEX webhook_endpoints_centre ON webhook_endpoints (centre_id, created_at DESC);

    CREATE TABLE webhook_events (
      id uuid PRIMARY KEY,
      type text NOT NULL CHECK (type ~ '^[a-zA-Z0-9_]+(\\.[a-zA-Z0-9_]+)+$'),
      centre_id uuid NOT NULL REFERENCES centres(id),
      subject_id uuid NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_events_created ON webhook_events (created_at);

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY,
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id),
      event_id uuid NOT NULL REFERENCES webhook_events(id),
      centre_id uuid NOT NULL REFERENCES centres(id),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
      attempts integer NOT NULL DEFAULT 0,
      last_status integer,
      last_error text,
      last_attempt_at timestamptz,
      last_duration_ms integer,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (endpoint_id, event_id)
    );
    CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id DESC);
  `.execute(db);
}
