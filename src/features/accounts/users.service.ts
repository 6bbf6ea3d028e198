import { type Selectable, sql } from 'kysely';
import { ConfigError } from '../../platform/config.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Actor, Role } from '../../platform/http/actor.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireEmployerServed } from '../employers/employers.service.ts';
import { departmentForAccount } from '../outreach/departments.service.ts';
import { seekerInScope } from '../seekers/lifecycle.service.ts';
import {
  type AccountScope,
  accountScope,
  checkGrant,
  manageableSql,
  managesAccount,
} from './account-scope.ts';
import type { UserTable } from './accounts.tables.ts';
import { officePhone } from './centres.service.ts';
import { hashPassword } from './password.ts';
import { passwordProblems } from './password-rules.ts';
import { accountCentre } from './sessions.service.ts';
import { setTotpFactor } from './totp.service.ts';

export { passwordProblems } from './password-rules.ts';

export interface UserInput {
  login: string;
  password: string;
  name: string;
  role: Role;
  centreId?: string | null;
  employerId?: string | null;
  seekerId?: string | null;
  /** a 부서 담당자's department (role `department` only); the account's centre is the department's */
  departmentId?: string | null;
  /** a staff member's work line; blank or null for none */
  workPhone?: string | null;
}

type UserRow = Pick<
  Selectable<UserTable>,
  | 'id'
  | 'login'
  | 'name'
  | 'role'
  | 'centre_id'
  | 'employer_id'
  | 'seeker_id'
  | 'department_id'
  | 'disabled_at'
  | 'totp_enabled'
  | 'work_phone'
>;
const cols = [
  'id',
  'login',
  'name',
  'role',
  'centre_id',
  'employer_id',
  'seeker_id',
  'department_id',
  'disabled_at',
  'totp_enabled',
  'work_phone',
] as const;

/** User as the API shows it: never the hash, the TOTP secret or the lock counters. */
export function presentUser(u: UserRow) {
  return {
    id: u.id,
    login: u.login,
    name: u.name,
    role: u.role,
    centreId: u.centre_id,
    employerId: u.employer_id,
    seekerId: u.seeker_id,
    departmentId: u.department_id,
    disabled: u.disabled_at !== null,
    totpEnabled: Boolean(u.totp_enabled),
    workPhone: u.work_phone,
  };
}

async function logPermission(
  db: Db,
  actorId: string | null,
  userId: string,
  change: string,
  before: unknown,
  after: unknown,
) {
  await db
    .insertInto('permission_log')
    .values({
      id: uuidv7(),
      actor_id: actorId,
      user_id: userId,
      centre_id: accountCentre(userId),
      change,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    })
    .execute();
}

/**
 * An account may be bound only to a record the creating actor acts for (issue 23): a seeker of
 * the actor's own centre subtree (`seekerInScope`: a seeker merely shared by consent does not
 * count; anything else answers 404, revealing nothing), an employer the actor's centre serves
 * (`requireEmployerServed`). Self-service sign-ups (no actor) bind the record they create.
 */
async function checkBinding(tx: Db, actor: Actor, input: UserInput) {
  if (input.seekerId) await seekerInScope(tx, actor, input.seekerId);
  if (input.employerId) await requireEmployerServed(tx, actor, input.employerId);
}

/** A seekerId belongs to a seeker's account, an employerId to an employer user's, a departmentId to a 부서 담당자's. */
function bindingProblems(input: UserInput): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (Boolean(input.departmentId) !== (input.role === 'department'))
    out.push({ field: 'departmentId', key: 'department.account' });
  if (input.seekerId && input.role !== 'seeker') out.push({ field: 'seekerId', key: 'user.bindingRole' });
  if (input.employerId && input.role !== 'employer')
    out.push({ field: 'employerId', key: 'user.bindingRole' });
  return out;
}

/** 400 for field problems; one alone gives the problem its specific code (`password.tooCommon`). */
function refuse(problems: FieldProblem[]): DomainError {
  const [one] = problems;
  return problems.length === 1 && one
    ? new DomainError('validation', one.key, one.params, problems)
    : invalid(problems);
}

const loginTaken = () =>
  new DomainError('conflict', 'auth.loginTaken', {}, [{ field: 'login', key: 'auth.loginTaken' }]);

/**
 * Creates an account in the caller's transaction (so a portal can create the record and its
 * user together): grant and password rules, the seeker or employer it is bound to must be one
 * the actor acts for (checkBinding), a taken login answers 409, and the grant is recorded in
 * the permission log (`grantDetail`, or role and centre by default).
 */
export async function insertUser(
  tx: Db,
  actor: Actor | null,
  input: UserInput & { grantDetail?: Record<string, unknown> },
) {
  // A 부서 담당자 belongs to its department's centre, whatever centre was sent (SECURITY.md 3).
  const department =
    input.role === 'department' && input.departmentId
      ? await departmentForAccount(tx, actor, input.departmentId)
      : null;
  const centreId = department ? department.centreId : (input.centreId ?? null);
  const workPhone = officePhone('workPhone', input.workPhone);
  const problems = [
    ...(workPhone.problem ? [workPhone.problem] : []),
    ...passwordProblems(input.password, input.login),
    ...(actor ? checkGrant(actor, await accountScope(tx, actor), input.role, centreId) : []),
  ];
  if (input.role !== 'admin' && input.role !== 'employer' && input.role !== 'seeker' && !centreId) {
    problems.push({ field: 'centreId', key: 'field.required' });
  }
  if (input.role === 'employer' && !input.employerId)
    problems.push({ field: 'employerId', key: 'user.employerRequired' });
  if (centreId) {
    const c = await tx.selectFrom('centres').select('id').where('id', '=', centreId).executeTakeFirst();
    if (!c) problems.push({ field: 'centreId', key: 'centre.notFound' });
  }
  problems.push(...bindingProblems(input));
  if (problems.some((p) => p.key === 'user.roleNotAllowed' || p.key === 'user.centreNotAllowed')) {
    throw new DomainError('forbidden', 'error.forbidden', {}, problems);
  }
  if (actor) await checkBinding(tx, actor, input);
  if (problems.length) throw refuse(problems);
  const taken = await tx
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(login)`, '=', input.login.toLowerCase())
    .executeTakeFirst();
  if (taken) throw loginTaken();
  const row = await tx
    .insertInto('users')
    .values({
      id: uuidv7(),
      login: input.login.trim(),
      password_hash: await hashPassword(input.password),
      name: input.name.trim(),
      role: input.role,
      centre_id: centreId,
      employer_id: input.employerId ?? null,
      seeker_id: input.seekerId ?? null,
      department_id: department?.id ?? null,
      work_phone: workPhone.value,
    })
    .returning(cols)
    .executeTakeFirstOrThrow()
    .catch((err: { code?: string }) => {
      if (err.code === '23505') throw loginTaken();
      throw err;
    });
  await logPermission(
    tx,
    actor?.userId ?? null,
    row.id,
    'grant',
    null,
    input.grantDetail ?? {
      role: row.role,
      centreId: row.centre_id,
      ...(row.department_id ? { departmentId: row.department_id } : {}),
    },
  );
  return presentUser(row);
}

/** Creates an account in a transaction of its own (see insertUser). */
export async function createUser(db: Db, actor: Actor | null, input: UserInput) {
  // Inside a caller's transaction (create-admin with a second factor) it joins that one.
  if (db.isTransaction) return insertUser(db, actor, input);
  return db.transaction().execute((tx) => insertUser(tx, actor, input));
}

async function findVisible(db: Db, actor: Actor, id: string, scope: AccountScope | null) {
  const row = await db.selectFrom('users').select(cols).where('id', '=', id).executeTakeFirst();
  if (!row || (actor.role !== 'admin' && !managesAccount(scope, row.role, row.centre_id))) {
    throw new DomainError('not_found', 'user.notFound');
  }
  return row;
}

export async function getUser(db: Db, actor: Actor, id: string) {
  return presentUser(await findVisible(db, actor, id, await accountScope(db, actor)));
}

/** The signed-in user's own account, as the API shows it (login answer, GET /auth/me). */
export async function getOwnUser(db: Db, userId: string) {
  const row = await db.selectFrom('users').select(cols).where('id', '=', userId).executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'user.notFound');
  return presentUser(row);
}

export async function listUsers(db: Db, actor: Actor, opts: { offset: number; limit: number; role?: Role }) {
  const scope = await accountScope(db, actor);
  let q = db.selectFrom('users');
  if (scope !== null) q = q.where(manageableSql(scope));
  if (opts.role) q = q.where('role', '=', opts.role);
  const [rows, total] = await Promise.all([
    q.select(cols).orderBy('login').offset(opts.offset).limit(opts.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentUser), total: Number(total.n) };
}

export interface UserPatch {
  name?: string;
  role?: Role;
  centreId?: string;
  disabled?: boolean;
  password?: string;
  /** clears a lockout after wrong passwords or codes (the admin screen's 잠금 해제) */
  unlock?: boolean;
  /** the work line printed on the 알선장; blank or null clears it */
  workPhone?: string | null;
}

/**
 * Changes an account. Role, centre and disabling are permission changes and are logged;
 * disabling, a new password, a new role or centre end the user's sessions and revoke its API
 * tokens at once, in the same UPDATE (trigger of migration 9200).
 */
export async function updateUser(db: Db, actor: Actor, id: string, patch: UserPatch) {
  const scope = await accountScope(db, actor);
  const before = await findVisible(db, actor, id, scope);
  const role = patch.role ?? before.role;
  const centreId = patch.centreId ?? before.centre_id;
  const workPhone = officePhone('workPhone', patch.workPhone);
  const problems = [
    ...(workPhone.problem ? [workPhone.problem] : []),
    ...(patch.password !== undefined ? passwordProblems(patch.password, before.login) : []),
  ];
  if (patch.role !== undefined || patch.centreId !== undefined)
    problems.push(...checkGrant(actor, scope, role, centreId));
  if (before.role === 'admin' && actor.role !== 'admin')
    problems.push({ field: 'role', key: 'user.roleNotAllowed' });
  // A 부서 담당자 stays bound to its department and the department's centre: such an account
  // is made new, never turned into or out of another role.
  if ((role === 'department') !== (before.role === 'department'))
    problems.push({ field: 'role', key: 'user.departmentRole' });
  else if (before.role === 'department' && centreId !== before.centre_id)
    problems.push({ field: 'centreId', key: 'user.departmentRole' });
  if (problems.some((p) => p.key === 'user.roleNotAllowed' || p.key === 'user.centreNotAllowed')) {
    throw new DomainError('forbidden', 'error.forbidden', {}, problems);
  }
  if (problems.length) throw refuse(problems);
  const hash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('users')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.workPhone !== undefined ? { work_phone: workPhone.value } : {}),
        role,
        centre_id: centreId,
        ...(patch.disabled !== undefined ? { disabled_at: patch.disabled ? new Date() : null } : {}),
        ...(hash || patch.unlock ? { failed_logins: 0, locked_until: null } : {}),
        ...(hash ? { password_hash: hash } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returning(cols)
      .executeTakeFirstOrThrow();
    const changed = before.role !== row.role || before.centre_id !== row.centre_id;
    if (changed) {
      await logPermission(
        tx,
        actor.userId,
        id,
        'change',
        { role: before.role, centreId: before.centre_id },
        { role: row.role, centreId: row.centre_id },
      );
    }
    if (patch.disabled !== undefined && Boolean(before.disabled_at) !== patch.disabled) {
      await logPermission(tx, actor.userId, id, patch.disabled ? 'revoke' : 'grant', null, {
        disabled: patch.disabled,
      });
    }
    return presentUser(row);
  });
}

/**
 * The first admin from ILTEO_ADMIN_* when no user exists yet (false when users exist), with
 * its TOTP second factor enrolled when a secret is given.
 */
export async function ensureFirstAdmin(
  db: Db,
  dataKey: Buffer,
  admin: { login: string; password: string; totpSecret: string | null },
): Promise<boolean> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const [weak] = passwordProblems(admin.password, admin.login);
  if (weak) throw new ConfigError('ILTEO_ADMIN_PASSWORD', `${t('ko', weak.key)} / ${t('en', weak.key)}`);
  try {
    const user = await createUser(db, null, {
      login: admin.login,
      password: admin.password,
      name: '시스템 관리자',
      role: 'admin',
    });
    if (admin.totpSecret) await setTotpFactor(db, dataKey, user.id, admin.totpSecret);
    return true;
  } catch (err) {
    // Another process created it at the same moment.
    if (err instanceof DomainError && err.code === 'conflict') return false;
    throw err;
  }
}
