import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';

// Issue 23, item 7: tokens are listed and revoked by their owner, end by default, and die with
// a change of password, role or centre and with a disable (and stay dead after a re-enable).
const t = await testApp({ ILTEO_TOKEN_DAYS: '30' });
const centre = await t.centre('토큰 센터');
const other = await t.centre('다른 센터');
const boss = await t.user('manager', centre.id);

async function tokenOf(c: Client, body: Record<string, unknown> = { name: '연계' }) {
  return expectStatus(await c.post('/api/v1/auth/tokens', body), 200) as {
    id: string;
    token: string;
    expiresAt: string;
  };
}

const bearer = (token: string, path = '/api/v1/auth/me') =>
  t.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });

async function works(token: string) {
  const res = await bearer(token, '/api/v1/centres');
  return res.statusCode === 200;
}

const days = (iso: string) => (new Date(iso).getTime() - Date.now()) / 86_400_000;

describe('API tokens: list and revoke', () => {
  it('lists the owner’s tokens without their secret, and only the owner’s', async () => {
    const a = await t.user('counsellor', centre.id);
    const b = await t.user('counsellor', centre.id);
    const t1 = await tokenOf(a, { name: '첫 토큰' });
    const t2 = await tokenOf(a, { name: '둘째 토큰', expiresInDays: 7 });
    await tokenOf(b, { name: '남의 토큰' });
    expect(await works(t1.token)).toBe(true);
    const list = expectStatus(await a.get('/api/v1/auth/tokens'), 200);
    expect(list.total).toBe(2);
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([t2.id, t1.id]);
    expect(Object.keys(list.items[1]).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name']);
    expect(list.items[1]).toMatchObject({ name: '첫 토큰', expiresAt: t1.expiresAt });
    expect(list.items[1].lastUsedAt).not.toBeNull();
    expect(list.items[0].lastUsedAt).toBeNull();
    expect(JSON.stringify(list)).not.toContain(t1.token);
    // A token lists its owner's tokens too.
    const viaToken = await bearer(t1.token, '/api/v1/auth/tokens');
    expect(viaToken.json().total).toBe(2);
  });

  it('refuses to mint a token with a token (403 token.sessionRequired): a stolen token cannot outlive itself', async () => {
    const a = await t.user('counsellor', centre.id);
    const first = await tokenOf(a);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
      payload: { name: '토큰이 만든 토큰', expiresInDays: 365 },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'token.sessionRequired' });
    expect(expectStatus(await a.get('/api/v1/auth/tokens'), 200).total).toBe(1);
  });

  it('revokes one’s own token at once (204); another user’s id answers 404 and stays alive', async () => {
    const a = await t.user('outreach', centre.id);
    const b = await t.user('outreach', centre.id);
    const mine = await tokenOf(a);
    const theirs = await tokenOf(b);
    expect((await a.del(`/api/v1/auth/tokens/${theirs.id}`)).statusCode).toBe(404);
    expect(await works(theirs.token)).toBe(true);
    expect((await a.del(`/api/v1/auth/tokens/${mine.id}`)).statusCode).toBe(204);
    expect(await works(mine.token)).toBe(false);
    expect((await a.del(`/api/v1/auth/tokens/${mine.id}`)).statusCode).toBe(404);
    expect(expectStatus(await a.get('/api/v1/auth/tokens'), 200).total).toBe(0);
  });

  it('expires after ILTEO_TOKEN_DAYS by default; expiresInDays shortens or extends it up to 365', async () => {
    const a = await t.user('counsellor', centre.id);
    expect(days((await tokenOf(a)).expiresAt)).toBeCloseTo(30, 1);
    expect(days((await tokenOf(a, { name: '짧게', expiresInDays: 1 })).expiresAt)).toBeCloseTo(1, 1);
    expect(days((await tokenOf(a, { name: '길게', expiresInDays: 365 })).expiresAt)).toBeCloseTo(365, 1);
    const tooLong = await a.post('/api/v1/auth/tokens', { name: '영원히', expiresInDays: 366 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe('expiresInDays');
    // The database keeps no token without an end.
    await expect(
      t.db
        .updateTable('api_tokens')
        .set({ expires_at: null as unknown as Date })
        .where('user_id', '=', a.user.id)
        .execute(),
    ).rejects.toThrow(/null/);
  });
});

describe('API tokens and sessions die with the account’s changes', () => {
  async function staffWithToken() {
    const u = await t.user('counsellor', centre.id);
    const { token } = await tokenOf(u);
    expect(await works(token)).toBe(true);
    return { u, token };
  }

  it('a password change (reset by a manager)', async () => {
    const { u, token } = await staffWithToken();
    expectStatus(await boss.patch(`/api/v1/users/${u.user.id}`, { password: 'brand-new-pass-7' }), 200);
    expect(await works(token)).toBe(false);
    expect((await u.get('/api/v1/centres')).statusCode).toBe(401);
    expect(
      expectStatus(await (await t.as(u.login, 'brand-new-pass-7')).get('/api/v1/auth/tokens'), 200).total,
    ).toBe(0);
  });

  it('a disable, and the old token stays dead after the account is enabled again', async () => {
    const { u, token } = await staffWithToken();
    expectStatus(await boss.patch(`/api/v1/users/${u.user.id}`, { disabled: true }), 200);
    expect(await works(token)).toBe(false);
    expectStatus(await boss.patch(`/api/v1/users/${u.user.id}`, { disabled: false }), 200);
    expect(await works(token)).toBe(false);
    expect((await u.get('/api/v1/centres')).statusCode).toBe(401);
  });

  it('a role change', async () => {
    const { u, token } = await staffWithToken();
    expectStatus(await boss.patch(`/api/v1/users/${u.user.id}`, { role: 'outreach' }), 200);
    expect(await works(token)).toBe(false);
    expect((await u.get('/api/v1/centres')).statusCode).toBe(401);
  });

  it('a centre change', async () => {
    const admin = await t.user('admin', null);
    const { u, token } = await staffWithToken();
    expectStatus(await admin.patch(`/api/v1/users/${u.user.id}`, { centreId: other.id }), 200);
    expect(await works(token)).toBe(false);
    expect((await u.get('/api/v1/centres')).statusCode).toBe(401);
  });

  it('but not a change of name', async () => {
    const { u, token } = await staffWithToken();
    expectStatus(await boss.patch(`/api/v1/users/${u.user.id}`, { name: '새 이름' }), 200);
    expect(await works(token)).toBe(true);
    expect((await u.get('/api/v1/centres')).statusCode).toBe(200);
  });
});
