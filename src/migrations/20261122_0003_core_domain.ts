import { type Kysely, sql } from 'kysely';

// The core records every feature reads: seekers (with consents), employers and postings.
// Every personal-data table carries centre_id (centre scoping, and Citus distribution later).
// Contact fields are AES-GCM ciphertext (*_enc); phone_bi is a keyed hash for duplicate checks.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE seekers (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      registration_no text NOT NULL,
      external_id text,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      birth_date date NOT NULL,
      phone_enc text NOT NULL,
      phone_bi text NOT NULL,
      email_enc text,
      address_enc text,
      region_code text NOT NULL,
      education_level text NOT NULL,
      target_groups text[] NOT NULL DEFAULT '{}',
      desired_occupations text[] NOT NULL,
      desired_regions text[] NOT NULL DEFAULT '{}',
      desired_employment_types text[] NOT NULL DEFAULT '{}',
      desired_wage_type text CHECK (desired_wage_type IN ('D', 'H', 'M', 'Y')),
      desired_wage_min integer CHECK (desired_wage_min >= 0),
      -- desired wage converted to a month (hourly x 209, daily x 21.75, yearly / 12)
      desired_wage_monthly integer,
      desired_work_days text,
      desired_work_hours text,
      available_from date,
      careers jsonb NOT NULL DEFAULT '[]',
      career_months integer NOT NULL DEFAULT 0,
      certificates text[] NOT NULL DEFAULT '{}',
      keywords text[] NOT NULL DEFAULT '{}',
      consent_share boolean NOT NULL DEFAULT false,
      consent_sensitive boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'employed', 'on_hold', 'closed')),
      status_reason text,
      status_changed_at timestamptz,
      status_changed_by uuid,
      care text NOT NULL DEFAULT 'general' CHECK (care IN ('general', 'intensive')),
      care_since timestamptz,
      suspended boolean NOT NULL DEFAULT false,
      counsellor_id uuid REFERENCES users (id),
      channel text NOT NULL DEFAULT 'counsellor' CHECK (channel IN ('counsellor', 'mobile_desk', 'self', 'import', 'partner')),
      registered_at date NOT NULL,
      search_tokens text[] NOT NULL DEFAULT '{}',
      retain_until date,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (centre_id, registration_no),
      UNIQUE (centre_id, external_id)
    );
    CREATE INDEX seekers_centre_registered ON seekers (centre_id, registered_at);
    CREATE INDEX seekers_registered ON seekers (registered_at);
    CREATE INDEX seekers_centre_status ON seekers (centre_id, status, care);
    CREATE INDEX seekers_dup ON seekers (birth_date, phone_bi);
    CREATE INDEX seekers_search ON seekers USING gin (search_tokens);
    CREATE INDEX seekers_occupations ON seekers USING gin (desired_occupations);
    CREATE INDEX seekers_counsellor ON seekers (counsellor_id) WHERE counsellor_id IS NOT NULL;

    -- Per-centre, per-year registration number counter ("2026-000123"): no global sequence.
    CREATE TABLE registration_counters (
      centre_id uuid NOT NULL REFERENCES centres (id),
      year integer NOT NULL,
      last integer NOT NULL DEFAULT 0,
      PRIMARY KEY (centre_id, year)
    );

    -- Consent records (SECURITY.md 11, 12): sharing with the partner network, sensitive data.
    CREATE TABLE consents (
      id uuid PRIMARY KEY,
      seeker_id uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
      centre_id uuid NOT NULL REFERENCES centres (id),
      kind text NOT NULL CHECK (kind IN ('share_network', 'sensitive')),
      recipients text NOT NULL,
      purpose text NOT NULL,
      items text[] NOT NULL,
      valid_until date,
      refusal_notice boolean NOT NULL DEFAULT true,
      granted_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz,
      recorded_by uuid
    );
    CREATE INDEX consents_seeker ON consents (seeker_id, kind);

    CREATE TABLE employers (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      biz_reg_no text NOT NULL UNIQUE CHECK (biz_reg_no ~ '^[0-9]{10}$'),
      ksic text,
      size text,
      region_code text NOT NULL,
      address text,
      -- contact persons (name, phone, e-mail) as encrypted JSON
      contacts_enc text,
      counsellor_id uuid REFERENCES users (id),
      notes text,
      search_tokens text[] NOT NULL DEFAULT '{}',
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX employers_centre ON employers (centre_id);
    CREATE INDEX employers_search ON employers USING gin (search_tokens);

    CREATE TABLE postings (
      id uuid PRIMARY KEY,
      employer_id uuid NOT NULL REFERENCES employers (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      occupation_code text NOT NULL,
      duties text NOT NULL,
      headcount integer NOT NULL CHECK (headcount BETWEEN 1 AND 10000),
      employment_type text NOT NULL,
      wage_type text NOT NULL CHECK (wage_type IN ('D', 'H', 'M', 'Y')),
      wage_min integer NOT NULL CHECK (wage_min >= 0),
      wage_max integer CHECK (wage_max >= wage_min),
      wage_monthly_min integer NOT NULL,
      work_days text,
      work_hours text,
      region_code text NOT NULL,
      address text,
      education_min text NOT NULL,
      career_type text NOT NULL CHECK (career_type IN ('N', 'E', 'Z')),
      career_min_months integer NOT NULL DEFAULT 0,
      certificates text[] NOT NULL DEFAULT '{}',
      preferences text[] NOT NULL DEFAULT '{}',
      keywords text[] NOT NULL DEFAULT '{}',
      closes_at date NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'pending', 'open', 'closed', 'filled', 'expired')),
      source text NOT NULL DEFAULT 'ilteo',
      worknet_auth_no text UNIQUE,
      created_by uuid,
      approved_by uuid,
      approved_at timestamptz,
      search_tokens text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX postings_open ON postings (status, closes_at);
    CREATE INDEX postings_centre ON postings (centre_id, status);
    CREATE INDEX postings_employer ON postings (employer_id);
    CREATE INDEX postings_created ON postings (created_at);
    CREATE INDEX postings_search ON postings USING gin (search_tokens) WHERE status = 'open';
    CREATE INDEX postings_occupation ON postings (occupation_code) WHERE status = 'open';
    CREATE INDEX postings_region ON postings (region_code) WHERE status = 'open';

    -- Changes that other processes must see at once (matching index, caches).
    CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('ilteo_change', json_build_object('table', TG_TABLE_NAME, 'op', TG_OP,
        'id', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
      RETURN NULL;
    END $$;
    CREATE TRIGGER seekers_notify AFTER INSERT OR UPDATE OR DELETE ON seekers FOR EACH ROW EXECUTE FUNCTION notify_change();
    CREATE TRIGGER postings_notify AFTER INSERT OR UPDATE OR DELETE ON postings FOR EACH ROW EXECUTE FUNCTION notify_change();
  `.execute(db);
}
