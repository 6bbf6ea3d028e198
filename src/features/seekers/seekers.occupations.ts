import { sql } from 'kysely';
import { linkedCodesUnder, type OccupationEdition } from '../../codes/occupations.ts';

/**
 * The seeker list's occupation filter (GET /seekers?occupation=&occupationEdition=): seekers whose
 * desired occupations are under the code prefix in that KECO edition, and seekers whose record
 * is of the other edition with a code the crosswalk links to one under it (2025's 155 also finds
 * a 2018 record of 1553, linked to 2025's 1555 환경공학 기술자 및 연구원). Records keep the code
 * and edition they were entered with.
 */
export function desiredOccupationFilter(prefix: string, edition: OccupationEdition) {
  const like = `${prefix.replace(/[%_\\]/g, '')}%`;
  const own = sql<boolean>`(seekers.desired_occupation_edition = ${edition}
    AND EXISTS (SELECT 1 FROM unnest(seekers.desired_occupations) o WHERE o LIKE ${like}))`;
  const linked = linkedCodesUnder(prefix.replace(/\D/g, ''), edition);
  if (linked.length === 0) return own;
  const other: OccupationEdition = edition === '2018' ? '2025' : '2018';
  return sql<boolean>`(${own} OR (seekers.desired_occupation_edition = ${other}
    AND seekers.desired_occupations && ${linked}::text[]))`;
}
