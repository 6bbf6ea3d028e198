import { sql } from 'kysely';
import { recordAccess, recordAccesses } from '../../platform/audit/access-log.ts';
import { blindIndex, decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { pageOf } from '../../platform/http/schemas.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { matchTokens, rankTokens } from '../../platform/search/sql.ts';
import { indexTokens } from '../../platform/search/tokenize.ts';
import { applyConsentFlags } from './consents.service.ts';
import './seekers.messages.ts';
import { presentSeeker } from './seekers.presenter.ts';
import {
  counsellingTitles,
  findDuplicate,
  findVisible,
  inFullScope,
  lockIdentity,
  nextRegistrationNo,
  requireFull,
  type SeekerRow,
  sharedItems,
  visibleTo,
} from './seekers.repository.ts';
import type { SeekerCreate, SeekerListQuery, SeekerPatch, SelfPatch } from './seekers.schema.ts';
import {
  checkProfile,
  type ProfileInput,
  type ProfileValues,
  profileSearchText,
  seoulToday,
} from './seekers.validate.ts';

type Channel = SeekerRow['channel'];

/** A written seeker and the warnings (masked RRNs) to show the user. */
export interface SeekerResult {
  seeker: ReturnType<typeof presentSeeker>;
  warnings: FieldProblem[];
}

function searchTokens(
  v: Pick<ProfileValues, 'name' | 'keywords' | 'certificates' | 'careers'>,
  titles: string[],
) {
  return indexTokens([profileSearchText(v), ...titles].join('\n'));
}

function rowValues(key: Buffer, v: ProfileValues) {
  return {
    name: v.name,
    birth_date: v.birthDate,
    phone_enc: encryptField(key, v.phone) as string,
    phone_bi: blindIndex(key, v.phone),
    email_enc: encryptField(key, v.email),
    address_enc: encryptField(key, v.address),
    region_code: v.regionCode,
    education_level: v.educationLevel,
    target_groups: v.targetGroups,
    desired_occupations: v.occupations,
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

function duplicateError(
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
function externalIdConflict(err: unknown): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint?.includes('external_id')) {
    throw new DomainError('conflict', 'seeker.externalIdTaken', {}, [
      { field: 'externalId', key: 'seeker.externalIdTaken' },
    ]);
  }
  throw err;
}

async function checkCounsellor(db: Db, actor: Actor | null, centreId: string, id: string | null | undefined) {
  if (!id) return [];
  const u = await db
    .selectFrom('users')
    .select(['id', 'centre_id'])
    .where('id', '=', id)
    .where('role', 'in', ['counsellor', 'manager', 'admin'])
    .executeTakeFirst();
  const scope = actor?.centreScope ?? null;
  const ok =
    u &&
    (u.centre_id === centreId || scope === null || (u.centre_id !== null && scope.includes(u.centre_id)));
  return ok ? [] : [{ field: 'counsellorId', key: 'user.notFound' }];
}

/**
 * Registers a seeker in the caller's transaction: validation naming every field, duplicate
 * check under an advisory lock on the person's identity, registration number, consents,
 * search tokens and one access-log row. `actor` is null for portal self-registration (the
 * duplicate answer then does not reveal the existing record).
 */
export async function insertSeeker(
  tx: Db,
  key: Buffer,
  actor: Actor | null,
  centreId: string,
  input: SeekerCreate,
  opts: { channel: Channel; ip: string | null },
): Promise<SeekerResult> {
  const today = seoulToday();
  const sensitive = input.consent?.sensitive === true;
  const { values, problems, warnings } = checkProfile(input, { today, sensitiveConsent: sensitive });
  problems.push(...(await checkCounsellor(tx, actor, centreId, input.counsellorId)));
  if (problems.length) throw invalid(problems);
  const row = rowValues(key, values);
  await lockIdentity(tx, values.name, values.birthDate, row.phone_bi);
  const dupActor: Actor = actor ?? anonymousAt(centreId);
  const dup = await findDuplicate(
    tx,
    dupActor,
    { name: values.name, birthDate: values.birthDate, phoneBi: row.phone_bi },
    today,
  );
  if (dup) throw duplicateError(dup, actor !== null);
  const id = uuidv7();
  const registrationNo = await nextRegistrationNo(tx, centreId, Number(values.registeredAt.slice(0, 4)));
  await tx
    .insertInto('seekers')
    .values({
      id,
      centre_id: centreId,
      registration_no: registrationNo,
      ...row,
      channel: opts.channel,
      counsellor_id: input.counsellorId ?? (actor?.role === 'counsellor' ? actor.userId : null),
      search_tokens: searchTokens(values, []),
      created_by: actor?.userId ?? null,
    })
    .execute()
    .catch(externalIdConflict);
  await applyConsentFlags(tx, actor, { id, centre_id: centreId }, input.consent);
  await recordAccess(tx, {
    actor,
    ip: opts.ip,
    action: 'create',
    subjectType: 'seeker',
    subjectId: id,
    centreId,
  });
  const saved = await tx.selectFrom('seekers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { seeker: presentSeeker(key, saved), warnings };
}

/** Someone registering on the portal: sees only the chosen centre for duplicate checks. */
function anonymousAt(centreId: string): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    login: '',
    name: '',
    role: 'counsellor',
    centreId,
    employerId: null,
    seekerId: null,
    centreScope: [centreId],
    via: 'session',
    sessionId: null,
  };
}

/**
 * Registers a seeker at the actor's centre (an admin names the centre; a centreId sent by
 * anyone else is ignored).
 */
export async function createSeeker(
  db: Db,
  key: Buffer,
  actor: Actor,
  input: SeekerCreate,
  opts: { ip: string | null; channel?: Channel },
): Promise<SeekerResult> {
  const centreId = actor.role === 'admin' ? (input.centreId ?? actor.centreId) : actor.centreId;
  if (!centreId) throw invalid([{ field: 'centreId', key: 'seeker.noCentre' }]);
  if (actor.role === 'admin') {
    const c = await db.selectFrom('centres').select('id').where('id', '=', centreId).executeTakeFirst();
    if (!c) throw invalid([{ field: 'centreId', key: 'seeker.centreUnknown' }]);
  }
  return db
    .transaction()
    .execute((tx) =>
      insertSeeker(tx, key, actor, centreId, input, { channel: opts.channel ?? 'counsellor', ip: opts.ip }),
    );
}

/** One seeker: in full for staff of its centre subtree, reduced when shared by consent. */
export async function getSeeker(db: Db, key: Buffer, actor: Actor, id: string, ip: string | null) {
  return db.transaction().execute(async (tx) => {
    const today = seoulToday();
    const row = await findVisible(tx, actor, id, today);
    if (!row) throw new DomainError('not_found', 'seeker.notFound');
    const { full, ...r } = row;
    await recordAccess(tx, {
      actor,
      ip,
      action: 'view',
      subjectType: 'seeker',
      subjectId: r.id,
      centreId: r.centre_id,
    });
    if (full) return presentSeeker(key, r);
    const items = (await sharedItems(tx, [r.id], today)).get(r.id) ?? new Set<string>();
    return presentSeeker(key, r, { mode: 'shared', items });
  });
}

/** Seekers the actor may see, filtered and searched; one access-log row per seeker shown. */
export async function listSeekers(db: Db, key: Buffer, actor: Actor, q: SeekerListQuery, ip: string | null) {
  const { page, pageSize, offset } = pageOf(q);
  const today = seoulToday();
  let base = db.selectFrom('seekers').where(visibleTo(actor, today));
  const match = q.q ? matchTokens('seekers.search_tokens', q.q) : undefined;
  if (match) base = base.where(match);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.care) base = base.where('care', '=', q.care);
  if (q.targetGroup)
    base = base.where(sql<boolean>`${q.targetGroup} = ANY(seekers.target_groups)`).where(inFullScope(actor));
  if (q.occupation) {
    base = base.where(
      sql<boolean>`EXISTS (SELECT 1 FROM unnest(seekers.desired_occupations) o WHERE o LIKE ${`${q.occupation.replace(/[%_\\]/g, '')}%`})`,
    );
  }
  if (q.regionCode) base = base.where('region_code', 'like', `${q.regionCode.replace(/[%_\\]/g, '')}%`);
  if (q.counsellorId) base = base.where('counsellor_id', '=', q.counsellorId);
  if (q.registeredFrom) base = base.where('registered_at', '>=', q.registeredFrom);
  if (q.registeredTo) base = base.where('registered_at', '<=', q.registeredTo);
  const rank = q.q ? rankTokens('seekers.search_tokens', q.q) : undefined;
  let rowsQ = base.selectAll().select(inFullScope(actor).as('full'));
  if (rank) rowsQ = rowsQ.orderBy(rank, 'desc');
  rowsQ = rowsQ.orderBy('registered_at', 'desc').orderBy('id', 'desc').offset(offset).limit(pageSize);
  return db.transaction().execute(async (tx) => {
    const [rows, total] = await Promise.all([
      rowsQ.execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const shared = await sharedItems(
      tx,
      rows.filter((r) => !r.full).map((r) => r.id),
      today,
    );
    await recordAccesses(
      tx,
      rows.map((r) => ({
        actor,
        ip,
        action: 'view' as const,
        subjectType: 'seeker',
        subjectId: r.id,
        centreId: r.centre_id,
      })),
    );
    const items = rows.map(({ full, ...r }) =>
      full
        ? presentSeeker(key, r)
        : presentSeeker(key, r, { mode: 'shared', items: shared.get(r.id) ?? new Set() }),
    );
    return { items, total: Number(total.n), page, pageSize };
  });
}

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
    const dup = await findDuplicate(
      tx,
      actor,
      { name: values.name, birthDate: values.birthDate, phoneBi: row.phone_bi, exceptId: current.id },
      today,
    );
    if (dup) throw duplicateError(dup, true);
  }
  const titles = await counsellingTitles(tx, current.id);
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
  await recordAccess(tx, {
    actor,
    ip,
    action: 'update',
    subjectType: 'seeker',
    subjectId: saved.id,
    centreId: saved.centre_id,
  });
  return { seeker: presentSeeker(key, saved), warnings };
}

/** Changes a seeker's profile (staff of its centre subtree only). */
export async function updateSeeker(
  db: Db,
  key: Buffer,
  actor: Actor,
  id: string,
  patch: SeekerPatch,
  ip: string | null,
) {
  return db
    .transaction()
    .execute(async (tx) => applyPatch(tx, key, actor, await requireFull(tx, actor, id, true), patch, ip));
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
export async function getOwnProfile(db: Db, key: Buffer, actor: Actor, ip: string | null) {
  return db.transaction().execute(async (tx) => {
    const row = await ownRow(tx, actor);
    await recordAccess(tx, {
      actor,
      ip,
      action: 'view',
      subjectType: 'seeker',
      subjectId: row.id,
      centreId: row.centre_id,
    });
    return presentSeeker(key, row);
  });
}

/** A seeker user changes their contact data, wishes, certificates, keywords and consents. */
export async function updateOwnProfile(
  db: Db,
  key: Buffer,
  actor: Actor,
  patch: SelfPatch,
  ip: string | null,
) {
  return db
    .transaction()
    .execute(async (tx) => applyPatch(tx, key, actor, await ownRow(tx, actor, true), patch, ip));
}

/**
 * Recomputes a seeker's search tokens (name, keywords, certificates, careers, counselling
 * titles). The counselling feature calls it after adding or changing a record, in its
 * transaction.
 */
export async function refreshSeekerSearch(db: Db, seekerId: string): Promise<void> {
  const r = await db
    .selectFrom('seekers')
    .select(['name', 'keywords', 'certificates', 'careers'])
    .where('id', '=', seekerId)
    .executeTakeFirst();
  if (!r) return;
  const careers = (r.careers ?? []) as ProfileValues['careers'];
  const tokens = searchTokens({ ...r, careers }, await counsellingTitles(db, seekerId));
  await db.updateTable('seekers').set({ search_tokens: tokens }).where('id', '=', seekerId).execute();
}

/**
 * The existing record of the same person (name + birth date + phone) that the actor can see,
 * or undefined; for importers that reject duplicates row by row before inserting.
 */
export async function findSeekerDuplicate(
  db: Db,
  key: Buffer,
  actor: Actor,
  k: { name: string; birthDate: string; phone: string },
): Promise<{ id: string; registrationNo: string } | undefined> {
  const d = await findDuplicate(
    db,
    actor,
    { name: k.name, birthDate: k.birthDate, phoneBi: blindIndex(key, k.phone) },
    seoulToday(),
  );
  return d ? { id: d.id, registrationNo: d.registration_no } : undefined;
}
