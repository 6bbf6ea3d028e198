import { type Kysely, sql } from 'kysely';

// Outreach (features/outreach, issue 16): 찾아가는 일자리 발굴단's company visits (plan, then the
// log: survey, 애로사항 by category, jobs discovered, each job becoming a posting draft with
// source 'outreach'), 구민 우선채용 협약 (pledged positions; `filled` is derived from hires, never
// stored), the departments of a city or district and the one-stop admin support requests routed
// to them (원스톱 행정지원), with an append-only history of events. A company not yet registered
// is registered as an employer marked `prospect`. due_at is computed from the request's
// received_at and its category's limit by the calendar feature and computed again when a holiday
// or closure is declared later (outreach listens to the calendar's changes).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE employers ADD COLUMN prospect boolean NOT NULL DEFAULT false`.execute(db);
  await sql`CREATE INDEX employers_prospect ON employers (centre_id, created_at) WHERE prospect`.execute(db);
  await sql`
    CREATE TABLE outreach_visits (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      employer_id uuid NOT NULL REFERENCES employers (id),
      planned_at timestamptz NOT NULL,
      team_user_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(team_user_ids) <= 10),
      purpose text CHECK (length(purpose) <= 500),
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
      held_at timestamptz,
      survey jsonb CHECK (survey IS NULL OR jsonb_typeof(survey) = 'object'),
      reported_by uuid REFERENCES users (id),
      reported_at timestamptz,
      cancel_reason text CHECK (length(cancel_reason) <= 500),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'held') = (held_at IS NOT NULL)),
      CHECK ((status = 'held') = (reported_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX outreach_visits_centre_planned ON outreach_visits (centre_id, planned_at)`.execute(
    db,
  );
  await sql`CREATE INDEX outreach_visits_employer ON outreach_visits (employer_id, planned_at)`.execute(db);
  await sql`CREATE INDEX outreach_visits_held ON outreach_visits (centre_id, held_at) WHERE status = 'held'`.execute(
    db,
  );
  await sql`
    CREATE TABLE outreach_difficulties (
      id uuid PRIMARY KEY,
      visit_id uuid NOT NULL REFERENCES outreach_visits (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      employer_id uuid NOT NULL REFERENCES employers (id),
      position smallint NOT NULL CHECK (position >= 0),
      category text NOT NULL CHECK (category IN ('workforce', 'funding', 'sales', 'permits', 'site', 'other')),
      description text NOT NULL CHECK (btrim(description) <> '' AND length(description) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX outreach_difficulties_visit ON outreach_difficulties (visit_id, position)`.execute(
    db,
  );
  await sql`
    CREATE TABLE outreach_jobs (
      id uuid PRIMARY KEY,
      visit_id uuid NOT NULL REFERENCES outreach_visits (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      employer_id uuid NOT NULL REFERENCES employers (id),
      position smallint NOT NULL CHECK (position >= 0),
      title text NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
      occupation_code text NOT NULL,
      headcount integer NOT NULL CHECK (headcount BETWEEN 1 AND 10000),
      employment_type text,
      wage_type text CHECK (wage_type IN ('D', 'H', 'M', 'Y')),
      wage_min integer CHECK (wage_min >= 0),
      posting_id uuid NOT NULL UNIQUE REFERENCES postings (id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX outreach_jobs_visit ON outreach_jobs (visit_id, position)`.execute(db);
  await sql`
    CREATE TABLE hiring_agreements (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      employer_id uuid NOT NULL REFERENCES employers (id),
      signed_on date NOT NULL,
      valid_from date NOT NULL,
      valid_to date NOT NULL,
      pledged integer NOT NULL CHECK (pledged BETWEEN 1 AND 100000),
      occupations text[] NOT NULL DEFAULT '{}',
      resident_region text NOT NULL CHECK (resident_region ~ '^[0-9]{2,10}$'),
      note text CHECK (length(note) <= 2000),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_to >= valid_from)
    )`.execute(db);
  await sql`CREATE INDEX hiring_agreements_centre ON hiring_agreements (centre_id, signed_on)`.execute(db);
  await sql`CREATE INDEX hiring_agreements_employer ON hiring_agreements (employer_id)`.execute(db);
  await sql`
    CREATE TABLE departments (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
      phone text CHECK (length(phone) <= 30),
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (centre_id, name)
    )`.execute(db);
  await sql`
    CREATE TABLE admin_requests (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      employer_id uuid NOT NULL REFERENCES employers (id),
      visit_id uuid REFERENCES outreach_visits (id),
      category text NOT NULL CHECK (category IN ('inquiry', 'suggestion', 'permit', 'other')),
      description text NOT NULL CHECK (btrim(description) <> '' AND length(description) <= 4000),
      department_id uuid NOT NULL REFERENCES departments (id),
      status text NOT NULL DEFAULT 'routed' CHECK (status IN ('routed', 'in_progress', 'answered', 'closed')),
      received_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      answer text CHECK (length(answer) <= 4000),
      answered_at timestamptz,
      closed_at timestamptz,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (due_at > received_at),
      CHECK (status <> 'answered' OR answered_at IS NOT NULL),
      CHECK (answered_at IS NULL OR (status IN ('answered', 'closed') AND answer IS NOT NULL)),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX admin_requests_centre_due ON admin_requests (centre_id, due_at)
      WHERE status IN ('routed', 'in_progress')`.execute(db);
  await sql`CREATE INDEX admin_requests_employer ON admin_requests (employer_id, received_at)`.execute(db);
  await sql`CREATE INDEX admin_requests_department ON admin_requests (department_id, status)`.execute(db);
  await sql`CREATE INDEX admin_requests_received ON admin_requests (centre_id, received_at)`.execute(db);
  await sql`
    CREATE TABLE admin_request_events (
      id uuid PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES admin_requests (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES users (id),
      status text NOT NULL CHECK (status IN ('routed', 'in_progress', 'answered', 'closed')),
      department_id uuid REFERENCES departments (id),
      note text NOT NULL CHECK (btrim(note) <> '' AND length(note) <= 4000)
    )`.execute(db);
  await sql`CREATE INDEX admin_request_events_request ON admin_request_events (request_id, at)`.execute(db);
  // The history is append-only (FIELD.md §a.2): no UPDATE or DELETE of an event.
  await sql`
    CREATE FUNCTION admin_request_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'admin_request_events is append-only' USING ERRCODE = 'restrict_violation';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER admin_request_events_append_only BEFORE UPDATE OR DELETE ON admin_request_events
      FOR EACH ROW EXECUTE FUNCTION admin_request_events_append_only()`.execute(db);
}
