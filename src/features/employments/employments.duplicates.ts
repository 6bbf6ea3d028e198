import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import './employments.tables.ts';

// The same normalisation as the SQL function employment_employer_key (migration 5002, which
// explains the choice): whitespace dropped, ASCII letters and full-width parentheses folded,
// ㈜ read as (주). Kept character for character in step with it; a test compares the two.
const FROM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ（）';
const TO = 'abcdefghijklmnopqrstuvwxyz()';
const DROPPED = new Set([' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u200b']);

/** An employer name as the one-employment-per-day rule compares it. */
export function employerNameKey(name: string): string {
  let out = '';
  for (const ch of name) {
    const i = FROM.indexOf(ch);
    if (i >= 0) out += TO[i];
    else if (!DROPPED.has(ch)) out += ch;
  }
  return out.replaceAll('㈜', '(주)');
}

/** The unique index that refuses a repeated employment (migration 5002). */
export const EMPLOYMENT_ONCE_INDEX = 'employments_once';

/** What makes two employment records the same hire. */
export interface EmploymentKey {
  seekerId: string;
  startDate: string;
  employerName: string;
}

/** True for the database's refusal of a repeated employment. */
export function isRepeatedEmployment(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && e.constraint === EMPLOYMENT_ONCE_INDEX;
}

/**
 * The kept employments matching each key, in one query (a 1,000-row import batch costs one
 * round trip): the answer's `i` is the key's position in `keys`.
 */
export async function findEmployments(db: Db, keys: EmploymentKey[]): Promise<{ i: number; id: string }[]> {
  if (keys.length === 0) return [];
  const r = await sql<{ i: number; id: string }>`
    SELECT k.i::int AS i, e.id
    FROM unnest(${keys.map((k) => k.seekerId)}::uuid[], ${keys.map((k) => k.startDate)}::date[],
                ${keys.map((k) => k.employerName)}::text[]) WITH ORDINALITY AS k(seeker_id, start_date, name, i)
    JOIN employments e
      ON e.seeker_id = k.seeker_id AND e.start_date = k.start_date
     AND employment_employer_key(e.employer_name) = employment_employer_key(k.name)
     AND e.duplicate_of IS NULL`.execute(db);
  return r.rows.map((x) => ({ i: Number(x.i) - 1, id: x.id }));
}

/** The kept employment of this seeker, day and employer, if one is recorded. */
export async function findEmployment(db: Db, key: EmploymentKey): Promise<string | null> {
  return (await findEmployments(db, [key]))[0]?.id ?? null;
}
