import { type Kysely, sql } from 'kysely';

// Same hash chain, linear cost for bulk writes. Updating the one head row once per inserted
// row made a transaction that logs n rows (a 56,065-row import) O(n²): every update adds a row
// version that later lookups in the same transaction walk through (9,000 rows: 77 s; 56,065
// rows: over 5 min). Now the head row is locked once per transaction, the running hash is kept
// in a transaction-local setting, and a deferred trigger writes the final head once at commit.
// Hashes, their order and the serialisation of concurrent writers are unchanged.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION access_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE prev text;
    BEGIN
      prev := nullif(current_setting('ilteo.chain_head', true), '');
      IF prev IS NULL THEN
        SELECT hash INTO prev FROM access_log_head FOR UPDATE;
      END IF;
      NEW.prev_hash := prev;
      NEW.hash := encode(sha256(convert_to(concat_ws('|', prev, NEW.id::text, to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(NEW.actor_id::text, ''), coalesce(NEW.ip, ''), NEW.action, NEW.subject_type, NEW.subject_id,
        coalesce(NEW.centre_id::text, ''), coalesce(NEW.reason, '')), 'UTF8')), 'hex');
      PERFORM set_config('ilteo.chain_head', NEW.hash, true);
      RETURN NEW;
    END $$;

    CREATE FUNCTION access_log_head_flush() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE cur text := nullif(current_setting('ilteo.chain_head', true), '');
    BEGIN
      IF cur IS NOT NULL THEN
        UPDATE access_log_head SET hash = cur WHERE hash IS DISTINCT FROM cur;
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER access_log_head_flush AFTER INSERT ON access_log
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION access_log_head_flush();
  `.execute(db);
}
