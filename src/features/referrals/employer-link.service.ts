import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { findCode } from '../../codes/codes.ts';
import { occupationName } from '../../codes/occupations.ts';
import { recordAccess } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { conflict, DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { postingTitle } from '../postings/posting-lookups.service.ts';
import { applicantProfile } from '../seekers/applicant.service.ts';
import { changeStatus } from './referral-status.service.ts';
import { getReferral, TRANSITIONS } from './referrals.service.ts';
import type { ReferralStatus } from './referrals.tables.ts';

/** Default lifetime of an employer link. */
export const LINK_DAYS = 14;
/** What an employer may answer through a link. */
export const LINK_ANSWERS = ['interview', 'hired', 'rejected', 'no_show'] as const;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
// 128-bit HMAC tag: ample against forgery and keeps the link under Fastify's 100-char param limit.
const sign = (key: Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest().subarray(0, 16).toString('base64url');

/** The form binding (CSRF) of a token: only someone who holds the token can post the form. */
export function formBinding(key: Buffer, token: string): string {
  return sign(key, `form:${token}`);
}

/**
 * POST /referrals/{id}/employer-link: a signed, expiring, single-use token (HMAC of payload
 * with the data key); only its SHA-256 is stored.
 */
export async function createEmployerLink(
  db: Db,
  key: Buffer,
  actor: Actor,
  referralId: string,
  opts: { baseUrl: string; ip: string | null; days?: number },
) {
  const r = await getReferral(db, actor, referralId, opts.ip);
  if (TRANSITIONS[r.status as ReferralStatus].length === 0) throw conflict('referral.linkClosed');
  const expiresAt = new Date(Date.now() + (opts.days ?? LINK_DAYS) * 86_400_000);
  // payload = referral id (16 bytes) + expiry in seconds (6 bytes) + nonce (6 bytes)
  const bytes = Buffer.alloc(28);
  Buffer.from(referralId.replaceAll('-', ''), 'hex').copy(bytes, 0);
  bytes.writeUIntBE(Math.floor(expiresAt.getTime() / 1000), 16, 6);
  randomBytes(6).copy(bytes, 22);
  const payload = bytes.toString('base64url');
  const token = `${payload}.${sign(key, payload)}`;
  await db
    .insertInto('referral_links')
    .values({
      id: uuidv7(),
      referral_id: referralId,
      centre_id: db.selectFrom('referrals').select('centre_id').where('id', '=', referralId),
      token_hash: hash(token),
      expires_at: expiresAt,
      created_by: actor.userId,
    })
    .execute();
  return { url: `${opts.baseUrl.replace(/\/$/, '')}/r/${token}`, expiresAt: expiresAt.toISOString() };
}

/** Why a link cannot be used: 404 unknown/forged, 410 expired or used. */
export class LinkError extends Error {
  constructor(readonly status: 404 | 410) {
    super(status === 404 ? 'link.invalid' : 'link.expired');
  }
}

async function openLink(db: Db, key: Buffer, token: string, lock: boolean) {
  const [payload, sig] = token.split('.');
  if (!payload || !sig) throw new LinkError(404);
  const a = Buffer.from(sig);
  const b = Buffer.from(sign(key, payload));
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new LinkError(404);
  let q = db.selectFrom('referral_links').selectAll().where('token_hash', '=', hash(token));
  if (lock) q = q.forUpdate();
  const link = await q.executeTakeFirst();
  if (!link) throw new LinkError(404);
  if (link.used_at || link.expires_at.getTime() < Date.now()) throw new LinkError(410);
  return link;
}

/** 홍길동 → 홍*동, 김철 → 김*: enough for the employer to recognise the applicant. */
export function maskName(name: string): string {
  const c = [...name];
  if (c.length <= 1) return '*';
  if (c.length === 2) return `${c[0]}*`;
  return `${c[0]}${'*'.repeat(c.length - 2)}${c.at(-1)}`;
}

/** The minimal profile an employer sees: no contact details, no birth date. */
export async function linkView(db: Db, key: Buffer, token: string, ip: string | null) {
  const link = await openLink(db, key, token, false);
  const ref = await db
    .selectFrom('referrals')
    .select(['id', 'status', 'seeker_id', 'posting_id'])
    .where('id', '=', link.referral_id)
    .executeTakeFirstOrThrow();
  if (TRANSITIONS[ref.status].length === 0) throw new LinkError(410);
  const [s, title] = await Promise.all([
    applicantProfile(db, ref.seeker_id),
    postingTitle(db, ref.posting_id),
  ]);
  const r = { ...s, seeker_id: s.id, status: ref.status, title };
  await recordAccess(db, {
    actor: null,
    ip,
    action: 'view',
    subjectType: 'seeker',
    subjectId: r.seeker_id,
    centreId: r.centre_id,
    reason: 'employer link',
  });
  return {
    name: maskName(r.name),
    occupations: r.desired_occupations.map((c) => occupationName(c, r.desired_occupation_edition)),
    education: findCode('education', r.education_level)?.name ?? r.education_level,
    careerMonths: r.career_months,
    certificates: r.certificates,
    postingTitle: r.title,
    answers: LINK_ANSWERS.filter((s) => TRANSITIONS[r.status].includes(s)),
  };
}

/** Applies the employer's answer and uses the link up, in one transaction. */
export async function linkAnswer(
  db: Db,
  key: Buffer,
  token: string,
  body: { status: string; note?: string; binding?: string },
  ip: string | null,
) {
  const a = Buffer.from(body.binding ?? '');
  const b = Buffer.from(formBinding(key, token));
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new DomainError('forbidden', 'error.csrf');
  if (!(LINK_ANSWERS as readonly string[]).includes(body.status)) {
    throw new DomainError('validation', 'error.validation', {}, [{ field: 'status', key: 'field.enum' }]);
  }
  return db.transaction().execute(async (tx) => {
    const link = await openLink(tx, key, token, true);
    await tx.updateTable('referral_links').set({ used_at: new Date() }).where('id', '=', link.id).execute();
    return changeStatus(
      tx,
      { kind: 'employer_link', ip },
      link.referral_id,
      { status: body.status as ReferralStatus, note: body.note?.slice(0, 2000) },
      tx,
    );
  });
}
