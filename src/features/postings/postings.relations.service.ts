import { type AliasedRawBuilder, sql } from 'kysely';

/**
 * (id, employer_id, title) of every posting, aliased `alias`, for another feature's statement
 * that needs a record's company or posting title (referral counts and hires of an employer).
 * PostgreSQL folds the sub-select into the caller's statement.
 */
export function postingEmployers<A extends string>(
  alias: A,
): AliasedRawBuilder<{ id: string; employer_id: string; title: string }, A> {
  return sql<{
    id: string;
    employer_id: string;
    title: string;
  }>`(SELECT id, employer_id, title FROM postings)`.as(alias);
}
