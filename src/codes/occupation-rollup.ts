import { type RawBuilder, sql } from 'kysely';
import { findCode, listCodes } from './codes.ts';
import {
  CURRENT_OCCUPATION_EDITION,
  crosswalkOf,
  linkedCodesUnder,
  type OccupationEdition,
  occupationSet,
} from './occupations.ts';

/**
 * Reports count a record's occupation in the edition of the filter (issue 14), as region-rollup
 * does for regions: records keep the code and edition they were entered with, and the same
 * digits mean different work in KECO 2018 and 2025 (1555 is 2018's 보건위생·환경 검사원 and
 * 2025's 환경공학 기술자 및 연구원), so a prefix is never compared across editions as text.
 */

const normTitle = (s: string) => s.replace(/\s+/g, '');
const otherEdition = (e: OccupationEdition): OccupationEdition => (e === '2018' ? '2025' : '2018');

/** True when `code` names the same group, same title, in both editions (all ten major groups do). */
function sameGroupInBoth(code: string): boolean {
  const a = findCode('occupations', code);
  const b = findCode('occupations-2025', code);
  return Boolean(a && b && normTitle(a.name) === normTitle(b.name));
}

/**
 * The codes of the other edition that count under `prefix` of `edition`: those the crosswalk
 * links to a code under it, and — for codes without any link — those under a group whose code
 * and title are the same in both editions (the nearest such group of the code decides).
 * A one-digit prefix takes every code of the other edition under it: KECO's ten major groups
 * are the same in both editions, and the summary tables group by them.
 */
export function otherEditionCodesUnder(prefix: string, edition: OccupationEdition): string[] | 'all' {
  if (prefix.length === 1) return 'all';
  const other = otherEdition(edition);
  const out = new Set(linkedCodesUnder(prefix, edition));
  for (const c of listCodes(occupationSet(other))) {
    if (c.level !== 4 || crosswalkOf(c.code, other).length > 0) continue;
    // The nearest group of the unlinked code that is the same in both editions.
    let group: string | null = null;
    for (let len = c.code.length - 1; len >= 1 && group === null; len--) {
      if (sameGroupInBoth(c.code.slice(0, len))) group = c.code.slice(0, len);
    }
    if (group?.startsWith(prefix)) out.add(c.code);
  }
  return [...out].sort();
}

/**
 * The records of an occupation filter as SQL: `prefix` read in `edition` (the current one by
 * default), over a code column and the column holding each record's edition. A record of the
 * filter's edition counts by prefix; one of the other edition by {@link otherEditionCodesUnder}.
 */
export function occupationFilterSql(
  code: RawBuilder<unknown>,
  codeEdition: RawBuilder<unknown>,
  prefix: string,
  edition: OccupationEdition = CURRENT_OCCUPATION_EDITION,
): RawBuilder<unknown> {
  const other = otherEditionCodesUnder(prefix, edition);
  const own = sql`(${codeEdition} = ${edition} AND ${code} LIKE ${`${prefix}%`})`;
  const theirs =
    other === 'all'
      ? sql`(${codeEdition} <> ${edition} AND ${code} LIKE ${`${prefix}%`})`
      : sql`(${codeEdition} <> ${edition} AND ${code} = ANY(${other}::text[]))`;
  return sql`(${own} OR ${theirs})`;
}
