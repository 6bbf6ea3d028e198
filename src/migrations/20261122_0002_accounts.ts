import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE centres (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('province', 'city', 'centre', 'university', 'agency')),
      parent_id uuid REFERENCES centres (id),
      region_code text NOT NULL,
      -- ids from the root down to this centre: subtree queries without recursion
      path uuid[] NOT NULL,
      totp_required boolean NOT NULL DEFAULT false,
      settings jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX centres_path_gin ON centres USING gin (path);

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      login text NOT NULL,
      password_hash text NOT NULL,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'manager', 'counsellor', 'outreach', 'employer', 'seeker', 'partner')),
      centre_id uuid REFERENCES centres (id),
      employer_id uuid,
      seeker_id uuid,
      disabled_at timestamptz,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      totp_secret text,
      totp_enabled boolean NOT NULL DEFAULT false,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (role = 'admin' OR centre_id IS NOT NULL OR role IN ('employer', 'seeker'))
    );
    CREATE UNIQUE INDEX users_login_unique ON users (lower(login));
    CREATE INDEX users_centre ON users (centre_id);

    CREATE TABLE sessions (
      id text PRIMARY KEY,          -- sha256 of the cookie value; the value itself is never stored
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      pending_totp boolean NOT NULL DEFAULT false
    );
    CREATE INDEX sessions_user ON sessions (user_id);

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      scopes text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    -- Every grant, change and revocation of a permission (SECURITY.md 8), kept 3 years.
    CREATE TABLE permission_log (
      id uuid PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      user_id uuid NOT NULL,
      change text NOT NULL,
      before jsonb,
      after jsonb
    );
    CREATE INDEX permission_log_at ON permission_log (at);

    -- 접속기록 (SECURITY.md 9): append-only and hash-chained.
    CREATE TABLE access_log (
      id uuid PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_login text,
      ip text,
      action text NOT NULL CHECK (action IN ('view', 'create', 'update', 'delete', 'print', 'download')),
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      centre_id uuid,
      reason text,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE INDEX access_log_at ON access_log (at);
    CREATE INDEX access_log_subject ON access_log (subject_id, at);
    CREATE INDEX access_log_actor ON access_log (actor_id, at);
  `.execute(db);
  // The chain head is one row locked by each insert, so concurrent writers serialise on it
  // and every row's hash covers its predecessor's.
  await sql`
    CREATE TABLE access_log_head (one boolean PRIMARY KEY DEFAULT true CHECK (one), hash text NOT NULL);
    INSERT INTO access_log_head VALUES (true, repeat('0', 64));

    CREATE FUNCTION access_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE prev text;
    BEGIN
      SELECT hash INTO prev FROM access_log_head FOR UPDATE;
      NEW.prev_hash := prev;
      NEW.hash := encode(sha256(convert_to(concat_ws('|', prev, NEW.id::text, to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(NEW.actor_id::text, ''), coalesce(NEW.ip, ''), NEW.action, NEW.subject_type, NEW.subject_id,
        coalesce(NEW.centre_id::text, ''), coalesce(NEW.reason, '')), 'UTF8')), 'hex');
      UPDATE access_log_head SET hash = NEW.hash;
      RETURN NEW;
    END $$;
    CREATE TRIGGER access_log_chain BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_chain();

    -- Append-only for everyone, the owner included; only the retention job may delete rows
    -- older than two years, and it must say so in its transaction.
    CREATE FUNCTION access_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('ilteo.retention', true) = 'on'
         AND OLD.at < now() - interval '2 years' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER access_log_guard BEFORE UPDATE OR DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_guard();
    CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log FOR EACH STATEMENT EXECUTE FUNCTION access_log_guard();
    REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC;

    CREATE FUNCTION permission_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('ilteo.retention', true) = 'on'
         AND OLD.at < now() - interval '3 years' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'permission_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER permission_log_guard BEFORE UPDATE OR DELETE ON permission_log FOR EACH ROW EXECUTE FUNCTION permission_log_guard();
  `.execute(db);
}
