import { type Kysely, sql } from 'kysely';

// The provision ledger (partner_provisions, SECURITY.md 24) is append-only like the access log:
// UPDATE, DELETE and TRUNCATE are refused for everyone, the owner included. Only the retention
// job may delete rows past their period (three years, the longest log period SECURITY.md names:
// the permission log's 3 years, beyond the access log's 2), and it must say so in its
// transaction (SET LOCAL ilteo.retention = 'on'), as for access_log and permission_log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION partner_provisions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('ilteo.retention', true) = 'on'
         AND OLD.at < now() - interval '3 years' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'partner_provisions is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER partner_provisions_guard BEFORE UPDATE OR DELETE ON partner_provisions
      FOR EACH ROW EXECUTE FUNCTION partner_provisions_guard();
    CREATE TRIGGER partner_provisions_no_truncate BEFORE TRUNCATE ON partner_provisions
      FOR EACH STATEMENT EXECUTE FUNCTION partner_provisions_guard();
    REVOKE UPDATE, DELETE, TRUNCATE ON partner_provisions FROM PUBLIC;
  `.execute(db);
}
