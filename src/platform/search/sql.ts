/**
 * Kysely helpers that filter and rank rows by a `text[]` column of tokens
 * produced by {@link indexTokens}.
 *
 * Expected schema (the default GIN opclass for arrays, `array_ops`, supports
 * `@>`, `<@`, `&&` and `=`):
 *
 * ```sql
 * ALTER TABLE job_posting ADD COLUMN search_tokens text[] NOT NULL DEFAULT '{}';
 * CREATE INDEX job_posting_search_tokens_idx ON job_posting USING gin (search_tokens);
 * ```
 *
 * The planner only uses that index when the filter is the bare column on the
 * left of `@>`, which is what {@link matchTokens} emits. For bulk loads, build
 * the index after COPY (or raise `gin_pending_list_limit`): inserting into a
 * GIN index row by row is far slower than building it once.
 * @module
 */
import { type Expression, type RawBuilder, sql } from 'kysely';
import { indexTokens, type QueryTokens, queryTokens, WHOLE_WORD_PREFIX } from './tokenize.ts';

/** The tokens column: a (possibly qualified) column name such as `'job.search_tokens'`, or an expression. */
export type TokenColumn = string | Expression<readonly string[] | null>;

/** A raw search string, or the result of {@link queryTokens} when it is reused. */
export type SearchQuery = string | QueryTokens;

/**
 * Rank weights. A whole-word hit is worth more than the bigrams it implies so
 * that 자바 ranks the word 자바 above 자바라 and 경리 above 경리사무원.
 */
export const RANK_WEIGHTS = { bigram: 1, wholeWord: 3 } as const;

const toQueryTokens = (query: SearchQuery): QueryTokens =>
  typeof query === 'string' ? queryTokens(query) : query;

const columnSql = (column: TokenColumn): Expression<unknown> =>
  typeof column === 'string' ? sql.ref(column) : column;

/**
 * `ARRAY[$1, $2, …]::text[]` with one bound parameter per token. Works with any
 * driver, unlike binding a JS array as a single parameter.
 */
export function tokenArray(tokens: readonly string[]): RawBuilder<string[]> {
  return sql<string[]>`ARRAY[${sql.join(tokens)}]::text[]`;
}

/**
 * Boolean filter `column @> ARRAY[…]::text[]`: the row must contain every token
 * of every query word (words are ANDed). Served by the GIN index.
 * Returns undefined when the query has no tokens (empty, only punctuation):
 * callers should then skip the filter instead of matching nothing.
 */
export function matchTokens(column: TokenColumn, query: SearchQuery): RawBuilder<boolean> | undefined {
  const q = toQueryTokens(query);
  if (q.required.length === 0) return undefined;
  return sql<boolean>`(${columnSql(column)} @> ${tokenArray(q.required)})`;
}

/**
 * Numeric relevance for ORDER BY … DESC: the weighted count of query tokens
 * present in the row (required and bonus tokens, whole words weighing
 * {@link RANK_WEIGHTS}.wholeWord), plus a tie-breaker in (0, 1] that prefers
 * rows with fewer tokens, i.e. shorter, more focused texts. Bonus tokens reward
 * exact words (w:경리), unstripped forms (요양보호사를) and adjacent query words
 * written together (요양 보호사 → 양보). Returns undefined when the query has no
 * tokens. Cost grows with the number of query tokens, so rank only filtered rows.
 *
 * With `{ matched: true }` the caller promises that every ranked row passed
 * {@link matchTokens} for the same query, so it holds every required token: their
 * terms are then the same constant for all rows and are left out (each
 * `= ANY(column)` term walks the whole array of every matching row, which is what a
 * broad query such as 요양보호사, four required bigrams over ~17,000 rows, paid for).
 * The value is lower by that constant but ORDER BY gives the same order: the
 * integer part still differs by whole numbers and the tie-breaker stays in (0, 1).
 */
export function rankTokens(
  column: TokenColumn,
  query: SearchQuery,
  opts: { readonly matched?: boolean } = {},
): RawBuilder<number> | undefined {
  const q = toQueryTokens(query);
  if (q.required.length === 0) return undefined;
  const col = columnSql(column);
  const terms = [...(opts.matched ? [] : q.required), ...q.bonus].map((token) => {
    const weight = token.startsWith(WHOLE_WORD_PREFIX) ? RANK_WEIGHTS.wholeWord : RANK_WEIGHTS.bigram;
    return sql`(CASE WHEN ${token} = ANY(${col}) THEN ${sql.lit(weight)} ELSE 0 END)`;
  });
  const lengthTieBreak = sql<number>`1.0::float8 / (1 + coalesce(cardinality(${col}), 0))`;
  if (terms.length === 0) return sql<number>`(${lengthTieBreak})`;
  return sql<number>`((${sql.join(terms, sql` + `)})::float8 + ${lengthTieBreak})`;
}

/**
 * PostgreSQL array literal (`{"요양","w:요양"}`) for COPY or a `$1::text[]`
 * parameter in bulk loads. Every element is quoted and escaped, so it is safe
 * for any string, not only tokenizer output. In COPY's text format the caller
 * must still escape backslashes, tabs and newlines of the whole field.
 */
export function tokensLiteral(tokens: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (i > 0) out += ',';
    out += `"${t.includes('"') || t.includes('\\') ? t.replace(/["\\]/g, '\\$&') : t}"`;
  }
  return `${out}}`;
}

/** The literal of {@link indexTokens} of a text: one call per row in a COPY stream. */
export function indexTokensLiteral(text: string): string {
  return tokensLiteral(indexTokens(text));
}
