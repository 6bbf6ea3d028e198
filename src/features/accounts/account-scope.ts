import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import type { Actor, Role } from '../../platform/http/actor.ts';
import { departmentAccountCentres } from '../outreach/departments.service.ts';

/** Roles a manager may grant: staff of their own centre subtree, never admin. */
const managerGrants: readonly Role[] = [
  'manager',
  'counsellor',
  'outreach',
  'department',
  'employer',
  'seeker',
  'partner',
];

/**
 * Whose accounts an actor manages (creates, lists, reads, changes) — the one rule, for the API
 * and the users page alike. Null: every account (national admins). Otherwise the accounts of
 * the actor's centre subtree, and the 부서 담당자 accounts of the departments it may route to:
 * such an account's centre is its department's, often the district above the manager's centre
 * (departmentAccountCentres).
 */
export interface AccountScope {
  centres: readonly string[];
  departmentCentres: readonly string[];
}

export async function accountScope(db: Db, actor: Actor): Promise<AccountScope | null> {
  if (actor.centreScope === null) return null;
  const departmentCentres = await departmentAccountCentres(db, actor);
  return { centres: actor.centreScope, departmentCentres: departmentCentres ?? [] };
}

/** Whether an account of this role and centre lies in the scope (see accountScope). */
export function managesAccount(scope: AccountScope | null, role: Role, centreId: string | null): boolean {
  if (scope === null) return true;
  if (centreId === null) return false;
  return (role === 'department' ? scope.departmentCentres : scope.centres).includes(centreId);
}

/**
 * A manager grants roles below admin, for accounts it manages (accountScope). A new 부서 담당자's
 * department was checked first (departmentForAccount, the same centres); its centre is the
 * department's.
 */
export function checkGrant(
  actor: Actor,
  scope: AccountScope | null,
  role: Role,
  centreId: string | null,
): FieldProblem[] {
  if (actor.role === 'admin') return [];
  const out: FieldProblem[] = [];
  if (!managerGrants.includes(role)) out.push({ field: 'role', key: 'user.roleNotAllowed' });
  if (!managesAccount(scope, role, centreId)) out.push({ field: 'centreId', key: 'user.centreNotAllowed' });
  return out;
}

/** managesAccount as a condition on `users` (the list). */
export function manageableSql(scope: AccountScope) {
  return sql<boolean>`((role <> 'department' AND centre_id = ANY(${scope.centres}::uuid[]))
    OR (role = 'department' AND centre_id = ANY(${scope.departmentCentres}::uuid[])))`;
}
