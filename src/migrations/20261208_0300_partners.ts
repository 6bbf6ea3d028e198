import { type Kysely, sql } from 'kysely';

// Partner integration (issue 21). A partner (a university job centre, an agency) is given API
// keys by an admin. It acts through an account of role `partner` in its centre (so the rows it
// writes name an account, and its centre scope is its centre's subtree), within the scopes of
// the partner record. A key is `ilp_live_<short>_<secret>`: the short token is stored as is
// (shown in lists and logs), the secret only as its SHA-256. The fixed-window rate counter
// lives on the key row, so every process sees the same count.
//
// 제3자 제공 (PIPA 17): a consent may now name partners (structured, recipient_partner_ids)
// and say whether it names the ilteo network as a whole (recipient_network). Consents recorded
// before this migration named the network in their free text ("일터 연계 일자리센터 및
// 협력기관"), so they keep recipient_network = true; the free text stays as written.
// partner_provisions is the provision ledger: one row per seeker record given to a partner.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE partners (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres(id),
      user_id uuid NOT NULL UNIQUE REFERENCES users(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
      scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['postings:read',
        'postings:write', 'seekers:read_consented', 'events:read', 'referrals:write']::text[]),
      rate_per_minute integer NOT NULL DEFAULT 600 CHECK (rate_per_minute BETWEEN 1 AND 100000),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users(id)
    );
    CREATE INDEX partners_centre ON partners (centre_id, created_at DESC);

    CREATE TABLE partner_keys (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES partners(id),
      centre_id uuid NOT NULL REFERENCES centres(id),
      short_token text NOT NULL UNIQUE,
      key_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      last_used_at timestamptz,
      revoked_at timestamptz,
      window_start timestamptz,
      window_count integer NOT NULL DEFAULT 0
    );
    CREATE INDEX partner_keys_partner ON partner_keys (partner_id);

    CREATE TABLE partner_provisions (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES partners(id),
      key_id uuid REFERENCES partner_keys(id),
      centre_id uuid NOT NULL REFERENCES centres(id),
      seeker_id uuid NOT NULL,
      recipient text NOT NULL,
      purpose text NOT NULL,
      items text[] NOT NULL,
      action text NOT NULL CHECK (action IN ('view', 'list')),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX partner_provisions_partner ON partner_provisions (partner_id, at DESC);
    CREATE INDEX partner_provisions_seeker ON partner_provisions (seeker_id, at DESC);
    CREATE INDEX partner_provisions_centre ON partner_provisions (centre_id, at DESC);

    ALTER TABLE consents
      ADD COLUMN recipient_network boolean NOT NULL DEFAULT true,
      ADD COLUMN recipient_partner_ids uuid[] NOT NULL DEFAULT '{}';
    CREATE INDEX consents_partner_recipients ON consents USING gin (recipient_partner_ids)
      WHERE cardinality(recipient_partner_ids) > 0;
  `.execute(db);
}
