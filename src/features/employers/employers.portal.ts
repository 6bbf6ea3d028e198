import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
// The password hash must match what login verifies; accounts exposes no service that can run
// inside our transaction (createUser opens its own), so we use its hashing primitive.
import { hashPassword } from '../accounts/password.ts';
import {
  type Ctx,
  centreForRegion,
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
}

const loginTaken = () =>
  new DomainError('conflict', 'auth.loginTaken', {}, [{ field: 'login', key: 'auth.loginTaken' }]);

/**
 * Self-service registration on the portal: the employer and its first employer user are
 * created together or not at all. An already registered 사업자등록번호 answers 409 with
 * existingId and creates no account (the company's existing users or its centre add people).
 * The employer belongs to the centre of its region (see centreForRegion).
 */
export async function signupEmployer(db: Db, ctx: Ctx, input: EmployerSignupInput) {
  const problems: FieldProblem[] = [];
  const e = validateEmployer({ ...input, counsellorId: undefined }, problems) as CleanEmployer;
  e.contacts ??= [];
  e.counsellorId = null;
  if (input.password.length < 8) problems.push({ field: 'password', key: 'auth.passwordTooShort' });
  if (problems.length) throw invalid(problems);
  const existing = await findEmployerIdByBizRegNo(db, e.bizRegNo);
  if (existing) {
    throw new DomainError(
      'conflict',
      'employer.duplicate',
      { existingId: existing },
      [{ field: 'bizRegNo', key: 'employer.duplicate', params: { existingId: existing } }],
      { existingId: existing },
    );
  }
  const taken = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(login)`, '=', input.login.toLowerCase())
    .executeTakeFirst();
  if (taken) throw loginTaken();
  const centreId = await centreForRegion(db, e.regionCode);
  const hash = await hashPassword(input.password);
  const userName = input.userName?.trim() || e.contacts[0]?.name || e.name;
  return db.transaction().execute(async (tx) => {
    const employer = await insertEmployer(tx, ctx, null, e, centreId);
    const user = await tx
      .insertInto('users')
      .values({
        id: uuidv7(),
        login: input.login.trim(),
        password_hash: hash,
        name: userName,
        role: 'employer',
        centre_id: null,
        employer_id: employer.id,
        seeker_id: null,
      })
      .returning(['id', 'login', 'name', 'role', 'employer_id'])
      .executeTakeFirstOrThrow()
      .catch((err: { code?: string }) => {
        if (err.code === '23505') throw loginTaken();
        throw err;
      });
    // Every grant is recorded (SECURITY.md 8), self-service ones included.
    await tx
      .insertInto('permission_log')
      .values({
        id: uuidv7(),
        actor_id: null,
        user_id: user.id,
        change: 'grant',
        before: null,
        after: JSON.stringify({ role: 'employer', employerId: employer.id, via: 'portal-signup' }),
      })
      .execute();
    return {
      employer: presentEmployer(employer, e.contacts),
      user: {
        id: user.id,
        login: user.login,
        name: user.name,
        role: user.role,
        employerId: user.employer_id,
      },
    };
  });
}
