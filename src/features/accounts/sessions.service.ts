import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../platform/config.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import './accounts.messages.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { needsSecondFactor } from './second-factor.ts';
import { verifyTotp } from './totp.ts';

export const MAX_FAILURES = 5;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * The centre an account's rows belong to (migration 9700's account_centre: the staff member's,
 * the employer account's employer's or the seeker account's seeker's centre; null for a national
 * admin). Sessions, tokens and permission changes carry it; a trigger checks it.
 */
export function accountCentre(userId: string) {
  return sql<string | null>`account_centre(${userId})`;
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  userId: string;
  /** The user must have a second factor and has none: the session may only enrol one. */
  totpEnrolmentRequired: boolean;
}

/**
 * Counts one failed login; the 6th consecutive failure locks the account for
 * `config.lockoutMinutes` (a lock that has run out starts the count afresh). Answers whether
 * the account is locked now.
 */
async function failedLogin(db: Db, config: Config, userId: string): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({
      failed_logins: sql`CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_logins + 1 END`,
      locked_until: sql`CASE WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_logins + 1 END) > ${MAX_FAILURES}
          THEN now() + make_interval(mins => ${config.lockoutMinutes}) ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .returning(['locked_until'])
    .executeTakeFirst();
  return Boolean(r?.locked_until && new Date(r.locked_until) > new Date());
}

/**
 * The one answer of the password step to an unknown login, a wrong password, a disabled or a
 * locked account: the same status, code and words (naming the lockout rule), so it tells no
 * one which logins exist or are locked (issue 23).
 */
function refused(config: Config): DomainError {
  return new DomainError('unauthenticated', 'auth.invalid', { minutes: config.lockoutMinutes });
}

const isLocked = (user: Pick<LoginRow, 'locked_until'>) =>
  Boolean(user.locked_until && new Date(user.locked_until) > new Date());

/**
 * Stores a new session (only the hash of its id) and answers the cookie value and its CSRF
 * token. `pendingTotp` restricts it to second-factor enrolment.
 */
export async function openSession(
  db: Db,
  config: Config,
  opts: { userId: string; ip: string | null; pendingTotp: boolean },
): Promise<{ sessionToken: string; csrfToken: string }> {
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id: sha256(sessionToken),
      user_id: opts.userId,
      centre_id: accountCentre(opts.userId),
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + config.sessionAbsoluteHours * 3600_000),
      ip: opts.ip,
      pending_totp: opts.pendingTotp,
    })
    .execute();
  return { sessionToken, csrfToken };
}

/** A user whose password has just been checked: what the second step needs. */
export interface PasswordChecked {
  id: string;
  role: Actor['role'];
  /** The enabled second factor's secret (encrypted), or null without one. */
  totpSecret: string | null;
  centreRequiresTotp: boolean | null;
}

const loginColumns = [
  'users.id',
  'users.password_hash',
  'users.disabled_at',
  'users.locked_until',
  'users.totp_enabled',
  'users.totp_secret',
  'users.role',
  'centres.totp_required',
] as const;

function loginUsers(db: Db) {
  return db.selectFrom('users').leftJoin('centres', 'centres.id', 'users.centre_id').select(loginColumns);
}

type LoginRow = Awaited<ReturnType<ReturnType<typeof loginUsers>['executeTakeFirstOrThrow']>>;

function checked(user: LoginRow): PasswordChecked {
  return {
    id: user.id,
    role: user.role,
    totpSecret: user.totp_enabled ? user.totp_secret : null,
    centreRequiresTotp: user.totp_required,
  };
}

/**
 * First step of a login: the password. The 6th consecutive failure locks the account for
 * `config.lockoutMinutes`, even for the right password; the counter is updated atomically.
 * Unknown, wrong, disabled and locked all answer `refused`.
 */
export async function checkPassword(
  db: Db,
  config: Config,
  opts: { login: string; password: string },
): Promise<PasswordChecked> {
  const user = await loginUsers(db)
    .where(sql<string>`lower(users.login)`, '=', opts.login.toLowerCase())
    .executeTakeFirst();
  // Every path verifies one hash, so the time taken does not tell the cases apart either.
  const right = await verifyPassword(user?.password_hash ?? (await dummyHash()), opts.password);
  if (!user || isLocked(user)) throw refused(config);
  if (!right || user.disabled_at) {
    await failedLogin(db, config, user.id);
    throw refused(config);
  }
  return checked(user);
}

/**
 * The user of a login whose password was checked moments ago (the web's code step), checked
 * again for a lock or a disabled account in between.
 */
export async function passwordCheckedUser(db: Db, config: Config, userId: string): Promise<PasswordChecked> {
  const user = await loginUsers(db).where('users.id', '=', userId).executeTakeFirst();
  if (!user || user.disabled_at) throw refused(config);
  // The code step comes after the right password: saying the account is locked reveals nothing.
  if (isLocked(user))
    throw new DomainError('unauthenticated', 'auth.locked', { minutes: config.lockoutMinutes });
  return checked(user);
}

/**
 * Second step: the TOTP code when the user has a factor (a wrong code counts like a wrong
 * password), then a new session. A user who must have a factor (`needsSecondFactor`) and has
 * none gets a session restricted to enrolling one.
 */
export async function completeLogin(
  db: Db,
  config: Config,
  dataKey: Buffer,
  user: PasswordChecked,
  opts: { otp?: string; ip: string | null },
): Promise<LoginResult> {
  if (user.totpSecret) {
    if (!opts.otp)
      throw new DomainError('unauthenticated', 'auth.otpRequired', {}, [
        { field: 'otp', key: 'auth.otpRequired' },
      ]);
    const secret = decryptField(dataKey, user.totpSecret)!;
    if (!verifyTotp(secret, opts.otp)) {
      // After the right password, a lock may be named.
      throw (await failedLogin(db, config, user.id))
        ? new DomainError('unauthenticated', 'auth.locked', { minutes: config.lockoutMinutes })
        : new DomainError('unauthenticated', 'auth.otpInvalid', {}, [
            { field: 'otp', key: 'auth.otpInvalid' },
          ]);
    }
  }
  const totpEnrolmentRequired = !user.totpSecret && needsSecondFactor(user.role, user.centreRequiresTotp);
  const session = await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    return openSession(tx, config, { userId: user.id, ip: opts.ip, pendingTotp: totpEnrolmentRequired });
  });
  return { ...session, userId: user.id, totpEnrolmentRequired };
}

/** Password (+ TOTP) login in one call: `checkPassword`, then `completeLogin`. */
export async function login(
  db: Db,
  config: Config,
  dataKey: Buffer,
  opts: { login: string; password: string; otp?: string; ip: string | null },
): Promise<LoginResult> {
  const user = await checkPassword(db, config, opts);
  return completeLogin(db, config, dataKey, user, opts);
}

/** Ends one session at once. */
export async function logout(db: Db, sessionToken: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(sessionToken)).execute();
}

/**
 * The centres in a user's scope (its centre and those below it), read in the same statement as
 * the session or token: one round trip fewer on every request.
 */
const scopeIds = sql<
  string[] | null
>`(SELECT array_agg(c.id) FROM centres c WHERE c.path @> ARRAY[users.centre_id])`.as('scope_ids');

function centreScope(role: Actor['role'], centreId: string | null, ids: string[] | null): string[] | null {
  if (role === 'admin') return null;
  // A 부서 담당자 reads requests by its department alone, never a centre's records.
  if (role === 'department') return [];
  if (!centreId) return [];
  return ids ?? [];
}

type UserRow = {
  id: string;
  login: string;
  name: string;
  role: Actor['role'];
  centre_id: string | null;
  employer_id: string | null;
  seeker_id: string | null;
  department_id: string | null;
  totp_enabled: boolean;
  totp_required: boolean | null;
};

/**
 * The actor of a user. `pendingTotp` (a session opened without a second factor) or a user who
 * must have one and has none (also when the centre turned the requirement on later) restricts
 * it to enrolment; such an actor is given no centre scope either.
 */
function toActor(
  u: UserRow & { scope_ids: string[] | null },
  via: Actor['via'],
  sessionId: string | null,
  pendingTotp = false,
): Actor {
  const totpEnrolmentRequired =
    pendingTotp || (!u.totp_enabled && needsSecondFactor(u.role, u.totp_required));
  return {
    userId: u.id,
    login: u.login,
    name: u.name,
    role: u.role,
    centreId: u.centre_id,
    employerId: u.employer_id,
    seekerId: u.seeker_id,
    departmentId: u.department_id,
    centreScope: totpEnrolmentRequired ? [] : centreScope(u.role, u.centre_id, u.scope_ids),
    via,
    sessionId,
    totpEnrolmentRequired,
  };
}

const userColumns = [
  'users.id',
  'users.login',
  'users.name',
  'users.role',
  'users.centre_id',
  'users.employer_id',
  'users.seeker_id',
  'users.department_id',
  'users.totp_enabled',
  'centres.totp_required',
] as const;

/**
 * Resolves a session cookie: valid while younger than the absolute limit and used within the
 * idle limit, for an enabled user. Returns the actor and the session's CSRF token.
 */
export async function resolveSession(
  db: Db,
  config: Config,
  sessionToken: string,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const id = sha256(sessionToken);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('centres', 'centres.id', 'users.centre_id')
    .leftJoin('centres as home', 'home.id', 'sessions.centre_id')
    .select([
      ...userColumns,
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.pending_totp',
      'home.name as home_name',
      'home.phone as home_phone',
      scopeIds,
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', new Date())
    .where('sessions.last_seen_at', '>', new Date(Date.now() - config.sessionIdleMinutes * 60_000))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  // Touch at most once a minute: the idle limit needs no finer grain, the database fewer writes.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
  }
  const actor = toActor(row, 'session', id, row.pending_totp);
  actor.homeCentre = row.home_name ? { name: row.home_name, phone: row.home_phone } : null;
  return { actor, csrfToken: row.csrf_token };
}

/**
 * Resolves `Authorization: Bearer <token>`: not revoked, not expired, of an enabled user (a
 * change of password, role or centre, or a disable, revokes a user's tokens: migration 9200).
 */
export async function resolveToken(db: Db, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('centres', 'centres.id', 'users.centre_id')
    .select([...userColumns, 'api_tokens.id as token_id', 'api_tokens.last_used_at', scopeIds])
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', new Date())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date() })
      .where('id', '=', row.token_id)
      .execute();
  }
  return toActor(row, 'token', null);
}

/**
 * The actor of an enabled account acting through another credential kind (a partner key of
 * features/partners): the same actor a token of that account would give, with its centre
 * scope; null when the account is disabled or unknown.
 */
export async function accountActor(db: Db, userId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('users')
    .leftJoin('centres', 'centres.id', 'users.centre_id')
    .select([...userColumns, scopeIds])
    .where('users.id', '=', userId)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? toActor(row, 'token', null) : null;
}
