import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { buildSeeker } from './seekers.factory.ts';

const t = await testApp();
const { db } = t;

async function setup() {
  const a = await t.centre();
  const b = await t.centre();
  const ca = await t.user('counsellor', a.id);
  const cb = await t.user('counsellor', b.id);
  const s = expectStatus(await ca.post('/api/v1/seekers', buildSeeker({ name: '윤다은' })), 201);
  return { a, b, ca, cb, s };
}

describe('centre scoping and sharing by consent', () => {
  it('hides another centre’s seeker from every endpoint, also for random ids', async () => {
    const { ca, cb, s } = await setup();
    expectStatus(await cb.get(`/api/v1/seekers/${s.id}`), 404);
    expectStatus(await cb.patch(`/api/v1/seekers/${s.id}`, { keywords: ['x'] }), 404);
    expectStatus(
      await cb.post(`/api/v1/seekers/${s.id}/status`, { status: 'closed', reason: '테스트' }),
      404,
    );
    expectStatus(await cb.get(`/api/v1/seekers/${s.id}/consents`), 404);
    expect(expectStatus(await cb.get('/api/v1/seekers'), 200).total).toBe(0);
    // probing neighbouring and random ids
    const last = s.id.slice(-1);
    const neighbour = `${s.id.slice(0, -1)}${last === '0' ? '1' : '0'}`;
    expectStatus(await cb.get(`/api/v1/seekers/${neighbour}`), 404);
    expectStatus(await ca.get(`/api/v1/seekers/${uuidv7()}`), 404);
    expectStatus(await ca.get('/api/v1/seekers/not-a-uuid'), 400);
  });

  it('shares a minimal read-only view by consent and stops at once on withdrawal', async () => {
    const { ca, cb, s } = await setup();
    const consent = expectStatus(
      await ca.post(`/api/v1/seekers/${s.id}/consents`, {
        kind: 'share_network',
        recipients: '서울 권역 일자리센터',
        purpose: '일자리 알선',
        items: ['name', 'desired', 'phone'],
      }),
      201,
    );
    expect(consent.active).toBe(true);
    const seen = expectStatus(await cb.get(`/api/v1/seekers/${s.id}`), 200);
    expect(seen.shared).toBe(true);
    expect(seen.phone).not.toBeNull();
    expect(seen.email).toBeNull();
    expect(seen.address).toBeNull();
    expect(seen.targetGroups).toEqual([]);
    expect(expectStatus(await cb.get('/api/v1/seekers'), 200).total).toBe(1);
    expectStatus(await cb.patch(`/api/v1/seekers/${s.id}`, { keywords: ['x'] }), 404);
    const w = expectStatus(await ca.post(`/api/v1/seekers/${s.id}/consents/${consent.id}/withdraw`), 200);
    expect(w.active).toBe(false);
    expectStatus(await cb.get(`/api/v1/seekers/${s.id}`), 404);
    expect(expectStatus(await ca.get(`/api/v1/seekers/${s.id}`), 200).consent.shareWithNetwork).toBe(false);
    expectStatus(await ca.post(`/api/v1/seekers/${s.id}/consents/${consent.id}/withdraw`), 409);
  });

  it('detects a duplicate in a consenting seeker of another centre', async () => {
    const { cb } = await setup();
    const a2 = await t.centre();
    const c2 = await t.user('counsellor', a2.id);
    const body = buildSeeker({ name: '서지민', consent: { shareWithNetwork: true } });
    const s = expectStatus(await c2.post('/api/v1/seekers', body), 201);
    expect(s.consent.shareWithNetwork).toBe(true);
    expect(expectStatus(await cb.post('/api/v1/seekers', body), 409).existingId).toBe(s.id);
    expectStatus(await c2.patch(`/api/v1/seekers/${s.id}`, { consent: { shareWithNetwork: false } }), 200);
    expectStatus(await cb.post('/api/v1/seekers', body), 201);
  });

  it('records disability only with a sensitive-data consent', async () => {
    const { ca } = await setup();
    const no = expectStatus(
      await ca.post('/api/v1/seekers', buildSeeker({ targetGroups: ['disabled'] })),
      400,
    );
    expect(no.errors.map((e: { field: string }) => e.field)).toEqual(['targetGroups']);
    const yes = expectStatus(
      await ca.post(
        '/api/v1/seekers',
        buildSeeker({ name: '오세훈', targetGroups: ['disabled'], consent: { sensitive: true } }),
      ),
      201,
    );
    expect(yes.targetGroups).toEqual(['disabled']);
    const consents = expectStatus(await ca.get(`/api/v1/seekers/${yes.id}/consents`), 200).items;
    expect(consents).toHaveLength(1);
    expect(consents[0].kind).toBe('sensitive');
    const w = expectStatus(
      await ca.post(`/api/v1/seekers/${yes.id}/consents/${consents[0].id}/withdraw`),
      200,
    );
    expect(w.active).toBe(false);
    const after = expectStatus(await ca.get(`/api/v1/seekers/${yes.id}`), 200);
    expect(after.consent.sensitive).toBe(false);
    expect(after.targetGroups).toEqual([]);
  });

  it('lets a seeker user read and change their own profile only', async () => {
    const { a, s } = await setup();
    const me = await t.user('seeker', null, { seekerId: s.id });
    const own = expectStatus(await me.get('/api/v1/me'), 200);
    expect(own.id).toBe(s.id);
    const changed = expectStatus(
      await me.patch('/api/v1/me', { phone: '010-5555-1212', keywords: ['용접', '배관'] }),
      200,
    );
    expect(changed.phone).toBe('010-5555-1212');
    expectStatus(await me.patch('/api/v1/me', { status: 'employed' }), 400);
    expectStatus(await me.get(`/api/v1/seekers/${s.id}`), 403);
    expect(a.id).toBeTruthy();
  });
});

describe('status and total care', () => {
  async function referrals(centreId: string, seekerId: string, n: number) {
    const employerId = uuidv7();
    await db
      .insertInto('employers')
      .values({
        id: employerId,
        centre_id: centreId,
        name: '㈜대한정밀',
        biz_reg_no: withBizRegCheckDigit(String(Date.now()).slice(-9)),
        region_code: '11140',
      })
      .execute();
    for (let i = 0; i < n; i++) {
      const postingId = uuidv7();
      await db
        .insertInto('postings')
        .values({
          id: postingId,
          employer_id: employerId,
          centre_id: centreId,
          title: `용접원 모집 ${i + 1}`,
          occupation_code: '8241',
          duties: '배관 용접',
          headcount: 1,
          employment_type: '10',
          wage_type: 'M',
          wage_min: 2_800_000,
          wage_monthly_min: 2_800_000,
          region_code: '11140',
          education_min: '00',
          career_type: 'Z',
          closes_at: '2099-12-31',
          status: 'open',
        })
        .execute();
      await db
        .insertInto('referrals')
        .values({
          id: uuidv7(),
          seeker_id: seekerId,
          posting_id: postingId,
          centre_id: centreId,
          status: 'rejected',
        })
        .execute();
    }
  }

  it('keeps a status history with who, when and why', async () => {
    const { ca, s } = await setup();
    const r = expectStatus(
      await ca.post(`/api/v1/seekers/${s.id}/status`, {
        status: 'on_hold',
        reason: '건강 회복 후 재개 희망',
      }),
      200,
    );
    expect(r.status).toBe('on_hold');
    expect(r.statusReason).toBe('건강 회복 후 재개 희망');
    expectStatus(
      await ca.post(`/api/v1/seekers/${s.id}/status`, { status: 'active', reason: '구직활동 재개' }),
      200,
    );
    const h = expectStatus(await ca.get(`/api/v1/seekers/${s.id}/status-history`), 200).items;
    expect(h.map((x: { toStatus: string }) => x.toStatus)).toEqual(['active', 'on_hold']);
    expect(h[1]).toMatchObject({ fromStatus: 'active', changedBy: ca.user.id });
    expectStatus(await ca.post(`/api/v1/seekers/${s.id}/status`, { status: 'gone', reason: 'x' }), 400);
  });

  it('moves a seeker with 3 referrals into the intensive-care queue until employed', async () => {
    const { reevaluateCare } = await import('./care.service.ts');
    const { a, ca, cb, s } = await setup();
    await referrals(a.id, s.id, 2);
    await reevaluateCare(db, s.id);
    expect(expectStatus(await ca.get(`/api/v1/seekers/${s.id}`), 200).care).toBe('general');
    await referrals(a.id, s.id, 1);
    await db.transaction().execute((tx) => reevaluateCare(tx, s.id));
    const now = expectStatus(await ca.get(`/api/v1/seekers/${s.id}`), 200);
    expect(now.care).toBe('intensive');
    expect(now.careSince).not.toBeNull();
    const q = expectStatus(await ca.get('/api/v1/care/queue'), 200);
    expect(q).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(q.items[0]).toMatchObject({ seekerId: s.id, referralCount: 3, lastCounsellingAt: null });
    expect(expectStatus(await cb.get('/api/v1/care/queue'), 200).total).toBe(0);
    expect(expectStatus(await ca.get('/api/v1/seekers?care=intensive'), 200).total).toBe(1);
    expectStatus(
      await ca.post(`/api/v1/seekers/${s.id}/status`, { status: 'employed', reason: '㈜대한정밀 취업' }),
      200,
    );
    expect(expectStatus(await ca.get('/api/v1/care/queue'), 200).total).toBe(0);
    expect(expectStatus(await ca.get(`/api/v1/seekers/${s.id}`), 200).care).toBe('intensive');
  });

  it('follows the centre rule set by its manager', async () => {
    const { reevaluateCare } = await import('./care.service.ts');
    const { a, b, ca, s } = await setup();
    const m = await t.user('manager', a.id);
    expectStatus(await ca.put(`/api/v1/centres/${a.id}/care-rule`, { minReferrals: 1 }), 403);
    expectStatus(await m.put(`/api/v1/centres/${b.id}/care-rule`, { minReferrals: 1 }), 404);
    expectStatus(await m.put(`/api/v1/centres/${a.id}/care-rule`, { minReferrals: 0 }), 400);
    expect(
      expectStatus(await m.put(`/api/v1/centres/${a.id}/care-rule`, { minReferrals: 1 }), 200).minReferrals,
    ).toBe(1);
    await referrals(a.id, s.id, 1);
    await reevaluateCare(db, s.id);
    expect(
      expectStatus(await m.get('/api/v1/care/queue'), 200).items.map((x: { seekerId: string }) => x.seekerId),
    ).toEqual([s.id]);
  });
});
