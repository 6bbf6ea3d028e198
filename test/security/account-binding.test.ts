import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSeeker } from '../../src/features/seekers/seekers.factory.ts';
import { withBizRegCheckDigit } from '../../src/platform/domain/validate.ts';
import type { Role } from '../../src/platform/http/actor.ts';
import { type Client, expectStatus, testApp } from '../support/app.ts';

// Issue 23, items 1 and 6: an account binds only to a seeker of the creating user's own centre
// subtree (404 otherwise, also for a seeker shared by consent) and to an employer its centre
// serves (403 employer.notServed for another centre's, which every staff member can list);
// postings are published only under an employer the user's centre serves. Every role of the
// home centre against a record of the same centre, of a child centre and of another centre.
const t = await testApp();
const home = await t.centre('가 일자리센터');
const child = await t.centre('가-1 분소', home.id);
const other = await t.centre('나 일자리센터');
const where = { same: home, child, other } as const;
type Where = keyof typeof where;

let n = 0;
async function records(centreId: string, share = false) {
  const c = await t.user('counsellor', centreId);
  const seeker = expectStatus(
    await c.post(
      '/api/v1/seekers',
      buildSeeker({ name: `구직자${++n}`, consent: { shareWithNetwork: share, sensitive: false } }),
    ),
    201,
  ) as { id: string; name: string };
  const employer = expectStatus(
    await c.post('/api/v1/employers', {
      name: `(주)기업${n}`,
      bizRegNo: withBizRegCheckDigit(`2208${String(n).padStart(5, '0')}`),
      regionCode: '11140',
    }),
    201,
  ) as { id: string };
  return { seeker, employer };
}
const rec = {
  same: await records(home.id),
  child: await records(child.id),
  other: await records(other.id),
};
const sharedOther = await records(other.id, true);

const roles: Role[] = ['admin', 'manager', 'counsellor', 'outreach', 'employer', 'seeker'];
const actors = {} as Record<Role, Client>;
for (const role of roles) {
  const extra =
    role === 'employer'
      ? { employerId: rec.same.employer.id }
      : role === 'seeker'
        ? { seekerId: rec.same.seeker.id }
        : {};
  actors[role] = await t.user(role, role === 'admin' || role === 'seeker' ? null : home.id, extra);
}

async function neverCreated(login: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login, password: 'binding-test-pass-9' },
  });
  expect(res.statusCode).toBe(401);
  const rows = await t.db.selectFrom('users').select('id').where('login', '=', login).execute();
  expect(rows).toHaveLength(0);
}

/** A manager grants accounts of its own centre (the attack of issue 23 named centre B too). */
async function createAccount(actor: Client, body: Record<string, unknown>) {
  const login = `bind${++n}_${randomBytes(2).toString('hex')}`;
  const res = await actor.post('/api/v1/users', {
    login,
    password: 'binding-test-pass-9',
    name: '연결 계정',
    ...(actor === actors.admin ? {} : { centreId: home.id }),
    ...body,
  });
  return { res, login };
}

const cells = (Object.keys(where) as Where[]).flatMap((w) => roles.map((role) => ({ role, w })));
const mayManageUsers = (role: Role) => role === 'admin' || role === 'manager';
const isStaff = (role: Role) => ['admin', 'manager', 'counsellor', 'outreach'].includes(role);

describe('account binding: role × centre', () => {
  it.each(cells)('$role binds a seeker account to a seeker of the $w centre', async ({ role, w }) => {
    const { res, login } = await createAccount(actors[role], {
      role: 'seeker',
      seekerId: rec[w].seeker.id,
    });
    const expected = !mayManageUsers(role) ? 403 : role === 'manager' && w === 'other' ? 404 : 201;
    expect(res.statusCode, res.body).toBe(expected);
    if (expected !== 201) return neverCreated(login);
    const me = expectStatus(await (await t.as(login, 'binding-test-pass-9')).get('/api/v1/me'), 200);
    expect(me.name).toBe(rec[w].seeker.name);
  });

  it.each(cells)('$role binds an employer account to an employer of the $w centre', async ({ role, w }) => {
    const { res, login } = await createAccount(actors[role], {
      role: 'employer',
      employerId: rec[w].employer.id,
    });
    const expected = !mayManageUsers(role) ? 403 : role === 'manager' && w === 'other' ? 403 : 201;
    expect(res.statusCode, res.body).toBe(expected);
    if (expected === 201) return;
    if (mayManageUsers(role)) expect(res.json().code).toBe('employer.notServed');
    await neverCreated(login);
  });

  it('a seeker of another centre shared by consent still answers 404, like one that does not exist', async () => {
    const shared = await createAccount(actors.manager, {
      role: 'seeker',
      seekerId: sharedOther.seeker.id,
    });
    const missing = await createAccount(actors.manager, {
      role: 'seeker',
      seekerId: '01900000-0000-7000-8000-000000000000',
    });
    expect(shared.res.statusCode).toBe(404);
    expect(missing.res.statusCode).toBe(404);
    expect(shared.res.json().detail).toBe(missing.res.json().detail);
    await neverCreated(shared.login);
    await neverCreated(missing.login);
  });

  it('binds a seeker only to a seeker account and an employer only to an employer account', async () => {
    const asStaff = await createAccount(actors.manager, {
      role: 'counsellor',
      seekerId: rec.same.seeker.id,
    });
    expect(asStaff.res.statusCode).toBe(400);
    expect(asStaff.res.json().code).toBe('user.bindingRole');
    expect(asStaff.res.json().errors.map((e: { field: string }) => e.field)).toEqual(['seekerId']);
    await neverCreated(asStaff.login);
    // An account's binding cannot be changed afterwards.
    const u = expectStatus(
      (await createAccount(actors.manager, { role: 'seeker', seekerId: rec.same.seeker.id })).res,
      201,
    );
    const patch = await actors.admin.patch(`/api/v1/users/${u.id}`, { seekerId: rec.other.seeker.id });
    expect(patch.statusCode).toBe(400);
  });
});

function posting(employerId: string) {
  const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    employerId,
    title: '생산직 사원 모집',
    occupationCode: '8241',
    duties: '용접 및 제품 검사',
    headcount: 1,
    employmentType: '10',
    wageType: 'M',
    wageMin: 2_600_000,
    workDays: '1',
    workHours: '09:00~18:00',
    regionCode: '11140',
    educationMin: '00',
    career: { type: 'Z' },
    closesAt: closes,
  };
}

describe('posting under an employer: role × centre', () => {
  it.each(cells)('$role posts for an employer of the $w centre', async ({ role, w }) => {
    const res = await actors[role].post('/api/v1/postings', posting(rec[w].employer.id));
    let expected: number;
    if (role === 'seeker') expected = 403;
    else if (role === 'employer') expected = w === 'same' ? 201 : 403;
    else expected = isStaff(role) && role !== 'admin' && w === 'other' ? 403 : 201;
    expect(res.statusCode, res.body).toBe(expected);
    if (isStaff(role) && expected === 403) expect(res.json().code).toBe('employer.notServed');
    if (expected === 403) {
      const made = await t.db
        .selectFrom('postings')
        .select('id')
        .where('employer_id', '=', rec[w].employer.id)
        .where('created_by', '=', actors[role].user.id)
        .execute();
      expect(made).toHaveLength(0);
    }
  });

  it('an employer that does not exist answers 404 naming the field', async () => {
    const res = await actors.counsellor.post(
      '/api/v1/postings',
      posting('01900000-0000-7000-8000-000000000000'),
    );
    expect(res.statusCode).toBe(404);
    expect(res.json().errors[0].field).toBe('employerId');
  });
});
