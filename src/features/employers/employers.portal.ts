import { recordAccess } from '../../platform/audit/access-log.ts';
import { encryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import { employerAccountCount } from '../accounts/user-lookups.service.ts';
import { insertUser, passwordProblems } from '../accounts/users.service.ts';
import { checkClaimCode, countClaimFailure, spentClaimCode } from './employer-claim.service.ts';
import {
  type Ctx,
  centreForRegion,
  employerTokens,
  findEmployerIdByBizRegNo,
  insertEmployer,
  presentEmployer,
} from './employers.service.ts';
import { type CleanEmployer, type EmployerInput, validateEmployer } from './employers.validate.ts';

export interface EmployerSignupInput extends EmployerInput {
  login: string;
  password: string;
  /** The person creating the account; defaults to the first contact, then the company name. */
  userName?: string;
  /** The 가입 코드 the centre gave a company outreach registered as a prospect. */
  claimCode?: string;
}

/**
 * Self-service registration on the portal: the employer and its first employer user are
 * created together or not at all. The employer belongs to the centre of its region (see
 * centreForRegion). An already registered 사업자등록번호 answers 409 with existingId and creates
 * no account (the company's existing users or its centre add people) — except a prospect, a
 * company outreach met before it signed up, that no account is bound to yet: the sign-up claims
 * it (claimProspect) and keeps its visits, requests and agreements.
 */
export async function signupEmployer(db: Db, ctx: Ctx, input: EmployerSignupInput) {
  const problems: FieldProblem[] = [];
  const e = validateEmployer(
    { ...input, counsellorId: undefined, prospect: undefined },
    problems,
  ) as CleanEmployer;
  e.contacts ??= [];
  e.counsellorId = null;
  problems.push(...passwordProblems(input.password, input.login));
  if (problems.length) throw invalid(problems);
  const userName = input.userName?.trim() || e.contacts[0]?.name || e.name;
  const existing = await findEmployerIdByBizRegNo(db, e.bizRegNo);
  if (existing) return claimProspect(db, ctx, existing, e, input, userName);
  const centreId = await centreForRegion(db, e.regionCode);
  return db.transaction().execute(async (tx) => {
    const employer = await insertEmployer(tx, ctx, null, e, centreId);
    // Every grant is recorded (SECURITY.md 8), self-service ones included.
    const user = await insertUser(tx, null, {
      login: input.login,
      password: input.password,
      name: userName,
      role: 'employer',
      employerId: employer.id,
      grantDetail: { role: 'employer', employerId: employer.id, via: 'portal-signup' },
    });
    return { employer: presentEmployer(employer, e.contacts), user: presentSignupUser(user) };
  });
}

function presentSignupUser(user: Awaited<ReturnType<typeof insertUser>>) {
  return { id: user.id, login: user.login, name: user.name, role: user.role, employerId: user.employerId };
}

/**
 * The sign-up of a company outreach registered as a prospect. No takeover: only a prospect with
 * no account bound to it, ever, is claimed, and only with the 가입 코드 its centre handed over
 * (employer-claim.service.ts; a wrong try is counted after the rollback) — checked with its row locked, so of two racing
 * sign-ups one claims and the other gets 409; any other registered company answers 409 as
 * before. The company's own details replace what the visit noted, and its contacts replace the
 * contact persons outreach recorded: those are never shown to whoever signs up. The employer
 * stays with the centre that serves it; the grant is logged with `via: portal-signup-claim`.
 */
async function claimProspect(
  db: Db,
  ctx: Ctx,
  employerId: string,
  e: CleanEmployer,
  input: EmployerSignupInput,
  userName: string,
) {
  const result = await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('employers')
      .select(['id', 'prospect', 'centre_id', 'claim_code_hash', 'claim_code_expires_at'])
      .where('id', '=', employerId)
      .forUpdate()
      .executeTakeFirst();
    if (!row?.prospect || (await employerAccountCount(tx, employerId)) > 0) throw duplicate(employerId);
    const check = checkClaimCode(ctx.dataKey, employerId, input.claimCode, row);
    if (check !== 'ok') return { refused: check, signedUp: null } as const;
    const claimed = await tx
      .updateTable('employers')
      .set({
        name: e.name,
        search_tokens: employerTokens(e.name),
        ksic: e.ksic,
        size: e.size,
        region_code: e.regionCode,
        address: e.address,
        contacts_enc: e.contacts.length ? encryptField(ctx.dataKey, JSON.stringify(e.contacts)) : null,
        prospect: false,
        ...spentClaimCode(),
        updated_at: new Date(),
      })
      .where('id', '=', employerId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAccess(tx, {
      actor: null,
      ip: ctx.ip ?? null,
      action: 'update',
      subjectType: 'employer_contacts',
      subjectId: employerId,
      centreId: row.centre_id,
    });
    const user = await insertUser(tx, null, {
      login: input.login,
      password: input.password,
      name: userName,
      role: 'employer',
      employerId,
      grantDetail: { role: 'employer', employerId, via: 'portal-signup-claim' },
    });
    return {
      refused: null,
      signedUp: { employer: presentEmployer(claimed, e.contacts), user: presentSignupUser(user) },
    } as const;
  });
  if (result.signedUp) return result.signedUp;
  if (result.refused !== 'missing') await countClaimFailure(db, employerId);
  throw claimRefused(result.refused);
}

/** 409 naming the claimCode field; never the prospect's id, which only the centre knows. */
function claimRefused(why: 'missing' | 'wrong' | 'expired'): DomainError {
  const key =
    why === 'missing'
      ? 'employer.claimCodeRequired'
      : why === 'expired'
        ? 'employer.claimCodeExpired'
        : 'employer.claimCodeWrong';
  return new DomainError('conflict', key, {}, [{ field: 'claimCode', key }]);
}

function duplicate(existingId: string): DomainError {
  return new DomainError(
    'conflict',
    'employer.duplicate',
    { existingId },
    [{ field: 'bizRegNo', key: 'employer.duplicate', params: { existingId } }],
    { existingId },
  );
}
