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

/**
 * Postings as the matching index reads them (its COPY at start, reloads of changed rows), as
 * SQL text for a raw client: a sub-select of the columns the index ranks on. A column the index
 * starts to read is added here.
 */
export const POSTINGS_FOR_MATCHING = `(SELECT id, occupation_code, occupation_edition, region_code, wage_monthly_min,
  employment_type, education_min, career_type, career_min_months, headcount, created_at, closes_at, status,
  preferences, certificates, title, duties, keywords FROM postings)`;
