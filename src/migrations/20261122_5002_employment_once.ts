import { type Kysely, sql } from 'kysely';

// One employment per (seeker, start date, employer). The employer is keyed by its normalised
// name, not by employer_id: employer_name is always filled (from the registry when employer_id
// is given), so the name alone catches the same hire recorded once with an id and once by name
// only, which an (employer_id or name) key would let through. Normalising drops whitespace
// (also NBSP, ideographic and zero-width spaces: "한빛 정밀" = "한빛정밀"), folds ASCII case
// and full-width parentheses, and reads ㈜ as (주). It is written with translate/replace only,
// so it does not depend on the database's locale (lower() folds nothing beyond ASCII under C)
// and stays IMMUTABLE for the index; features/employments/employments.duplicates.ts mirrors it
// in TypeScript. "주식회사 X" and "X(주)" are not made equal: guessing at legal forms could
// refuse a real second record, and a missed duplicate costs less than a refused hire.
//
// Existing data may already hold repeats. Nothing is deleted (a repeat may carry its own
// referral link or completed follow-ups): every group keeps one record, preferring one linked
// to a referral, then the earliest, and the others are marked duplicate_of = the kept id. The
// unique index is partial (duplicate_of IS NULL), so the marked rows stay readable and every
// new repeat is refused by the database, which also settles concurrent inserts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION employment_employer_key(name text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$
        SELECT replace(
          translate(name,
            'ABCDEFGHIJKLMNOPQRSTUVWXYZ（）' || ' ' || chr(9) || chr(10) || chr(13) || chr(160) || chr(12288) || chr(8203),
            'abcdefghijklmnopqrstuvwxyz()'),
          '㈜', '(주)')
      $$;

    -- A marked repeat goes with the record it repeats (both belong to the same seeker).
    ALTER TABLE employments
      ADD COLUMN duplicate_of uuid REFERENCES employments (id) ON DELETE CASCADE;

    UPDATE employments e SET duplicate_of = g.keep
    FROM (
      SELECT id, first_value(id) OVER (
          PARTITION BY seeker_id, start_date, employment_employer_key(employer_name)
          ORDER BY (referral_id IS NULL), created_at, id) AS keep
      FROM employments
    ) g
    WHERE e.id = g.id AND g.id <> g.keep;

    CREATE UNIQUE INDEX employments_once
      ON employments (seeker_id, start_date, employment_employer_key(employer_name))
      WHERE duplicate_of IS NULL;
    CREATE INDEX employments_duplicate_of ON employments (duplicate_of) WHERE duplicate_of IS NOT NULL;
  `.execute(db);
}
