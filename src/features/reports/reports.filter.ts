import { sql } from 'kysely';
import { descendantsPrefixMatch, isValidCode } from '../../codes/codes.ts';
import { CURRENT_OCCUPATION_EDITION, isOccupationEdition, occupationSet } from '../../codes/occupations.ts';
import { inScope } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { KpiFilter } from './kpis/types.ts';
import './reports.messages.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { centreSubtreeIds } from '../accounts/centres.service.ts';

/** The query every report endpoint accepts (API.md "reports"). */
export interface ReportQuery {
  centreId?: string;
  from?: string;
  to?: string;
  targetGroup?: string;
  occupation?: string;
  /** The KECO edition `occupation` is read in (2025, the current one, when absent). */
  occupationEdition?: string;
  regionCode?: string;
}

export { seoulToday };

function realDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The same calendar day a year earlier; 29 February becomes 28 February. */
export function yearEarlier(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The filter moved one year back (previous-year comparison). */
export function previousYearOf(f: KpiFilter): KpiFilter {
  return { ...f, from: yearEarlier(f.from), to: yearEarlier(f.to) };
}

/**
 * Validates the query and resolves the centre subtree. The centre defaults to the actor's; an
 * admin without a centre sees every centre. A centre outside the actor's scope is 404.
 */
export async function resolveFilter(
  db: Db,
  actor: Actor,
  q: ReportQuery,
  today = seoulToday(),
): Promise<{ filter: KpiFilter; centreId: string | null }> {
  const problems: FieldProblem[] = [];
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (!realDate(from)) problems.push({ field: 'from', key: 'field.date' });
  if (!realDate(to)) problems.push({ field: 'to', key: 'field.date' });
  if (!problems.length && from > to) problems.push({ field: 'to', key: 'reports.rangeOrder' });
  if (!problems.length && Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) {
    problems.push({ field: 'to', key: 'reports.rangeTooLong' });
  }
  if (q.targetGroup && !isValidCode('target-groups', q.targetGroup)) {
    problems.push({ field: 'targetGroup', key: 'field.code', params: { code: q.targetGroup } });
  }
  const edition = q.occupationEdition || CURRENT_OCCUPATION_EDITION;
  if (!isOccupationEdition(edition)) {
    problems.push({ field: 'occupationEdition', key: 'field.code', params: { code: edition } });
  } else if (
    q.occupation &&
    (!/^\d{1,4}$/.test(q.occupation) ||
      // A prefix of the edition it is read in; records of the other edition count through the crosswalk.
      !(
        isValidCode(occupationSet(edition), q.occupation) ||
        descendantsPrefixMatch(occupationSet(edition), q.occupation).length > 0
      ))
  ) {
    problems.push({ field: 'occupation', key: 'field.code', params: { code: q.occupation } });
  }
  if (q.regionCode && (!/^\d{2}(\d{3})?$/.test(q.regionCode) || !isValidCode('regions', q.regionCode))) {
    problems.push({ field: 'regionCode', key: 'field.code', params: { code: q.regionCode } });
  }
  if (problems.length) throw invalid(problems);

  const centreId = q.centreId ?? (actor.centreScope === null ? null : actor.centreId);
  let centreIds: string[] | null = null;
  if (centreId !== null) {
    if (!inScope(actor, centreId)) throw new DomainError('not_found', 'reports.centreNotFound');
    const ids = await centreSubtreeIds(db, centreId);
    if (!ids.length) throw new DomainError('not_found', 'reports.centreNotFound');
    centreIds = ids;
  } else if (actor.centreScope !== null) {
    throw new DomainError('not_found', 'reports.centreNotFound');
  }
  return {
    centreId,
    filter: {
      centreIds,
      from,
      to,
      targetGroup: q.targetGroup || undefined,
      occupation: q.occupation || undefined,
      occupationEdition: q.occupation && isOccupationEdition(edition) ? edition : undefined,
      regionCode: q.regionCode || undefined,
      today,
    },
  };
}
