import { blindIndex, encryptField, phoneTailIndex } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { indexTokens } from '../../platform/search/tokenize.ts';
import { userRoleAndCentre } from '../accounts/user-lookups.service.ts';
import type { presentSeeker } from './seekers.presenter.ts';
import { type ProfileValues, profileSearchText } from './seekers.validate.ts';

// Pieces shared by registration (register.service.ts) and profile changes (profile.service.ts).

/** A written seeker and the warnings (masked RRNs) to show the user. */
export interface SeekerResult {
  seeker: ReturnType<typeof presentSeeker>;
  warnings: FieldProblem[];
}

/** Search tokens of a profile plus its counselling titles. */
export function searchTokens(
  v: Pick<ProfileValues, 'name' | 'keywords' | 'certificates' | 'careers'>,
  titles: string[],
) {
  return indexTokens([profileSearchText(v), ...titles].join('\n'));
}

/** Column values of a checked profile, contacts encrypted. */
export function rowValues(key: Buffer, v: ProfileValues) {
  return {
    name: v.name,
    birth_date: v.birthDate,
    phone_enc: encryptField(key, v.phone) as string,
    phone_bi: blindIndex(key, v.phone),
    phone_tail_bi: phoneTailIndex(key, v.phone),
    email_enc: encryptField(key, v.email),
    address_enc: encryptField(key, v.address),
    region_code: v.regionCode,
    education_level: v.educationLevel,
    target_groups: v.targetGroups,
    desired_occupations: v.occupations,
    desired_occupation_edition: v.occupationEdition,
    desired_regions: v.regions,
    desired_employment_types: v.employmentTypes,
    desired_wage_type: v.wageType,
    desired_wage_min: v.wageMin,
    desired_wage_monthly: v.wageMonthly,
    desired_work_days: v.workDays,
    desired_work_hours: v.workHours,
    available_from: v.availableFrom,
    careers: JSON.stringify(v.careers),
    career_months: v.careerMonths,
    certificates: v.certificates,
    keywords: v.keywords,
    registered_at: v.registeredAt,
    external_id: v.externalId,
  };
}

/** 409 for the same person; names the existing record only when `reveal`. */
export function duplicateError(
  d: { id: string; registration_no: string } | undefined,
  reveal: boolean,
): DomainError {
  return new DomainError(
    'conflict',
    'seeker.duplicate',
    {},
    [],
    reveal && d ? { existingId: d.id, existingRegistrationNo: d.registration_no } : {},
  );
}

/** Turns the unique (centre_id, external_id) violation into a 409 naming the field. */
export function externalIdConflict(err: unknown): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint?.includes('external_id')) {
    throw new DomainError('conflict', 'seeker.externalIdTaken', {}, [
      { field: 'externalId', key: 'seeker.externalIdTaken' },
    ]);
  }
  throw err;
}

/** Problems with a counsellor id: must be staff of the seeker's centre or within the actor's scope. */
export async function checkCounsellor(
  db: Db,
  actor: Actor | null,
  centreId: string,
  id: string | null | undefined,
) {
  if (!id) return [];
  const found = await userRoleAndCentre(db, id);
  const u = found && ['counsellor', 'manager', 'admin'].includes(found.role) ? found : null;
  const scope = actor?.centreScope ?? null;
  const ok =
    u && (u.centreId === centreId || scope === null || (u.centreId !== null && scope.includes(u.centreId)));
  return ok ? [] : [{ field: 'counsellorId', key: 'user.notFound' }];
}
