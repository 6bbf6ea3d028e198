import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { wrongTotpCode } from '../../../test/support/totp.ts';
import { base32Encode, totpCode } from './totp.ts';
import { ensureFirstAdmin } from './users.service.ts';

const t = await testApp({ ILTEO_LOCKOUT_MINUTES: '15' });
const { app, db } = t;

async function loginRaw(login: string, password: string, otp?: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password, otp } });
}

describe('login', () => {
  it('creates the first admin from the environment once, with TOTP', async () => {
    const secret = base32Encode(Buffer.from('ilteo-admin-secret-01'));
    expect(
      await ensureFirstAdmin(db, t.dataKey, { login: 'root', password: 'root-pass-1', totpSecret: secret }),
    ).toBe(true);
    expect(
      await ensureFirstAdmin(db, t.dataKey, { login: 'root2', password: 'root-pass-1', totpSecret: null }),
    ).toBe(false);
    const noOtp = await loginRaw('root', 'root-pass-1');
    expect(noOtp.statusCode).toBe(401);
    expect(noOtp.headers['content-type']).toContain('application/problem+json');
    expect(noOtp.json().errors[0].field).toBe('otp');
    expect((await loginRaw('root', 'root-pass-1', wrongTotpCode(secret))).statusCode).toBe(401);
    const ok = await loginRaw('root', 'root-pass-1', totpCode(secret));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.role).toBe('admin');
    expect(ok.json().user).not.toHaveProperty('passwordHash');
    // Automation signs in with the configured secret's current code (API.md) as often as it
    // needs, each time with a new session id (SECURITY.md 6).
    const again = await loginRaw('root', 'root-pass-1', totpCode(secret));
    expect(again.statusCode).toBe(200);
    const sid = (r: typeof ok) => r.cookies.find((c) => c.name === 'ilteo_session')?.value;
    expect(sid(again)).toBeTruthy();
    expect(sid(again)).not.toBe(sid(ok));
  });

  it('gives a new session id at every login and answers 401 problem+json in English on request', async () => {
    const c = await t.centre();
    const a = await t.user('counsellor', c.id);
    const b = await t.as(a.login, a.password);
    expect(a.cookie).not.toBe(b.cookie);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { login: 'nobody', password: 'whatever1' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe(
      'Wrong login or password. After 6 failures in a row an account is locked for 15 minutes.',
    );
  });

  it('locks the account at the 6th consecutive failure, even for the right password, for a limited time', async () => {
    const c = await t.centre();
    const u = await t.user('counsellor', c.id);
    const login = u.login;
    for (let i = 1; i <= 5; i++) {
      expect((await loginRaw(login, 'wrong-password')).statusCode).toBe(401);
    }
    expect((await loginRaw(login, 'wrong-password')).statusCode).toBe(401);
    // Locked: the right password is refused too, with the answer every failure gets
    // (login-policy.test.ts), so the lock reveals nothing about the account.
    const locked = await loginRaw(login, 'correct-horse-9');
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('auth.invalid');
    // The lock ends by itself: move it into the past as if 15 minutes had gone by.
    await db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', u.user.id)
      .execute();
    expect((await loginRaw(login, 'correct-horse-9')).statusCode).toBe(200);
    // and the counter starts afresh: one failure does not lock again
    expect((await loginRaw(login, 'wrong-password')).statusCode).toBe(401);
    expect((await loginRaw(login, 'correct-horse-9')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('expires after 30 idle minutes and after 12 hours at most', async () => {
    const c = await t.centre();
    const a = await t.user('manager', c.id);
    expectStatus(await a.get('/api/v1/users'), 200);
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', a.user.id)
      .execute();
    expect((await a.get('/api/v1/users')).statusCode).toBe(401);
    const b = await t.as(a.login, a.password);
    expectStatus(await b.get('/api/v1/users'), 200);
    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', a.user.id)
      .execute();
    expect((await b.get('/api/v1/users')).statusCode).toBe(401);
  });

  it('logout and disabling the account end sessions at once', async () => {
    const c = await t.centre();
    const boss = await t.user('manager', c.id);
    const a = await t.user('counsellor', c.id);
    expectStatus(await a.get('/api/v1/centres'), 200);
    await a.post('/api/v1/auth/logout');
    expect((await a.get('/api/v1/centres')).statusCode).toBe(401);
    const b = await t.user('counsellor', c.id);
    expectStatus(await b.get('/api/v1/centres'), 200);
    expectStatus(await boss.patch(`/api/v1/users/${b.user.id}`, { disabled: true }), 200);
    expect((await b.get('/api/v1/centres')).statusCode).toBe(401);
    const log = await db.selectFrom('permission_log').selectAll().where('user_id', '=', b.user.id).execute();
    expect(log.map((l) => l.change)).toEqual(['grant', 'revoke']);
  });

  it('refuses a state change without the CSRF token', async () => {
    const admin = await t.user('admin', null);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/centres',
      cookies: { ilteo_session: admin.cookie },
      payload: { name: '테스트', kind: 'city', regionCode: '11' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/CSRF/);
    expect(await db.selectFrom('centres').select('id').where('name', '=', '테스트').execute()).toHaveLength(
      0,
    );
  });

  it('sends security headers and cannot be framed', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});

describe('API tokens', () => {
  it('act with their owner rights until they expire', async () => {
    const c = await t.centre();
    const m = await t.user('manager', c.id);
    const { token } = expectStatus(
      await m.post('/api/v1/auth/tokens', { name: '연계 시스템', expiresInDays: 30 }),
      200,
    );
    const ok = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.statusCode).toBe(200);
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/v1/centres',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'x', kind: 'city', regionCode: '11' },
    });
    expect(forbidden.statusCode).toBe(403);
    await db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const expired = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(expired.statusCode).toBe(401);
  });
});
