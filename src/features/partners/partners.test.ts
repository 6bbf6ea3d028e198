import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';

const t = await testApp();
const centreA = await t.centre('강원대학교 연계센터', null, '51110');
const centreB = await t.centre('다른 센터', null, '11140');
const admin = await t.user('admin', null);
const ca = await t.user('counsellor', centreA.id);
const cb = await t.user('counsellor', centreB.id);
let n = 0;

/** A request with a partner key (no cookie). */
function withKey(key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(payload ? { payload } : {}),
  });
}

async function partner(scopes: string[], over: Record<string, unknown> = {}) {
  return expectStatus(
    await admin.post('/api/v1/partners', {
      name: `대학일자리센터${++n}`,
      centreId: centreA.id,
      scopes,
      ...over,
    }),
    201,
  ) as { id: string; key: string; keys: { prefix: string }[] };
}

async function employer(staff: Client) {
  const bizRegNo = withBizRegCheckDigit(`2208${String(++n).padStart(5, '0')}`);
  return expectStatus(
    await staff.post('/api/v1/employers', { name: `협력기업${n}`, bizRegNo, regionCode: '51110' }),
    201,
  ) as { id: string };
}

describe('partner keys', () => {
  it('are issued by admins only, shown once with a prefix and stored hashed', async () => {
    const manager = await t.user('manager', centreA.id);
    const refused = expectStatus(
      await manager.post('/api/v1/partners', { name: 'x', centreId: centreA.id, scopes: ['postings:read'] }),
      403,
    );
    expect(refused.code).toBe('forbidden');
    const p = await partner(['postings:read']);
    expect(p.key).toMatch(/^ilp_live_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(p.key.startsWith(p.keys[0]!.prefix)).toBe(true);
    const rows = await t.db.selectFrom('partner_keys').selectAll().where('partner_id', '=', p.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(p.key.slice(-43));
    const list = expectStatus(await admin.get('/api/v1/partners'), 200);
    const shown = list.items.find((i: { id: string }) => i.id === p.id);
    expect(shown.lastUsedAt).toBeNull();
    expect(JSON.stringify(list)).not.toContain(p.key);
    expectStatus(await withKey(p.key, 'GET', '/api/v1/postings'), 200);
    const after = expectStatus(await admin.get('/api/v1/partners'), 200);
    expect(after.items.find((i: { id: string }) => i.id === p.id).lastUsedAt).not.toBeNull();
    // A made-up key of the right shape, and a malformed one, are 401.
    expectStatus(await withKey(`ilp_live_aaaaaaaaaaaa_${'A'.repeat(43)}`, 'GET', '/api/v1/postings'), 401);
    expectStatus(await withKey(`${p.key}x`, 'GET', '/api/v1/postings'), 401);
  });

  it('act only within their scopes: 403 partner.scope naming the scope, nothing written', async () => {
    const p = await partner(['postings:read', 'referrals:write']);
    const e = await employer(ca);
    expectStatus(await withKey(p.key, 'GET', '/api/v1/postings'), 200);
    expectStatus(await withKey(p.key, 'GET', `/api/v1/employers/${e.id}`), 200);
    const cases: [string, 'GET' | 'POST', string, object | undefined][] = [
      ['postings:write', 'POST', '/api/v1/postings', { employerId: e.id, title: '간호조무사' }],
      ['seekers:read_consented', 'GET', '/api/v1/seekers', undefined],
    ];
    for (const [scope, method, url, body] of cases) {
      const r = expectStatus(await withKey(p.key, method, url, body), 403);
      expect(r.code).toBe('partner.scope');
      expect(r.scope).toBe(scope);
      expect(r.detail).toContain(scope);
    }
    // Permissions no scope grants: users, partners, counselling, audit.
    for (const url of ['/api/v1/users', '/api/v1/partners', '/api/v1/audit']) {
      const r = expectStatus(await withKey(p.key, 'GET', url), 403);
      expect(r.code).toBe('partner.scope');
      expect(r.scope).toBeNull();
    }
    const count = await t.db
      .selectFrom('postings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('employer_id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    // The same key with postings:write passes the scope check (its own rules decide the rest).
    const w = await partner(['postings:write']);
    const r = await withKey(w.key, 'POST', '/api/v1/postings', { employerId: e.id });
    expect(r.statusCode).toBe(400);
  });

  it('stop working at once when revoked (401 on the next request)', async () => {
    const p = await partner(['postings:read']);
    expectStatus(await withKey(p.key, 'GET', '/api/v1/postings'), 200);
    const revoked = expectStatus(await admin.post(`/api/v1/partners/${p.id}/revoke`), 200);
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.keys[0].revokedAt).not.toBeNull();
    expectStatus(await withKey(p.key, 'GET', '/api/v1/postings'), 401);
    expectStatus(await admin.post(`/api/v1/partners/${p.id}/revoke`), 409);
    const log = await t.db
      .selectFrom('permission_log')
      .select('change')
      .where(
        'user_id',
        '=',
        (await t.db.selectFrom('partners').select('user_id').where('id', '=', p.id).executeTakeFirstOrThrow())
          .user_id,
      )
      .execute();
    expect(log.map((l) => l.change).sort()).toEqual(['grant', 'revoke']);
  });

  it('are rate-limited per key: 429 with Retry-After past the rate, other keys unaffected', async () => {
    const p = await partner(['postings:read'], { ratePerMinute: 2 });
    const other = await partner(['postings:read'], { ratePerMinute: 2 });
    const codes: number[] = [];
    let limited: { headers: Record<string, unknown>; body: string } | null = null;
    // Six requests at a limit of two: even across one minute boundary at most four pass.
    for (let i = 0; i < 6; i++) {
      const r = await withKey(p.key, 'GET', '/api/v1/postings');
      codes.push(r.statusCode);
      if (r.statusCode === 429) limited = r;
    }
    expect(codes.filter((c) => c === 200).length).toBeLessThanOrEqual(4);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(2);
    expect(limited).not.toBeNull();
    const retry = Number(limited!.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(JSON.parse(limited!.body).code).toBe('partner.rateLimited');
    expectStatus(await withKey(other.key, 'GET', '/api/v1/postings'), 200);
  });
});

describe('seekers given to a partner (제3자 제공)', () => {
  it('reads only seekers whose consent names it (or the network, in its centre), logging each provision', async () => {
    const p = await partner(['seekers:read_consented', 'referrals:write']);
    const q = await partner(['seekers:read_consented']);
    const seeker = async (staff: Client, name: string) =>
      expectStatus(await staff.post('/api/v1/seekers', buildSeeker({ name })), 201) as { id: string };
    const consent = async (staff: Client, id: string, body: Record<string, unknown>) =>
      expectStatus(
        await staff.post(`/api/v1/seekers/${id}/consents`, {
          kind: 'share_network',
          recipients: '강원대학교 대학일자리센터',
          purpose: '취업 연계',
          items: ['name', 'desired'],
          ...body,
        }),
        201,
      );
    const named = await seeker(ca, '박지민');
    const c1 = await consent(ca, named.id, { recipientPartnerIds: [p.id] });
    expect(c1).toMatchObject({ recipientPartnerIds: [p.id], network: false });
    const network = await seeker(ca, '이서연');
    const c2 = await consent(ca, network.id, { recipients: '일터 연계 일자리센터 및 협력기관' });
    expect(c2).toMatchObject({ recipientPartnerIds: [], network: true });
    const otherPartner = await seeker(ca, '최하늘');
    await consent(ca, otherPartner.id, { recipientPartnerIds: [q.id] });
    const none = await seeker(ca, '정우진');
    const elsewhere = await seeker(cb, '한지우');
    await consent(cb, elsewhere.id, {});
    // An unknown partner is a 400 naming the field.
    const bad = expectStatus(
      await ca.post(`/api/v1/seekers/${none.id}/consents`, {
        kind: 'share_network',
        recipients: 'x',
        purpose: 'x',
        items: ['name'],
        recipientPartnerIds: [centreA.id],
      }),
      400,
    );
    expect(bad.errors[0].field).toBe('recipientPartnerIds');

    const list = expectStatus(await withKey(p.key, 'GET', '/api/v1/seekers'), 200);
    expect(list.items.map((s: { id: string }) => s.id).sort()).toEqual([named.id, network.id].sort());
    expect(list.items.every((s: { shared: boolean; phone: unknown }) => s.shared && s.phone === null)).toBe(
      true,
    );
    const one = expectStatus(await withKey(p.key, 'GET', `/api/v1/seekers/${named.id}`), 200);
    expect(one.name).toBe('박지민');
    for (const id of [otherPartner.id, none.id, elsewhere.id])
      expectStatus(await withKey(p.key, 'GET', `/api/v1/seekers/${id}`), 404);
    // The partner named by the other consent sees that one.
    expectStatus(await withKey(q.key, 'GET', `/api/v1/seekers/${otherPartner.id}`), 200);
    // Another centre's staff no longer see a consent that names a partner only.
    expectStatus(await cb.get(`/api/v1/seekers/${named.id}`), 404);
    expectStatus(await cb.get(`/api/v1/seekers/${network.id}`), 200);

    const ledger = expectStatus(await admin.get(`/api/v1/partners/provisions?partnerId=${p.id}`), 200);
    expect(ledger.total).toBe(3);
    const views = ledger.items.filter((r: { action: string }) => r.action === 'view');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      seekerId: named.id,
      recipient: expect.stringContaining('대학일자리센터'),
      purpose: '구직자 취업지원 및 일자리 연계',
      items: ['desired', 'name'],
    });
    // Staff reads are not provisions.
    expectStatus(await ca.get(`/api/v1/seekers/${named.id}`), 200);
    const again = expectStatus(await admin.get(`/api/v1/partners/provisions?seekerId=${named.id}`), 200);
    expect(again.total).toBe(2);
    // A withdrawn consent stops the provision at once.
    await ca.post(`/api/v1/seekers/${named.id}/consents/${c1.id}/withdraw`);
    expectStatus(await withKey(p.key, 'GET', `/api/v1/seekers/${named.id}`), 404);
  });

  it('shows the pages to admins: keys issued once, the ledger', async () => {
    const page = await admin.get('/staff/admin/partners');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('협력 기관 API 키');
    const form = await t.app.inject({
      method: 'POST',
      url: '/staff/admin/partners',
      cookies: { ilteo_session: admin.cookie },
      payload: `_csrf=${admin.csrf}&name=${encodeURIComponent('춘천시 청년센터')}&centreId=${centreA.id}&scopes=postings:read&scopes=events:read`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(201);
    const key = /ilp_live_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/.exec(form.body)?.[0];
    expect(key).toBeDefined();
    expectStatus(await withKey(key!, 'GET', '/api/v1/postings'), 200);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/staff/admin/partners',
      cookies: { ilteo_session: admin.cookie },
      payload: `_csrf=${admin.csrf}&name=&centreId=${centreA.id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(missing.statusCode).toBe(400);
    expect((await admin.get('/staff/admin/partners/provisions')).statusCode).toBe(200);
    expect((await ca.get('/staff/admin/partners')).statusCode).toBe(403);
  });
});
