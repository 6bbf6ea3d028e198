import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';

const t = await testApp();
const centre = await t.centre('원주시 일자리센터', null, '51130');
const manager = await t.user('manager', centre.id);

const form = (c: Client, url: string, fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    cookies: { ilteo_session: c.cookie },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: c.csrf, ...fields }).toString(),
  });

describe('/staff/admin/users', () => {
  it('creates an account (errors named inline), changes its role, disables it and clears a lockout', async () => {
    expect((await manager.get('/staff/admin')).body).toContain('href="/staff/admin/users"');
    const bad = await form(manager, '/staff/admin/users', {
      login: 'wonju.c1',
      name: '',
      password: 'x',
      role: 'counsellor',
      centreId: centre.id,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="error-summary"');
    const ok = await form(manager, '/staff/admin/users', {
      login: 'wonju.c1',
      name: '한상담',
      password: 'river-stone-42',
      role: 'counsellor',
      centreId: centre.id,
    });
    expect(ok.statusCode).toBe(303);
    const list = (await manager.get('/staff/admin/users')).body;
    expect(list).toContain('wonju.c1');
    expect(list).toContain('직업상담사');
    expect(list).not.toContain('>counsellor<');
    const users = expectStatus(await manager.get('/api/v1/users?pageSize=100'), 200);
    const u = users.items.find((x: { login: string }) => x.login === 'wonju.c1');
    expect(
      (await form(manager, `/staff/admin/users/${u.id}`, { role: 'outreach', centreId: centre.id }))
        .statusCode,
    ).toBe(303);
    expect((await form(manager, `/staff/admin/users/${u.id}`, { action: 'disable' })).statusCode).toBe(303);
    const after = expectStatus(await manager.get(`/api/v1/users/${u.id}`), 200);
    expect(after).toMatchObject({ role: 'outreach', disabled: true });
    await t.db
      .updateTable('users')
      .set({ failed_logins: 9, locked_until: new Date(Date.now() + 3600_000) })
      .where('id', '=', u.id)
      .execute();
    expect((await form(manager, `/staff/admin/users/${u.id}`, { action: 'unlock' })).statusCode).toBe(303);
    const row = await t.db
      .selectFrom('users')
      .select(['failed_logins', 'locked_until'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });
});
