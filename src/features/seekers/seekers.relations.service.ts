import { type AliasedRawBuilder, type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/http/actor.ts';
import { inFullScope } from './seekers.repository.ts';

// Seekers as other features join them in one statement (a referral's scope, an employer's
// hires): sub-selects whose columns are the contract. PostgreSQL folds them into the caller's
// statement, so the plan is that of the joined table. The rule of who may see what stays here.

/** (id, centre_id) of every seeker, aliased `alias`: the centre a record's seeker belongs to. */
export function seekerCentres<A extends string>(
  alias: A,
): AliasedRawBuilder<{ id: string; centre_id: string }, A> {
  return sql<{ id: string; centre_id: string }>`(SELECT id, centre_id FROM seekers)`.as(alias);
}

/**
 * (id, name, registration_no, centre_id) of the seekers the actor sees in full (staff of their
 * centre subtree, within the retention period), aliased `alias`: an inner join keeps only the
 * records whose seeker may be named.
 */
export function seekersFullySeen<A extends string>(
  actor: Actor,
  alias: A,
): AliasedRawBuilder<{ id: string; name: string; registration_no: string; centre_id: string }, A> {
  return sql<{ id: string; name: string; registration_no: string; centre_id: string }>`(
    SELECT id, name, registration_no, centre_id FROM seekers WHERE ${inFullScope(actor)})`.as(alias);
}

/**
 * (id, region_code) of every seeker, aliased `alias`: the home region of the seeker behind a
 * record (a hiring agreement's resident hires). No name, no contact.
 */
export function seekerRegions<A extends string>(
  alias: A,
): AliasedRawBuilder<{ id: string; region_code: string }, A> {
  return sql<{ id: string; region_code: string }>`(SELECT id, region_code FROM seekers)`.as(alias);
}

/** (id, centre_id) of every seeker as SQL text, for a raw client's statement (the nightly list). */
export const SEEKER_CENTRES_SQL = '(SELECT id, centre_id FROM seekers)';

/**
 * Seekers as the matching index reads them (its COPY at start, reloads of changed rows), as
 * SQL text for a raw client: a sub-select of the columns the index ranks and narrows on
 * (status, suspension and the consent flags; each candidate is still checked against the
 * access rule when shown). A column the index starts to read is added here.
 */
export const SEEKERS_FOR_MATCHING = `(SELECT id, centre_id, region_code, education_level, desired_occupations,
  desired_occupation_edition, desired_regions, desired_employment_types, desired_wage_monthly, career_months,
  certificates, target_groups, status, suspended, consent_share, consent_sensitive, keywords, careers
  FROM seekers)`;

/**
 * A counsellor's cases as a relation (id, name, registration_no, status, care, centre_id): the
 * seekers assigned to them, or registered by them while unassigned, that are not closed. For
 * the counselling feature's caseload, which adds the last and next contact.
 */
export function caseloadSeekers(counsellorId: string): RawBuilder<unknown> {
  return sql`(SELECT id, name, registration_no, status, care, centre_id FROM seekers
    WHERE (counsellor_id = ${counsellorId} OR (counsellor_id IS NULL AND created_by = ${counsellorId}))
      AND status <> 'closed')`;
}
