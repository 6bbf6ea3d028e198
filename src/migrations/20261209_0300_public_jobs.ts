import { type Kysely, sql } from 'kysely';

// Public job programmes (features/publicjobs, issue 20): programmes with quota, period, hours
// and wage; eligibility rule sets as versioned data; applications with the decision and the
// rule-set version it used; RFC 3797 draws whose inputs are frozen and announced first;
// publication of results; placements at worksites.
// What must never be rewritten is kept so by the database: rule sets, announcements, draws and
// publications are append-only, and an application's decision cannot be updated (triggers);
// a draw cannot run before the announced random numbers exist (trigger); application numbers
// and draw numbers are unique per programme, one application per seeker and programme, one
// placement per application, one publication per programme.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE public_job_programmes (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
      kind text NOT NULL CHECK (kind IN ('happy', 'new_middle_aged', 'community', 'public_works',
        'shared_time', 'student', 'youth_intern', 'other')),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      quota integer NOT NULL CHECK (quota BETWEEN 1 AND 10000),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      hours_per_week integer NOT NULL CHECK (hours_per_week BETWEEN 1 AND 52),
      hourly_wage integer NOT NULL CHECK (hourly_wage > 0),
      selection text NOT NULL CHECK (selection IN ('score', 'lottery', 'score_then_lottery')),
      apply_from date NOT NULL,
      apply_to date NOT NULL,
      description text CHECK (length(description) <= 4000),
      applications integer NOT NULL DEFAULT 0 CHECK (applications >= 0),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on),
      CHECK (apply_to >= apply_from)
    )`.execute(db);
  await sql`CREATE INDEX public_job_programmes_centre ON public_job_programmes (centre_id, starts_on)`.execute(
    db,
  );

  await sql`
    CREATE FUNCTION public_jobs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only: a change is a new row', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);

  await sql`
    CREATE TABLE public_job_rule_sets (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      programme_id uuid NOT NULL REFERENCES public_job_programmes (id),
      version integer NOT NULL CHECK (version >= 1),
      rules jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
      source text CHECK (length(source) <= 500),
      adopted_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users (id),
      UNIQUE (programme_id, version)
    )`.execute(db);
  await sql`CREATE TRIGGER public_job_rule_sets_append_only BEFORE UPDATE OR DELETE ON public_job_rule_sets
    FOR EACH ROW EXECUTE FUNCTION public_jobs_append_only()`.execute(db);

  await sql`
    CREATE TABLE public_job_applications (
      id uuid PRIMARY KEY,
      programme_id uuid NOT NULL REFERENCES public_job_programmes (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      application_no integer NOT NULL CHECK (application_no >= 1),
      seeker_id uuid NOT NULL REFERENCES seekers (id),
      channel text NOT NULL CHECK (channel IN ('counsellor', 'portal')),
      household_size integer NOT NULL CHECK (household_size BETWEEN 1 AND 20),
      monthly_income bigint NOT NULL CHECK (monthly_income >= 0),
      property bigint NOT NULL CHECK (property >= 0),
      flags text[] NOT NULL DEFAULT '{}',
      age integer NOT NULL CHECK (age BETWEEN 0 AND 130),
      repeat_participation boolean NOT NULL,
      eligible boolean NOT NULL,
      score integer NOT NULL,
      reasons jsonb NOT NULL CHECK (jsonb_typeof(reasons) = 'array'),
      rule_set_id uuid NOT NULL REFERENCES public_job_rule_sets (id),
      rule_version integer NOT NULL,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT public_job_applications_no UNIQUE (programme_id, application_no),
      CONSTRAINT public_job_applications_once UNIQUE (programme_id, seeker_id)
    )`.execute(db);
  await sql`CREATE INDEX public_job_applications_seeker ON public_job_applications (seeker_id)`.execute(db);
  await sql`CREATE INDEX public_job_applications_centre ON public_job_applications (centre_id, created_at)`.execute(
    db,
  );
  await sql`CREATE TRIGGER public_job_applications_decided BEFORE UPDATE ON public_job_applications
    FOR EACH ROW EXECUTE FUNCTION public_jobs_append_only()`.execute(db);

  await sql`
    CREATE TABLE public_job_announcements (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      programme_id uuid NOT NULL REFERENCES public_job_programmes (id),
      seq integer NOT NULL CHECK (seq >= 1),
      candidates uuid[] NOT NULL,
      candidate_nos integer[] NOT NULL,
      candidate_scores integer[] NOT NULL,
      input_sha256 text NOT NULL CHECK (input_sha256 ~ '^[0-9a-f]{64}$'),
      seed_source text NOT NULL CHECK (btrim(seed_source) <> '' AND length(seed_source) <= 500),
      seeds_available_at timestamptz NOT NULL,
      announced_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users (id),
      UNIQUE (programme_id, seq),
      UNIQUE (id, programme_id),
      CHECK (seeds_available_at > announced_at),
      CHECK (cardinality(candidates) = cardinality(candidate_nos)
        AND cardinality(candidates) = cardinality(candidate_scores))
    )`.execute(db);
  await sql`CREATE TRIGGER public_job_announcements_append_only BEFORE UPDATE OR DELETE ON public_job_announcements
    FOR EACH ROW EXECUTE FUNCTION public_jobs_append_only()`.execute(db);

  await sql`
    CREATE TABLE public_job_draws (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      programme_id uuid NOT NULL REFERENCES public_job_programmes (id),
      announcement_id uuid NOT NULL,
      run_no integer NOT NULL CHECK (run_no >= 1),
      method text NOT NULL CHECK (method IN ('score', 'lottery', 'score_then_lottery')),
      seed_sources jsonb,
      key_string text CHECK (length(key_string) <= 2000),
      lottery_order integer[],
      ranked uuid[] NOT NULL,
      quota integer NOT NULL CHECK (quota >= 1),
      drawn_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users (id),
      UNIQUE (programme_id, run_no),
      UNIQUE (id, programme_id),
      FOREIGN KEY (announcement_id, programme_id) REFERENCES public_job_announcements (id, programme_id),
      CHECK ((method = 'score') = (key_string IS NULL)),
      CHECK ((key_string IS NULL) = (lottery_order IS NULL) AND (key_string IS NULL) = (seed_sources IS NULL))
    )`.execute(db);
  // A draw uses random numbers announced in advance: none before they exist.
  await sql`
    CREATE FUNCTION public_job_draws_after_seeds() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.drawn_at := now();
      IF NEW.key_string IS NOT NULL AND now() < (SELECT seeds_available_at
          FROM public_job_announcements WHERE id = NEW.announcement_id) THEN
        RAISE EXCEPTION 'the announced random numbers do not exist yet' USING ERRCODE = 'check_violation',
          CONSTRAINT = 'public_job_draws_after_seeds';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER public_job_draws_after_seeds BEFORE INSERT ON public_job_draws
    FOR EACH ROW EXECUTE FUNCTION public_job_draws_after_seeds()`.execute(db);
  await sql`CREATE TRIGGER public_job_draws_append_only BEFORE UPDATE OR DELETE ON public_job_draws
    FOR EACH ROW EXECUTE FUNCTION public_jobs_append_only()`.execute(db);

  await sql`
    CREATE TABLE public_job_publications (
      programme_id uuid PRIMARY KEY REFERENCES public_job_programmes (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      draw_id uuid NOT NULL UNIQUE,
      published_at timestamptz NOT NULL DEFAULT now(),
      published_by uuid REFERENCES users (id),
      FOREIGN KEY (draw_id, programme_id) REFERENCES public_job_draws (id, programme_id)
    )`.execute(db);
  await sql`CREATE TRIGGER public_job_publications_append_only BEFORE UPDATE OR DELETE ON public_job_publications
    FOR EACH ROW EXECUTE FUNCTION public_jobs_append_only()`.execute(db);

  await sql`
    CREATE TABLE public_job_placements (
      id uuid PRIMARY KEY,
      programme_id uuid NOT NULL REFERENCES public_job_programmes (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      application_id uuid NOT NULL UNIQUE REFERENCES public_job_applications (id),
      seeker_id uuid NOT NULL REFERENCES seekers (id),
      worksite text NOT NULL CHECK (btrim(worksite) <> '' AND length(worksite) <= 200),
      starts_on date NOT NULL,
      ends_on date,
      outcome text CHECK (outcome IN ('completed', 'private_job', 'dropped')),
      private_employer text CHECK (length(private_employer) <= 200),
      employment_id uuid REFERENCES employments (id),
      counsellor_id uuid REFERENCES users (id),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz,
      CHECK ((outcome IS NULL) = (ends_on IS NULL) AND (outcome IS NULL) = (ended_at IS NULL)),
      CHECK (ends_on IS NULL OR ends_on >= starts_on),
      CHECK (private_employer IS NULL OR outcome = 'private_job')
    )`.execute(db);
  await sql`CREATE INDEX public_job_placements_programme ON public_job_placements (programme_id, starts_on)`.execute(
    db,
  );
  await sql`CREATE INDEX public_job_placements_seeker ON public_job_placements (seeker_id, starts_on)`.execute(
    db,
  );
  await sql`CREATE INDEX public_job_placements_centre ON public_job_placements (centre_id, starts_on)`.execute(
    db,
  );
}
