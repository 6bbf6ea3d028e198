import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../platform/config.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import './accounts.messages.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { verifyTotp } from './totp.ts';

export const MAX_FAILURES = 5;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  userId: string;
  totpEnrolmentRequired: boolean;
}

/**
 * Password (+ TOTP) login. The 6th consecutive failure locks the account for
 * `config.lockoutMinutes`, even for the right password; the counter is updated atomically.
 */
export async function login(
  db: Db,
  config: Config,
  dataKey: Buffer,
  opts: { login: string; password: string; otp?: string; ip: string | null },
): Promise<LoginResult> {
  const user = await db
    .selectFrom('users')
    .leftJoin('centres', 'centres.id', 'users.centre_id')
    .select([
      'users.id',
      'users.password_hash',
      'users.disabled_at',
      'users.locked_until',
      'users.totp_enabled',
      'users.totp_secret',
      'users.role',
      'centres.totp_required',
    ])
    .where(sql<string>`lower(users.login)`, '=', opts.login.toLowerCase())
    .executeTakeFirst();
  if (!user) {
    await verifyPassword(await dummyHash(), opts.password);
    throw new DomainError('unauthenticated', 'auth.invalid');
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    throw new DomainError('unauthenticated', 'auth.locked', { minutes: config.lockoutMinutes });
  }
  const ok = (await verifyPassword(user.password_hash, opts.password)) && !user.disabled_at;
  if (!ok) {
    const r = await db
      .updateTable('users')
      .set({
        failed_logins: sql`CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_logins + 1 END`,
        locked_until: sql`CASE WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_logins + 1 END) > ${MAX_FAILURES}
          THEN now() + make_interval(mins => ${config.lockoutMinutes}) ELSE locked_until END`,
      })
      .where('id', '=', user.id)
      .returning(['locked_until'])
      .executeTakeFirst();
    if (r?.locked_until && new Date(r.locked_until) > new Date()) {
      throw new DomainError('unauthenticated', 'auth.locked', { minutes: config.lockoutMinutes });
    }
    throw new DomainError('unauthenticated', 'auth.invalid');
  }
  if (user.totp_enabled && user.totp_secret) {
    if (!opts.otp)
      throw new DomainError('unauthenticated', 'auth.otpRequired', {}, [
        { field: 'otp', key: 'auth.otpRequired' },
      ]);
    const secret = decryptField(dataKey, user.totp_secret)!;
    if (!verifyTotp(secret, opts.otp)) {
      throw new DomainError('unauthenticated', 'auth.otpInvalid', {}, [
        { field: 'otp', key: 'auth.otpInvalid' },
      ]);
    }
  }
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await tx
      .insertInto('sessions')
      .values({
        id: sha256(sessionToken),
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: new Date(Date.now() + config.sessionAbsoluteHours * 3600_000),
        ip: opts.ip,
      })
      .execute();
  });
  const totpEnrolmentRequired = !user.totp_enabled && (user.role === 'admin' || user.totp_required === true);
  return { sessionToken, csrfToken, userId: user.id, totpEnrolmentRequired };
}

/** Ends one session at once. */
export async function logout(db: Db, sessionToken: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(sessionToken)).execute();
}

/** Ends every session and token use of a user (account disabled, password changed). */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

async function centreScope(db: Db, role: Actor['role'], centreId: string | null): Promise<string[] | null> {
  if (role === 'admin') return null;
  if (!centreId) return [];
  const rows = await db
    .selectFrom('centres')
    .select('id')
    .where(sql<boolean>`path @> ARRAY[${centreId}]::uuid[]`)
    .execute();
  return rows.map((r) => r.id);
}

type UserRow = {
  id: string;
  login: string;
  name: string;
  role: Actor['role'];
  centre_id: string | null;
  employer_id: string | null;
  seeker_id: string | null;
};

async function toActor(db: Db, u: UserRow, via: Actor['via'], sessionId: string | null): Promise<Actor> {
  return {
    userId: u.id,
    login: u.login,
    name: u.name,
    role: u.role,
    centreId: u.centre_id,
    employerId: u.employer_id,
    seekerId: u.seeker_id,
    centreScope: await centreScope(db, u.role, u.centre_id),
    via,
    sessionId,
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
    .select([...userColumns, 'sessions.csrf_token', 'sessions.last_seen_at'])
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
  return { actor: await toActor(db, row, 'session', id), csrfToken: row.csrf_token };
}

/** Creates an API token acting with its owner's rights; only its hash is stored. */
export async function createToken(
  db: Db,
  actor: Actor,
  opts: { name: string; expiresInDays?: number },
): Promise<{ id: string; token: string; expiresAt: string | null }> {
  const token = `ilt_${randomBytes(32).toString('base64url')}`;
  const expiresAt = opts.expiresInDays ? new Date(Date.now() + opts.expiresInDays * 86_400_000) : null;
  const id = uuidv7();
  await db
    .insertInto('api_tokens')
    .values({ id, user_id: actor.userId, name: opts.name, token_hash: sha256(token), expires_at: expiresAt })
    .execute();
  return { id, token, expiresAt: expiresAt?.toISOString() ?? null };
}

/** Resolves `Authorization: Bearer <token>`. */
export async function resolveToken(db: Db, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...userColumns, 'api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', new Date())]),
    )
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
  return toActor(db, row, 'token', null);
}
