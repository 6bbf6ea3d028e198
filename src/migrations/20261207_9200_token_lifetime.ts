import { type Kysely, sql } from 'kysely';

// Issue 23, item 7. API tokens always end: those issued without an end get 90 days from now
// (the default of ILTEO_TOKEN_DAYS), and a token without one can no longer be stored.
// A user's sessions and tokens die in the same statement that changes the password, the role,
// the centre or the bound seeker or employer, or disables the account, whichever code path
// does it; a re-enabled account's old tokens stay revoked.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE api_tokens SET expires_at = now() + interval '90 days' WHERE expires_at IS NULL;
    ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
    CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);

    CREATE FUNCTION users_end_access() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM sessions WHERE user_id = NEW.id;
      UPDATE api_tokens SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
      RETURN NULL;
    END $$;

    CREATE TRIGGER users_end_access
      AFTER UPDATE OF password_hash, role, centre_id, seeker_id, employer_id, disabled_at ON users
      FOR EACH ROW
      WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash
        OR OLD.role IS DISTINCT FROM NEW.role
        OR OLD.centre_id IS DISTINCT FROM NEW.centre_id
        OR OLD.seeker_id IS DISTINCT FROM NEW.seeker_id
        OR OLD.employer_id IS DISTINCT FROM NEW.employer_id
        OR (NEW.disabled_at IS NOT NULL AND OLD.disabled_at IS NULL))
      EXECUTE FUNCTION users_end_access();
  `.execute(db);
}
