import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { testDb } from '../../../test/support/db.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';
import { ensureFirstAdmin } from './users.service.ts';

// Issue 23, item 9: common passwords are refused naming the field; the answer to an unknown
// login, a wrong password and a locked account is one and the same; the session cookie is
// Secure when a trusted proxy says the request came over TLS.
const t = await testApp({ ILTEO_LOCKOUT_MINUTES: '15' });
const centre = await t.centre('비밀번호 센터');
const boss = await t.user('manager', centre.id);
const { db: empty } = await testDb();

const login = (l: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: l, password }, headers });

describe('common passwords', () => {
  it('are refused with a Korean message naming the field, and no account is made', async () => {
    for (const password of ['12345678', 'password', 'qwerty123', 'ilteo2026!']) {
      const res = await boss.post('/api/v1/users', {
        login: 'weak.user',
        password,
        name: '약한 비밀번호',
        role: 'counsellor',
        centreId: centre.id,
      });
      expect(res.statusCode, password).toBe(400);
      const p = res.json();
      expect(p.code).toBe('password.tooCommon');
      expect(p.errors).toEqual([{ field: 'password', message: expect.stringContaining('비밀번호') }]);
      expect(p.detail).toMatch(/흔한 비밀번호/);
    }
    const same = await boss.post('/api/v1/users', {
      login: 'weak.user',
      password: 'weak.user2026',
      name: '아이디와 같은 비밀번호',
      role: 'counsellor',
      centreId: centre.id,
    });
    expect(same.json().code).toBe('password.likeLogin');
    expect(await t.db.selectFrom('users').select('id').where('login', '=', 'weak.user').execute()).toEqual(
      [],
    );
  });

  it('are refused on a password change and on the portal sign-up too', async () => {
    const u = await t.user('counsellor', centre.id);
    const change = await boss.patch(`/api/v1/users/${u.user.id}`, { password: 'qwer1234' });
    expect(change.statusCode).toBe(400);
    expect(change.json().code).toBe('password.tooCommon');
    expect((await login(u.login, u.password)).statusCode).toBe(200);
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/register',
      payload: { ...buildSeeker(), centreId: centre.id, login: 'portal.weak', password: 'password1' },
    });
    expect(signup.statusCode).toBe(400);
    expect(JSON.stringify(signup.json())).toContain('password');
  });
});

describe('the first admin from the environment', () => {
  it('is refused a common password, naming ILTEO_ADMIN_PASSWORD, and not created', async () => {
    await expect(
      ensureFirstAdmin(empty, t.dataKey, { login: 'root', password: 'admin1234', totpSecret: null }),
    ).rejects.toThrow(/ILTEO_ADMIN_PASSWORD.*흔한 비밀번호/);
    expect(await empty.selectFrom('users').select('id').execute()).toEqual([]);
  });
});

describe('one answer for unknown, wrong and locked', () => {
  it('a locked account answers exactly as an unknown login and a wrong password do', async () => {
    const u = await t.user('counsellor', centre.id);
    const unknown = await login('no.such.login', 'some-password-1');
    const wrong = await login(u.login, 'wrong-password-1');
    for (let i = 0; i < 5; i++) await login(u.login, 'wrong-password-1');
    const lockedRight = await login(u.login, u.password);
    const lockedWrong = await login(u.login, 'wrong-password-1');
    const bodies = [unknown, wrong, lockedRight, lockedWrong].map((r) => {
      expect(r.statusCode).toBe(401);
      return r.body;
    });
    expect(new Set(bodies).size).toBe(1);
    expect(unknown.json()).toMatchObject({ code: 'auth.invalid' });
    expect(unknown.json().detail).toMatch(/15분/);
    // The lock is real: it ends by itself, then the right password works.
    await t.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', u.user.id)
      .execute();
    expect((await login(u.login, u.password)).statusCode).toBe(200);
  });
});

describe('the session cookie behind a proxy', () => {
  const cookieOf = (res: Awaited<ReturnType<typeof login>>) =>
    res.cookies.find((c) => c.name === 'ilteo_session');

  it('is not Secure over plain HTTP, and a forwarded scheme is ignored without ILTEO_TRUST_PROXY', async () => {
    const u = await t.user('counsellor', centre.id);
    const plain = await login(u.login, u.password);
    expectStatus(plain, 200);
    expect(cookieOf(plain)?.secure).toBeFalsy();
    const forged = await login(u.login, u.password, { 'x-forwarded-proto': 'https' });
    expect(forged.statusCode).toBe(200);
    expect(cookieOf(forged)?.secure).toBeFalsy();
  });

  it('is Secure when a trusted proxy received the request over TLS', async () => {
    const behind = await testApp({ ILTEO_TRUST_PROXY: 'true' });
    const c = await behind.centre('프록시 센터');
    const u = await behind.user('counsellor', c.id);
    const tls = await behind.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: u.login, password: u.password },
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(tls.statusCode).toBe(200);
    expect(cookieOf(tls)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    const plain = await behind.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: u.login, password: u.password },
      headers: { 'x-forwarded-proto': 'http' },
    });
    expect(cookieOf(plain)?.secure).toBeFalsy();
    // The client address of the access records is the forwarded one.
    const s = await behind.db.selectFrom('sessions').select('ip').where('user_id', '=', u.user.id).execute();
    expect(s.map((r) => r.ip)).toContain('203.0.113.7');
  });
});
