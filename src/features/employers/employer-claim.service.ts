import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { employerAccountCount } from '../accounts/user-lookups.service.ts';
import { type Ctx, load, mayEdit } from './employers.service.ts';

/**
 * The prospect's 가입 코드: a company outreach registered before it signed up is claimed on the
 * portal only with this one-time code, which the centre hands to the company (on the visit, by
 * phone or on paper). A 사업자등록번호 is public, so it alone must not open the prospect's visits,
 * requests and agreements to whoever signs up first. The code is shown once, kept as an HMAC
 * under the data key, valid CLAIM_CODE_DAYS days, and given up after MAX_FAILURES wrong tries.
 */
export const CLAIM_CODE_DAYS = 30;
export const MAX_FAILURES = 5;
/** No 0/O, 1/I/L: a code read over the phone or from paper is typed right the first time. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function normaliseClaimCode(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function hashCode(key: Buffer, employerId: string, code: string): string {
  return createHmac('sha256', key).update(`employer-claim:${employerId}:${code}`).digest('base64url');
}

/** Issues (or replaces) the prospect's code; staff who may edit the company only, 409 otherwise. */
export async function issueClaimCode(db: Db, ctx: Ctx, actor: Actor, employerId: string) {
  const row = await load(db, actor, employerId);
  if (!mayEdit(actor, row)) throw new DomainError('forbidden', 'error.forbidden');
  const raw = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const expiresAt = new Date(Date.now() + CLAIM_CODE_DAYS * 86_400_000);
  await db.transaction().execute(async (tx) => {
    const locked = await tx
      .selectFrom('employers')
      .select(['prospect'])
      .where('id', '=', employerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!locked.prospect || (await employerAccountCount(tx, employerId)) > 0) {
      throw new DomainError('conflict', 'employer.claimNotProspect');
    }
    await tx
      .updateTable('employers')
      .set({
        claim_code_hash: hashCode(ctx.dataKey, employerId, raw),
        claim_code_expires_at: expiresAt,
        claim_code_failures: 0,
      })
      .where('id', '=', employerId)
      .execute();
  });
  return { claimCode: `${raw.slice(0, 4)}-${raw.slice(4)}`, expiresAt: expiresAt.toISOString() };
}

export type ClaimCheck = 'ok' | 'missing' | 'wrong' | 'expired';

/**
 * Checks a code against the prospect's stored one (the caller's row, locked). A wrong or
 * expired code is counted by the caller with countClaimFailure after its transaction rolled back.
 */
export function checkClaimCode(
  key: Buffer,
  employerId: string,
  given: string | undefined,
  stored: { claim_code_hash: string | null; claim_code_expires_at: Date | null },
): ClaimCheck {
  const code = normaliseClaimCode(given ?? '');
  if (!code) return 'missing';
  if (!stored.claim_code_hash || !stored.claim_code_expires_at) return 'wrong';
  const a = Buffer.from(hashCode(key, employerId, code));
  const b = Buffer.from(stored.claim_code_hash);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'wrong';
  return stored.claim_code_expires_at.getTime() < Date.now() ? 'expired' : 'ok';
}

/** One wrong try, committed on its own; the MAX_FAILURES-th gives the code up. */
export async function countClaimFailure(db: Db, employerId: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('employers')
      .select(['claim_code_failures', 'claim_code_hash'])
      .where('id', '=', employerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!row.claim_code_hash) return;
    const failures = row.claim_code_failures + 1;
    await tx
      .updateTable('employers')
      .set(
        failures >= MAX_FAILURES
          ? { claim_code_hash: null, claim_code_expires_at: null, claim_code_failures: 0 }
          : { claim_code_failures: failures },
      )
      .where('id', '=', employerId)
      .execute();
  });
}

/** The code is spent with the claim. */
export function spentClaimCode() {
  return { claim_code_hash: null, claim_code_expires_at: null, claim_code_failures: 0 } as const;
}
