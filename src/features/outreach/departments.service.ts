import { sql } from 'kysely';
import { authorize } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { centreChainSettings } from '../accounts/centres.service.ts';
import { recordCentre } from './visits.service.ts';
import './outreach.messages.ts';

/**
 * Centres whose departments the actor may route to: its own centres and the centres above its
 * own (a 구 office's departments serve the centres of the district). Null: all (national admins).
 */
async function reachableCentres(ctx: Pick<RequestContext, 'db'>, actor: Actor): Promise<string[] | null> {
  if (actor.centreScope === null) return null;
  const chain = actor.centreId ? await centreChainSettings(ctx.db, actor.centreId) : [];
  return [...new Set([...actor.centreScope, ...chain.map((c) => c.id)])];
}

function present(d: { id: string; centre_id: string; name: string; phone: string | null }) {
  return { id: d.id, centreId: d.centre_id, name: d.name, phone: d.phone };
}

/** Adds a department of the actor's city or district (API: POST /departments). */
export async function createDepartment(
  ctx: RequestContext,
  o: { name: string; phone?: string | null; centreId?: string },
) {
  authorize(ctx.actor, 'departments.manage');
  const centreId = await recordCentre(ctx.db, ctx.actor, o.centreId);
  const name = o.name.trim();
  if (!name) throw invalid([{ field: 'name', key: 'field.required' }]);
  const row = await ctx.db
    .insertInto('departments')
    .values({
      id: uuidv7(),
      centre_id: centreId,
      name,
      phone: o.phone?.trim() || null,
      created_by: ctx.actor.userId,
    })
    .onConflict((oc) => oc.columns(['centre_id', 'name']).doNothing())
    .returning(['id', 'centre_id', 'name', 'phone'])
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('conflict', 'department.duplicate', {}, [
      { field: 'name', key: 'department.duplicate' },
    ]);
  }
  return present(row);
}

/** Departments the actor may route requests to, by name (API: GET /departments). */
export async function listDepartments(ctx: RequestContext) {
  authorize(ctx.actor, 'outreach.read');
  const centres = await reachableCentres(ctx, ctx.actor);
  const rows = await ctx.db
    .selectFrom('departments')
    .select(['id', 'centre_id', 'name', 'phone'])
    .$if(centres !== null, (q) => q.where(sql<boolean>`centre_id = ANY(${centres ?? []}::uuid[])`))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(present);
}

/** A department the actor may route to (404 naming departmentId otherwise). */
export async function requireDepartment(ctx: RequestContext, id: string) {
  const d = await ctx.db
    .selectFrom('departments')
    .select(['id', 'centre_id', 'name', 'phone'])
    .where('id', '=', id)
    .executeTakeFirst();
  const centres = await reachableCentres(ctx, ctx.actor);
  if (!d || (centres !== null && !centres.includes(d.centre_id))) {
    throw new DomainError('not_found', 'department.notFound', {}, [
      { field: 'departmentId', key: 'department.notFound' },
    ]);
  }
  return present(d);
}

/**
 * Centres whose departments' 부서 담당자 accounts the actor may give and manage: those of the
 * departments it may route to (null: all). The accounts feature's one rule of whose accounts an
 * actor manages reads this (`accountScope` in accounts/users.service.ts).
 */
export function departmentAccountCentres(db: Db, actor: Actor): Promise<string[] | null> {
  return reachableCentres({ db }, actor);
}

/**
 * Departments an account manager may give a 부서 담당자 account (the users screen and
 * POST /users with role `department`): a national admin any, a manager those it may route to.
 */
export async function departmentsForAccounts(db: Db, actor: Actor) {
  const centres = await departmentAccountCentres(db, actor);
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'centre_id', 'name', 'phone'])
    .$if(centres !== null, (q) => q.where(sql<boolean>`centre_id = ANY(${centres ?? []}::uuid[])`))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(present);
}

/**
 * The department a new 부서 담당자 account is bound to, when the actor may grant it (404 naming
 * departmentId otherwise; a null actor is the command line or the demo seed); the account's
 * centre is the department's.
 */
export async function departmentForAccount(db: Db, actor: Actor | null, id: string) {
  const d = await db
    .selectFrom('departments')
    .select(['id', 'centre_id', 'name', 'phone'])
    .where('id', '=', id)
    .executeTakeFirst();
  const centres = actor ? await departmentAccountCentres(db, actor) : null;
  if (!d || (centres !== null && !centres.includes(d.centre_id))) {
    throw new DomainError('not_found', 'department.notFound', {}, [
      { field: 'departmentId', key: 'department.notFound' },
    ]);
  }
  return present(d);
}

/** Department names by id (the users screen shows a 부서 담당자's department). */
export async function departmentNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where(sql<boolean>`id = ANY(${[...new Set(ids)]}::uuid[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
