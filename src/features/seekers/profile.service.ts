import { recordSeekerAccess } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { applyConsentFlags } from './consents.service.ts';
import './seekers.messages.ts';
import { counsellingTitlesOf } from '../counselling/counselling.for-seekers.service.ts';
import { requireSeeker, seekerAccessSql } from './access.service.ts';
import { presentSeeker } from './seekers.presenter.ts';
import { findDuplicate, lockIdentity, type SeekerRow } from './seekers.repository.ts';
import type { SeekerPatch, SelfPatch } from './seekers.schema.ts';
import { checkProfile, type ProfileInput, seoulToday } from './seekers.validate.ts';
import {
  checkCounsellor,
  duplicateError,
  externalIdConflict,
  rowValues,
  type SeekerResult,
  searchTokens,
} from './seekers.write.ts';

function profileOf(key: Buffer, r: SeekerRow): ProfileInput {
  return {
    name: r.name,
    birthDate: r.birth_date,
    phone: decryptField(key, r.phone_enc) ?? '',
    email: decryptField(key, r.email_enc),
    regionCode: r.region_code,
    address: decryptField(key, r.address_enc),
    educationLevel: r.education_level,
    targetGroups: r.target_groups,
    desired: {
      occupations: r.desired_occupations,
      occupationEdition: r.desired_occupation_edition,
      regions: r.desired_regions,
      employmentTypes: r.desired_employment_types,
      wageType: r.desired_wage_type,
      wageMin: r.desired_wage_min,
      workDays: r.desired_work_days,
      workHours: r.desired_work_hours,
      availableFrom: r.available_from,
    },
    careers: r.careers as ProfileInput['careers'],
    certificates: r.certificates,
    keywords: r.keywords,
    registeredAt: r.registered_at,
    externalId: r.external_id,
  };
}

/** Applies a patch to a locked row in the caller's transaction: consents first, then the profile. */
async function applyPatch(
  tx: Db,
  key: Buffer,
  actor: Actor,
  before: SeekerRow,
  patch: SeekerPatch,
  ip: string | null,
): Promise<SeekerResult> {
  await applyConsentFlags(tx, actor, before, patch.consent);
  const current = await tx
    .selectFrom('seekers')
    .selectAll()
    .where('id', '=', before.id)
    .executeTakeFirstOrThrow();
  const old = profileOf(key, current);
  const { consent: _c, counsellorId, desired, ...rest } = patch;
  const merged: ProfileInput = { ...old, ...rest, desired: { ...old.desired, ...desired } };
  const today = seoulToday();
  const { values, problems, warnings } = checkProfile(merged, {
    today,
    sensitiveConsent: current.consent_sensitive,
    // A record keeps the regions it was entered with, even after they were abolished.
    keepRegions: [old.regionCode, ...(old.desired.regions ?? [])],
    regionDate: today,
  });
  if (counsellorId !== undefined)
    problems.push(...(await checkCounsellor(tx, actor, current.centre_id, counsellorId)));
  if (problems.length) throw invalid(problems);
  const row = rowValues(key, values);
  if (
    values.name !== current.name ||
    values.birthDate !== current.birth_date ||
    row.phone_bi !== current.phone_bi
  ) {
    await lockIdentity(tx, values.name, values.birthDate, row.phone_bi);
    const dup = await findDuplicate(tx, seekerAccessSql(actor, 'view'), {
      name: values.name,
      birthDate: values.birthDate,
      phoneBi: row.phone_bi,
      exceptId: current.id,
    });
    if (dup) throw duplicateError(dup, true);
  }
  const titles = await counsellingTitlesOf(tx, current.id);
  const saved = await tx
    .updateTable('seekers')
    .set({
      ...row,
      ...(counsellorId !== undefined ? { counsellor_id: counsellorId } : {}),
      search_tokens: searchTokens(values, titles),
      updated_at: new Date(),
    })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(externalIdConflict);
  await recordSeekerAccess(tx, { actor, ip }, 'update', saved);
  return { seeker: presentSeeker(key, saved), warnings };
}

/** Changes a seeker's profile (staff of its centre subtree only). */
export async function updateSeeker(
  ctx: RequestContext,
  o: { id: string; patch: SeekerPatch; dataKey: Buffer },
) {
  const { db, actor, ip } = ctx;
  const { id, patch, dataKey: key } = o;
  return db
    .transaction()
    .execute(async (tx) =>
      applyPatch(
        tx,
        key,
        actor,
        (await requireSeeker({ db: tx, actor }, id, 'change', { lock: true })).seeker,
        patch,
        ip,
      ),
    );
}

async function ownRow(db: Db, actor: Actor, lock = false): Promise<SeekerRow> {
  if (!actor.seekerId) throw new DomainError('not_found', 'seeker.notLinked');
  let q = db.selectFrom('seekers').selectAll().where('id', '=', actor.seekerId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'seeker.notLinked');
  return row;
}

/** A seeker user's own profile (GET /me). */
export async function getOwnProfile(ctx: RequestContext, o: { dataKey: Buffer }) {
  const { db, actor, ip } = ctx;
  const key = o.dataKey;
  return db.transaction().execute(async (tx) => {
    const row = await ownRow(tx, actor);
    await recordSeekerAccess(tx, { actor, ip }, 'view', row);
    return presentSeeker(key, row);
  });
}

/** A seeker user changes their contact data, wishes, certificates, keywords and consents. */
export async function updateOwnProfile(ctx: RequestContext, o: { patch: SelfPatch; dataKey: Buffer }) {
  const { db, actor, ip } = ctx;
  const { patch, dataKey: key } = o;
  return db
    .transaction()
    .execute(async (tx) => applyPatch(tx, key, actor, await ownRow(tx, actor, true), patch, ip));
}
