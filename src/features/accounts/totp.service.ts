import QRCode from 'qrcode';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import './accounts.messages.ts';
import { needsSecondFactor } from './second-factor.ts';
import { openSession } from './sessions.service.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.ts';

function sessionActor(actor: Actor | null): Actor {
  if (actor?.via !== 'session' || !actor.sessionId) {
    throw new DomainError('unauthenticated', 'error.unauthenticated');
  }
  return actor;
}

/**
 * Starts (re-)enrolment of a TOTP second factor: a new secret waits, encrypted, until
 * `confirmTotpEnrolment`; a factor already enabled keeps working meanwhile.
 */
export async function startTotpEnrolment(
  db: Db,
  dataKey: Buffer,
  who: Actor | null,
): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
  const actor = sessionActor(who);
  const secret = newTotpSecret();
  await db
    .updateTable('users')
    .set({ totp_pending_secret: encryptField(dataKey, secret) })
    .where('id', '=', actor.userId)
    .execute();
  return enrolmentView(secret, actor.login);
}

async function enrolmentView(secret: string, login: string) {
  const uri = otpauthUri(secret, login);
  return { secret, otpauthUri: uri, qrDataUrl: await QRCode.toDataURL(uri) };
}

/**
 * The enrolment waiting for its code, read back from the server (a page shown again after a
 * wrong code never trusts a secret or QR code sent back by the browser); null when none waits.
 */
export async function pendingTotpEnrolment(
  db: Db,
  dataKey: Buffer,
  who: Actor | null,
): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string } | null> {
  const actor = sessionActor(who);
  const row = await db
    .selectFrom('users')
    .select('totp_pending_secret')
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  const secret = decryptField(dataKey, row?.totp_pending_secret);
  return secret ? enrolmentView(secret, actor.login) : null;
}

/**
 * Completes enrolment when `code` matches the waiting secret: the factor is switched on, every
 * session of the user ends (this one too) and a new full session is opened (a new session id on
 * a change of privilege). Answers the new cookie value and CSRF token.
 */
export async function confirmTotpEnrolment(
  db: Db,
  config: Config,
  dataKey: Buffer,
  who: Actor | null,
  opts: { code: string; ip: string | null },
): Promise<{ sessionToken: string; csrfToken: string }> {
  const actor = sessionActor(who);
  const wrong = () =>
    new DomainError('validation', 'auth.otpInvalid', {}, [{ field: 'code', key: 'auth.otpInvalid' }]);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('users')
      .select('totp_pending_secret')
      .where('id', '=', actor.userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const secret = decryptField(dataKey, row.totp_pending_secret);
    if (!secret || !verifyTotp(secret, opts.code)) throw wrong();
    await tx
      .updateTable('users')
      .set({ totp_secret: row.totp_pending_secret, totp_pending_secret: null, totp_enabled: true })
      .where('id', '=', actor.userId)
      .execute();
    await tx.deleteFrom('sessions').where('user_id', '=', actor.userId).execute();
    return openSession(tx, config, { userId: actor.userId, ip: opts.ip, pendingTotp: false });
  });
}

/**
 * Enrols a known secret at once, without the confirmation step: the configured first admin
 * (ILTEO_ADMIN_TOTP_SECRET) and test set-up.
 */
export async function setTotpFactor(db: Db, dataKey: Buffer, userId: string, secret: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: encryptField(dataKey, secret), totp_enabled: true, totp_pending_secret: null })
    .where('id', '=', userId)
    .execute();
}

/** True when the user must have a second factor (`needsSecondFactor`) and has none enabled. */
export async function mustEnrolTotp(db: Db, userId: string): Promise<boolean> {
  const u = await db
    .selectFrom('users')
    .leftJoin('centres', 'centres.id', 'users.centre_id')
    .select(['users.role', 'users.totp_enabled', 'centres.totp_required'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return !u.totp_enabled && needsSecondFactor(u.role, u.totp_required);
}
