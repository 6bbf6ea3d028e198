import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';

// Whose accounts a manager manages (account-scope.ts): the accounts it may create are the ones
// its users list, the API's and the page's, shows it and lets it read and disable. A centre below
// a district gives its district's departments 부서 담당자 accounts; those accounts belong to the
// district, yet are the centre manager's to manage.

const t = await testApp();
const password = 'correct-horse-9';
const district = await t.centre('서해구', null, '28260');
const centre = await t.centre('서해구 일자리센터', district.id, '28260');
const sibling = await t.centre('서해구 청년센터', district.id, '28260');
const far = await t.centre('동해구', null, '26110');
const manager = await t.user('manager', centre.id);
const siblingManager = await t.user('manager', sibling.id);
const farManager = await t.user('manager', far.id);
const districtCounsellor = await t.user('counsellor', district.id);
const officer = await t.user('outreach', district.id);
const building = expectStatus(await officer.post('/api/v1/departments', { name: '건축과' }), 201);

const logins = async (c: Client) => {
  const r = expectStatus(await c.get('/api/v1/users?pageSize=100'), 200);
  return r.items.map((u: { login: string }) => u.login) as string[];
};

describe('the accounts a manager manages', () => {
  it('a centre manager lists, reads and disables the department account it made in the district above', async () => {
    const made = expectStatus(
      await manager.post('/api/v1/users', {
        login: 'building.park',
        password,
        name: '박건축',
        role: 'department',
        departmentId: building.id,
      }),
      201,
    );
    expect(made).toMatchObject({ centreId: district.id, departmentId: building.id });
    expect(await logins(manager)).toContain('building.park');
    const byRole = expectStatus(await manager.get('/api/v1/users?role=department'), 200);
    expect(byRole).toMatchObject({ total: 1, items: [{ id: made.id }] });
    expectStatus(await manager.get(`/api/v1/users/${made.id}`), 200);
    const off = expectStatus(await manager.patch(`/api/v1/users/${made.id}`, { disabled: true }), 200);
    expect(off.disabled).toBe(true);
    const page = await manager.get('/staff/admin/users');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('building.park');
    expect(page.body).toContain('건축과');
    // the district's other staff stay outside the centre manager's scope
    expect(await logins(manager)).not.toContain(districtCounsellor.login);
    expectStatus(await manager.get(`/api/v1/users/${districtCounsellor.user.id}`), 404);
  });

  it('shows a department account to exactly the managers who may create one for that department', async () => {
    const list = expectStatus(await manager.get('/api/v1/users?role=department'), 200);
    const account = list.items[0] as { id: string; login: string };
    let n = 0;
    for (const [who, c, allowed] of [
      ['centre', manager, true],
      ['sibling centre', siblingManager, true],
      ['another district', farManager, false],
    ] as const) {
      const res = await c.post('/api/v1/users', {
        login: `building.${++n}`,
        password,
        name: '건축 담당',
        role: 'department',
        departmentId: building.id,
      });
      expect(res.statusCode, who).toBe(allowed ? 201 : 404);
      expect((await logins(c)).includes(account.login), who).toBe(allowed);
      expect((await c.get(`/api/v1/users/${account.id}`)).statusCode, who).toBe(allowed ? 200 : 404);
      if (!allowed) expect((await c.get('/staff/admin/users')).body).not.toContain(account.login);
    }
  });
});
