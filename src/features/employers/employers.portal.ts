import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import { insertUser, passwordProblems } from '../accounts/users.service.ts';
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

/**
 * Self-service registration on the portal: the employer and its first employer user are
 * created together or not at all. An already registered 사업자등록번호 answers 409 with
 * existingId and creates no account (the company's existing users or its centre add people).
 * The employer belongs to the centre of its region (see centreForRegion).
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
  const centreId = await centreForRegion(db, e.regionCode);
  const userName = input.userName?.trim() || e.contacts[0]?.name || e.name;
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
    return {
      employer: presentEmployer(employer, e.contacts),
      user: {
        id: user.id,
        login: user.login,
        name: user.name,
        role: user.role,
        employerId: user.employerId,
      },
    };
  });
}
