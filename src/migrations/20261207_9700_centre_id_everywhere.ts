import { type Kysely, sql } from 'kysely';

// Every table of personal data carries the centre that owns its rows (centre scoping, and the
// distribution column of a Citus cluster: docs/SCALING.md). Six tables did not:
//   referral_events, referral_links  ← their referral's centre
//   seeker_recommendations           ← the seeker's centre
//   sessions, api_tokens             ← the account's centre (account_centre below)
//   permission_log                   ← the changed account's centre
// Each is backfilled set-based from the owning row, then made NOT NULL where every row has an
// owner with a centre. Accounts are the exception: a system admin is national and belongs to
// no centre (users.centre_id is NULL and must stay so: an admin's actor has no home centre),
// so their sessions, tokens and permission changes carry NULL. A trigger refuses any other
// NULL (or a wrong centre) on sessions and api_tokens; permission_log keeps rows of accounts
// deleted before now, whose centre is no longer known.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The centre an account's data belongs to: a staff member's centre, an employer account's
    -- employer's centre, a seeker account's seeker's centre; NULL for a national admin.
    CREATE FUNCTION account_centre(account uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
      SELECT coalesce(u.centre_id, e.centre_id, s.centre_id)
      FROM users u
      LEFT JOIN employers e ON e.id = u.employer_id
      LEFT JOIN seekers s ON s.id = u.seeker_id
      WHERE u.id = account
    $$;

    ALTER TABLE referral_events ADD COLUMN centre_id uuid;
    UPDATE referral_events v SET centre_id = r.centre_id FROM referrals r WHERE r.id = v.referral_id;
    ALTER TABLE referral_events ALTER COLUMN centre_id SET NOT NULL,
      ADD CONSTRAINT referral_events_centre_id_fkey FOREIGN KEY (centre_id) REFERENCES centres (id);

    ALTER TABLE referral_links ADD COLUMN centre_id uuid;
    UPDATE referral_links l SET centre_id = r.centre_id FROM referrals r WHERE r.id = l.referral_id;
    ALTER TABLE referral_links ALTER COLUMN centre_id SET NOT NULL,
      ADD CONSTRAINT referral_links_centre_id_fkey FOREIGN KEY (centre_id) REFERENCES centres (id);

    ALTER TABLE seeker_recommendations ADD COLUMN centre_id uuid;
    UPDATE seeker_recommendations x SET centre_id = s.centre_id FROM seekers s WHERE s.id = x.seeker_id;
    ALTER TABLE seeker_recommendations ALTER COLUMN centre_id SET NOT NULL,
      ADD CONSTRAINT seeker_recommendations_centre_id_fkey FOREIGN KEY (centre_id) REFERENCES centres (id);

    ALTER TABLE sessions ADD COLUMN centre_id uuid REFERENCES centres (id);
    UPDATE sessions x SET centre_id = c.centre_id
    FROM (SELECT id, account_centre(id) AS centre_id FROM users) c
    WHERE c.id = x.user_id AND c.centre_id IS NOT NULL;
    CREATE INDEX sessions_centre ON sessions (centre_id);

    ALTER TABLE api_tokens ADD COLUMN centre_id uuid REFERENCES centres (id);
    UPDATE api_tokens x SET centre_id = c.centre_id
    FROM (SELECT id, account_centre(id) AS centre_id FROM users) c
    WHERE c.id = x.user_id AND c.centre_id IS NOT NULL;
    CREATE INDEX api_tokens_centre ON api_tokens (centre_id);

    -- permission_log is append-only by trigger; this one backfill is the schema's, not a change.
    ALTER TABLE permission_log DISABLE TRIGGER permission_log_guard;
    ALTER TABLE permission_log ADD COLUMN centre_id uuid REFERENCES centres (id);
    UPDATE permission_log x SET centre_id = c.centre_id
    FROM (SELECT id, account_centre(id) AS centre_id FROM users) c
    WHERE c.id = x.user_id AND c.centre_id IS NOT NULL;
    ALTER TABLE permission_log ENABLE TRIGGER permission_log_guard;
    CREATE INDEX permission_log_centre ON permission_log (centre_id, at);

    -- NULL only for a national account, and never another centre than the account's.
    CREATE FUNCTION account_centre_check() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.centre_id IS DISTINCT FROM account_centre(NEW.user_id) THEN
        RAISE EXCEPTION '%.centre_id (%) is not the centre of account % (%)', TG_TABLE_NAME,
          coalesce(NEW.centre_id::text, 'null'), NEW.user_id, coalesce(account_centre(NEW.user_id)::text, 'null')
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER sessions_centre BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION account_centre_check();
    CREATE TRIGGER api_tokens_centre BEFORE INSERT ON api_tokens FOR EACH ROW EXECUTE FUNCTION account_centre_check();
  `.execute(db);
}
