import { type Selectable, sql } from 'kysely';
import { isValidCode } from '../../codes/codes.ts';
import { can, inScope } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/pool.ts';
import { normalisePhone } from '../../platform/domain/validate.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { CentreTable } from './accounts.tables.ts';

export interface CentreInput {
  name: string;
  kind: CentreTable['kind'];
  parentId?: string | null;
  regionCode: string;
  phone?: string | null;
}

type CentreRow = Pick<
  Selectable<CentreTable>,
  'id' | 'name' | 'kind' | 'parent_id' | 'region_code' | 'totp_required' | 'phone'
>;

/** Centre as the API shows it. */
export function presentCentre(c: CentreRow) {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    parentId: c.parent_id,
    regionCode: c.region_code,
    totpRequired: Boolean(c.totp_required),
    phone: c.phone,
  };
}

const cols = ['id', 'name', 'kind', 'parent_id', 'region_code', 'totp_required', 'phone'] as const;

/**
 * A centre's or a staff member's office number: blank clears it (null), otherwise the
 * normalised form, or a problem naming the field (`field.phone`).
 */
export function officePhone(
  field: string,
  raw: string | null | undefined,
): { value: string | null; problem?: FieldProblem } {
  if (raw === null || raw === undefined || !raw.trim()) return { value: null };
  const value = normalisePhone(raw);
  return value ? { value } : { value: null, problem: { field, key: 'field.phone' } };
}

/** Adds a centre under its parent (province → city → centre; partners anywhere). */
export async function createCentre(db: Db, input: CentreInput) {
  const problems: FieldProblem[] = [];
  const phone = officePhone('phone', input.phone);
  if (phone.problem) problems.push(phone.problem);
  if (!isValidCode('regions', input.regionCode)) {
    problems.push({ field: 'regionCode', key: 'field.code', params: { code: input.regionCode } });
  }
  let path: string[] = [];
  if (input.parentId) {
    const parent = await db
      .selectFrom('centres')
      .select(['path', 'kind'])
      .where('id', '=', input.parentId)
      .executeTakeFirst();
    if (!parent) problems.push({ field: 'parentId', key: 'centre.notFound' });
    else if (parent.kind === 'centre' && input.kind !== 'centre' && input.kind !== 'agency') {
      problems.push({ field: 'parentId', key: 'centre.parentKind' });
    } else path = parent.path;
  }
  if (problems.length) throw invalid(problems);
  const id = uuidv7();
  const row = await db
    .insertInto('centres')
    .values({
      id,
      name: input.name.trim(),
      kind: input.kind,
      parent_id: input.parentId ?? null,
      region_code: input.regionCode,
      phone: phone.value,
      path: sql<string[]>`${[...path, id]}::uuid[]`,
    })
    .returning(cols)
    .executeTakeFirstOrThrow();
  return presentCentre(row);
}

/** Centres are not personal data: staff see the whole tree to choose partners. */
export async function listCentres(db: Db, opts: { offset: number; limit: number; parentId?: string }) {
  let q = db.selectFrom('centres');
  if (opts.parentId) q = q.where('parent_id', '=', opts.parentId);
  const [rows, total] = await Promise.all([
    q.select(cols).orderBy('path').offset(opts.offset).limit(opts.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentCentre), total: Number(total.n) };
}

/**
 * The centres of the reader's scope in tree order, each with its depth below the shown roots
 * (a manager's own centre is a root), and the number of enabled staff accounts of each.
 */
export async function scopedCentreTree(db: Db, actor: Actor) {
  const rows = await db
    .selectFrom('centres as c')
    .select([...cols.map((k) => `c.${k}` as const)])
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('u.centre_id', '=', 'c.id')
        .where('u.disabled_at', 'is', null)
        .where('u.role', 'in', ['admin', 'manager', 'counsellor', 'outreach'])
        .as('staff'),
    )
    .orderBy('c.path')
    .execute();
  const all = rows.filter((c) => inScope(actor, c.id));
  const ids = new Set(all.map((c) => c.id));
  const depth = new Map<string, number>();
  for (const c of all) {
    const parent = c.parent_id && ids.has(c.parent_id) ? depth.get(c.parent_id) : undefined;
    depth.set(c.id, parent === undefined ? 0 : parent + 1);
  }
  return all.map((c) => ({ ...presentCentre(c), depth: depth.get(c.id) ?? 0, staff: Number(c.staff ?? 0) }));
}

export async function getCentre(db: Db, id: string) {
  const row = await db.selectFrom('centres').select(cols).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'centre.notFound');
  return presentCentre(row);
}

/** Per-centre switch: staff of this centre must log in with TOTP (set-up and tests; the API goes through updateCentre). */
export async function setCentreTotp(db: Db, id: string, required: boolean) {
  const row = await db
    .updateTable('centres')
    .set({ totp_required: required, updated_at: new Date() })
    .where('id', '=', id)
    .returning(cols)
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'centre.notFound');
  return presentCentre(row);
}

export interface CentrePatch {
  /** staff of this centre must log in with TOTP (admins only) */
  totpRequired?: boolean;
  /** the main number printed on the 알선장; blank or null clears it */
  phone?: string | null;
}

/**
 * Changes a centre's settings: the TOTP switch is for admins (`centres.manage`); the phone is
 * for admins and the managers of the centre's subtree (`centres.settings`). Another centre
 * answers 404, as a centre outside the reader's scope does elsewhere.
 */
export async function updateCentre(db: Db, actor: Actor, id: string, patch: CentrePatch) {
  if (patch.totpRequired !== undefined && !can(actor, 'centres.manage'))
    throw new DomainError('forbidden', 'error.forbidden');
  if (patch.phone !== undefined && !can(actor, 'centres.settings'))
    throw new DomainError('forbidden', 'error.forbidden');
  if (!inScope(actor, id)) throw new DomainError('not_found', 'centre.notFound');
  const phone = officePhone('phone', patch.phone);
  if (phone.problem) throw invalid([phone.problem]);
  const row = await db
    .updateTable('centres')
    .set({
      ...(patch.totpRequired !== undefined ? { totp_required: patch.totpRequired } : {}),
      ...(patch.phone !== undefined ? { phone: phone.value } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning(cols)
    .executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'centre.notFound');
  return presentCentre(row);
}

// Lookups other features make of the centre tree (they call these instead of reading `centres`).

/** True when the centre exists. */
export async function centreExists(db: Db, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('centres').select('id').where('id', '=', id).executeTakeFirst());
}

/**
 * A centre a record may be filed under: in the actor's scope and existing. An admin's scope is
 * every centre, so for an admin the id must be looked up (else a made-up id reaches the insert
 * and its foreign key answers 500).
 */
export async function centreInScope(db: Db, actor: Actor, id: string): Promise<boolean> {
  if (!inScope(actor, id)) return false;
  return actor.centreScope !== null || centreExists(db, id);
}

/** The ids of a centre and every centre below it (empty when the centre does not exist). */
export async function centreSubtreeIds(db: Db, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('centres')
    .select('id')
    .where(sql<boolean>`path @> ARRAY[${id}]::uuid[]`)
    .execute();
  return rows.map((r) => r.id);
}

/** Centre names by id (ids that do not exist are left out). */
export async function centreNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('centres').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((c) => [c.id, c.name]));
}

/**
 * The centre that takes a record registered without a staff member (portal signup, admin):
 * the most specific centre for the region (same 시군구, then same 시도), else the first
 * province-level centre; null when there is no centre at all.
 */
export async function centreForRegion(db: Db, regionCode: string): Promise<string | null> {
  const row = await db
    .selectFrom('centres')
    .select('id')
    .orderBy(sql`CASE WHEN region_code = ${regionCode} THEN 0
      WHEN left(region_code, 2) = ${regionCode.slice(0, 2)} THEN 1 ELSE 2 END`)
    .orderBy(sql`CASE kind WHEN 'centre' THEN 0 WHEN 'city' THEN 1 WHEN 'province' THEN 2 ELSE 3 END`)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The first province-level centre (else the oldest centre); null when there is none. */
export async function topCentre(db: Db): Promise<string | null> {
  const c = await db
    .selectFrom('centres')
    .select('id')
    .orderBy(sql`CASE kind WHEN 'province' THEN 0 ELSE 1 END`)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return c?.id ?? null;
}

/** A centre and its ancestors with their settings, the centre itself first. */
export async function centreChainSettings(db: Db, id: string): Promise<{ id: string; settings: unknown }[]> {
  return db
    .selectFrom('centres as c')
    .innerJoin('centres as me', (j) => j.on(sql<boolean>`c.id = ANY(me.path)`))
    .select(['c.id', 'c.settings', sql<number>`array_position(me.path, c.id)`.as('depth')])
    .where('me.id', '=', id)
    .orderBy('depth', 'desc')
    .execute();
}

/** Merges one section of a centre's settings (e.g. totalCare); false when the centre does not exist. */
export async function mergeCentreSettings(
  db: Db,
  id: string,
  section: string,
  values: Record<string, unknown>,
): Promise<boolean> {
  const row = await db
    .updateTable('centres')
    .set({
      settings: sql`settings || jsonb_build_object(${section}::text, coalesce(settings->${section}::text, '{}'::jsonb) || ${JSON.stringify(values)}::jsonb)`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** Centres a visitor can choose when registering (not personal data). */
export async function publicCentres(db: Db, opts: { offset: number; limit: number }) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('centres')
      .select(['id', 'name', 'kind', 'region_code'])
      .orderBy('path')
      .offset(opts.offset)
      .limit(opts.limit)
      .execute(),
    db
      .selectFrom('centres')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, regionCode: r.region_code })),
    total: Number(total.n),
  };
}
