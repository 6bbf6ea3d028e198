import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { descendants, findCode, normalizeLegacyRegionCode } from '../../codes/codes.ts';
import { findOccupation, linkedCodesUnder, type OccupationEdition } from '../../codes/occupations.ts';
import type { Db } from '../../platform/db/pool.ts';
import type { Tables } from '../../platform/db/tables.ts';
import { type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { matchTokens, rankTokens } from '../../platform/search/sql.ts';
import { normalize, queryTokens } from '../../platform/search/tokenize.ts';
import { STAFF_ROLES } from '../employers/employers.service.ts';
import {
  type PostingRow,
  postingColumns,
  presentPosting,
  publiclyVisibleSql,
  withEmployerNames,
} from './postings.read.ts';
import type { PostingStatus } from './postings.tables.ts';
import { seoulToday } from './postings.validate.ts';

export interface PostingSearch {
  q?: string;
  /** 시도 (2 digits: all its 시군구) or 시군구 (5 digits, with its 일반구). */
  regionCode?: string;
  /** KECO code at any level (1–4 digits): prefix match, since KECO codes nest by prefix. */
  occupation?: string;
  /** The KECO edition of `occupation` ("2018" when absent); linked codes of the other edition match too. */
  occupationEdition?: OccupationEdition;
  employmentType?: string;
  /** Monthly won the seeker wants at least: compared with the posting's monthly minimum. */
  wageMin?: number;
  /** The seeker's education (00–07): postings asking for no more than this. */
  educationMax?: string;
  status?: PostingStatusFilter;
  employerId?: string;
  offset: number;
  limit: number;
}

type Eb = ExpressionBuilder<Tables & { p: Tables['postings'] }, 'p'>;

/** Open and not past its closing day (Asia/Seoul): what partners and the public read. */
const active = publiclyVisibleSql;

/** Which postings the actor may list: open ones for everybody, plus staff's scope or the employer's own. */
function visibility(eb: Eb, actor: Actor | null, today: string): Expression<SqlBool> {
  if (actor && STAFF_ROLES.has(actor.role)) {
    if (actor.centreScope === null) return sql<SqlBool>`true`;
    if (actor.centreScope.length === 0) return active(today);
    return eb.or([active(today), eb('p.centre_id', 'in', actor.centreScope)]);
  }
  if (actor?.role === 'employer' && actor.employerId) {
    return eb.or([active(today), eb('p.employer_id', '=', actor.employerId)]);
  }
  return active(today);
}

/** A status to list by, as readers see them, or `action`: what staff must act on. */
export type PostingStatusFilter = PostingStatus | 'rejected' | 'returned' | 'action';

function statusFilter(status: PostingStatusFilter, today: string) {
  if (status === 'open') return active(today);
  // Staff's queue: waiting for approval (resubmitted ones too) and returned to the employer.
  if (status === 'action') return sql<SqlBool>`p.status IN ('pending', 'returned')`;
  if (status === 'expired')
    return sql<SqlBool>`(p.status = 'expired' OR (p.status = 'open' AND p.closes_at < ${today}::date))`;
  return sql<SqlBool>`p.status = ${status}`;
}

const HANGUL_SYLLABLES = /^[\uac00-\ud7a3]+$/;

/**
 * The title as the rank searches it for the (normalized, lower-case) word `w`. lower() copies
 * and case-maps the title of every matching row, once per word (~12 ms per word over 40,000
 * matches). A word of Hangul syllables only can skip it: lower() leaves Hangul syllables as
 * they are and maps nothing else onto them, so such a word is in lower(title) exactly when
 * it is in title.
 */
function titleFor(w: string) {
  return HANGUL_SYLLABLES.test(w) ? sql`p.title` : sql`lower(p.title)`;
}

/**
 * Job search (public and staff): Korean full-text `q` over the GIN-indexed search tokens,
 * ranked by token hits (whole words weigh more), then closing soonest and newest; filters by
 * region prefix, KECO prefix, employment type, monthly wage and education. Bad codes → 400.
 */
export async function listPostings(db: Db, actor: Actor | null, s: PostingSearch) {
  const problems: FieldProblem[] = [];
  let regionCodes: string[] | undefined;
  let regionPrefix: string | undefined;
  if (s.regionCode) {
    const code = normalizeLegacyRegionCode(s.regionCode);
    if (!code || !findCode('regions', code)) {
      problems.push({ field: 'regionCode', key: 'field.code', params: { code: s.regionCode } });
    } else if (code.length === 2) regionPrefix = code;
    else regionCodes = [code, ...descendants('regions', code).map((c) => c.code)];
  }
  const occEdition = s.occupationEdition ?? '2018';
  if (s.occupation && !findOccupation(s.occupation, occEdition)) {
    problems.push({ field: 'occupation', key: 'field.code', params: { code: s.occupation } });
  }
  if (s.employmentType && !findCode('employment-types', s.employmentType)) {
    problems.push({ field: 'employmentType', key: 'field.code', params: { code: s.employmentType } });
  }
  if (problems.length) throw invalid(problems);

  const today = seoulToday();
  const tokens = s.q?.trim() ? queryTokens(s.q) : undefined;
  const match = tokens ? matchTokens('p.search_tokens', tokens) : undefined;
  // matched: every ranked row passed `match`, so the required tokens' constant terms are left out.
  const tokenRank = tokens ? rankTokens('p.search_tokens', tokens, { matched: true }) : undefined;
  // A query word in the title counts more than the same word in the duties or company name.
  const words = s.q ? normalize(s.q).split(' ').filter(Boolean).slice(0, 8) : [];
  const rank =
    tokenRank && words.length
      ? sql<number>`(${tokenRank} + ${sql.join(
          words.map((w) => sql`(CASE WHEN strpos(${titleFor(w)}, ${w}) > 0 THEN 2 ELSE 0 END)`),
          sql` + `,
        )})`
      : tokenRank;

  const base = db.selectFrom('postings as p').where((eb) => {
    const conds: Expression<SqlBool>[] = [visibility(eb, actor, today)];
    if (s.status) conds.push(statusFilter(s.status, today));
    if (match) conds.push(match);
    if (regionPrefix) conds.push(eb('p.region_code', 'like', `${regionPrefix}%`));
    if (regionCodes) conds.push(eb('p.region_code', 'in', regionCodes));
    if (s.occupation) {
      // A code is read in its edition: postings of the other edition match through the crosswalk.
      const linked = linkedCodesUnder(s.occupation, occEdition);
      const own = eb.and([
        eb('p.occupation_edition', '=', occEdition),
        eb('p.occupation_code', 'like', `${s.occupation}%`),
      ]);
      conds.push(
        linked.length
          ? eb.or([
              own,
              eb.and([
                eb('p.occupation_edition', '=', occEdition === '2018' ? '2025' : '2018'),
                eb('p.occupation_code', 'in', linked),
              ]),
            ])
          : own,
      );
    }
    if (s.employmentType) conds.push(eb('p.employment_type', '=', s.employmentType));
    if (s.wageMin !== undefined) conds.push(eb('p.wage_monthly_min', '>=', s.wageMin));
    if (s.educationMax) conds.push(eb('p.education_min', '<=', s.educationMax));
    if (s.employerId) conds.push(eb('p.employer_id', '=', s.employerId));
    return eb.and(conds);
  });

  // One statement: the page of ids ranked over every match with the total as a window count
  // (the matches are found and filtered once), then those rows' columns and company, in the
  // same order. A page past the end has no row to carry the total and counts on its own.
  const hits = base
    .select((eb) => ['p.id', eb.fn.countAll<string>().over().as('total'), (rank ?? sql<number>`0`).as('r')])
    .$if(rank !== undefined, (b) => b.orderBy(rank!, 'desc'))
    .orderBy('p.closes_at')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .offset(s.offset)
    .limit(s.limit)
    .as('hit');
  const page = await db
    .selectFrom(hits)
    .innerJoin('postings as p', 'p.id', 'hit.id')
    .select(postingColumns('p'))
    .select('hit.total')
    .orderBy('hit.r', 'desc')
    .orderBy('p.closes_at')
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .execute();
  // The company names of the page's postings, from the employers feature (one statement).
  const rows = await withEmployerNames(db, page);
  if (rows.length === 0) {
    if (s.offset === 0) return { items: [], total: 0 };
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { items: [], total: Number(total.n) };
  }
  return {
    items: rows.map((r) => presentPosting(r as PostingRow, today)),
    total: Number(rows[0]!.total),
  };
}
