import { type Kysely, sql } from 'kysely';

// One hash chain of the access log per centre instead of one for the whole system. With one
// head row every transaction that logged a touch of personal data (a seeker view, a 56,065-row
// import) locked the same row until commit, so views and imports in different centres waited
// for each other. Now each centre has its own head in access_log_heads (rows without a centre —
// a national admin's reads — share the nil-uuid chain), locked once per transaction by the
// first row of that centre; the hash formula, the per-transaction running hash and the write
// of the head at commit (migration 5001) are unchanged, only keyed by centre.
//
// The rows written before this migration stay as they are: the single chain ending at
// access_log_head, which is frozen here (chain IS NULL marks its rows). A centre's chain starts
// at a genesis hash of that frozen head and the centre id, so every prev_hash stays unique and
// the old chain and each new one verify on their own (features/accounts/audit.service.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE access_log ADD COLUMN chain uuid;

    CREATE TABLE access_log_heads (
      chain uuid PRIMARY KEY,
      genesis text NOT NULL,
      hash text NOT NULL
    );

    -- The old single chain ends where it is now.
    CREATE FUNCTION access_log_head_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'access_log_head is the frozen end of the chain before migration 9701'
        USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER access_log_head_frozen BEFORE UPDATE OR DELETE ON access_log_head
      FOR EACH ROW EXECUTE FUNCTION access_log_head_frozen();

    CREATE OR REPLACE FUNCTION access_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      k uuid := coalesce(NEW.centre_id, '00000000-0000-0000-0000-000000000000');
      setting text := 'ilteo.chain_' || replace(k::text, '-', '');
      prev text := nullif(current_setting(setting, true), '');
    BEGIN
      IF prev IS NULL THEN
        SELECT hash INTO prev FROM access_log_heads WHERE chain = k FOR UPDATE;
        IF prev IS NULL THEN
          INSERT INTO access_log_heads (chain, genesis, hash)
            SELECT k, g, g FROM (SELECT encode(sha256(convert_to(h.hash || '|' || k::text, 'UTF8')), 'hex') AS g
                                 FROM access_log_head h) x
            ON CONFLICT (chain) DO NOTHING;
          SELECT hash INTO prev FROM access_log_heads WHERE chain = k FOR UPDATE;
        END IF;
      END IF;
      NEW.chain := k;
      NEW.prev_hash := prev;
      NEW.hash := encode(sha256(convert_to(concat_ws('|', prev, NEW.id::text, to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(NEW.actor_id::text, ''), coalesce(NEW.ip, ''), NEW.action, NEW.subject_type, NEW.subject_id,
        coalesce(NEW.centre_id::text, ''), coalesce(NEW.reason, '')), 'UTF8')), 'hex');
      PERFORM set_config(setting, NEW.hash, true);
      RETURN NEW;
    END $$;

    -- At commit, once per chain the transaction wrote (the other rows' calls compare two settings).
    CREATE OR REPLACE FUNCTION access_log_head_flush() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      suffix text := replace(NEW.chain::text, '-', '');
      cur text := nullif(current_setting('ilteo.chain_' || suffix, true), '');
    BEGIN
      IF cur IS NOT NULL AND cur IS DISTINCT FROM nullif(current_setting('ilteo.flushed_' || suffix, true), '') THEN
        UPDATE access_log_heads SET hash = cur WHERE chain = NEW.chain;
        PERFORM set_config('ilteo.flushed_' || suffix, cur, true);
      END IF;
      RETURN NULL;
    END $$;
  `.execute(db);
}
