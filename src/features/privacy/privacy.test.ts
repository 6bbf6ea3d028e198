import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../seekers/seekers.factory.ts';

const t = await testApp();
const { db, app } = t;

async function setup() {
  const a = await t.centre();
  const b = await t.centre();
  const m = await t.user('manager', a.id);
  const mb = await t.user('manager', b.id);
  const c = await t.user('counsellor', a.id);
  const s = expectStatus(
    await c.post('/api/v1/seekers', buildSeeker({ name: '강하린', consent: { shareWithNetwork: true } })),
    201,
  );
  return { a, b, m, mb, c, s };
}

describe('data-subject requests', () => {
  it('files a request due in 10 days, lists overdue ones, and keeps it to the centre', async () => {
    const { m, mb, c, s } = await setup();
    expectStatus(await c.post('/api/v1/privacy/requests', { seekerId: s.id, kind: 'access' }), 403);
    expectStatus(await mb.post('/api/v1/privacy/requests', { seekerId: s.id, kind: 'access' }), 404);
    const r = expectStatus(await m.post('/api/v1/privacy/requests', { seekerId: s.id, kind: 'access' }), 201);
    expect(new Date(r.dueAt).getTime() - new Date(r.receivedAt).getTime()).toBe(10 * 86_400_000);
    const old = expectStatus(
      await m.post('/api/v1/privacy/requests', {
        seekerId: s.id,
        kind: 'correction',
        receivedAt: new Date(Date.now() - 12 * 86_400_000).toISOString(),
      }),
      201,
    );
    const overdue = expectStatus(await m.get('/api/v1/privacy/requests?overdue=true'), 200);
    expect(overdue.items.map((x: { id: string }) => x.id)).toEqual([old.id]);
    expect(overdue.items[0].overdue).toBe(true);
    expect(expectStatus(await m.get('/api/v1/privacy/requests?status=open'), 200).total).toBe(2);
    expect(expectStatus(await mb.get('/api/v1/privacy/requests'), 200).total).toBe(0);
    expectStatus(
      await mb.post(`/api/v1/privacy/requests/${r.id}/complete`, { reason: '정보주체 열람 요청' }),
      404,
    );
  });

  it('answers an access request with a logged export that needs a reason', async () => {
    const { m, s } = await setup();
    const r = expectStatus(await m.post('/api/v1/privacy/requests', { seekerId: s.id, kind: 'access' }), 201);
    const noReason = expectStatus(await m.post(`/api/v1/privacy/requests/${r.id}/complete`, {}), 400);
    expect(noReason.errors[0].field).toBe('reason');
    const done = expectStatus(
      await m.post(`/api/v1/privacy/requests/${r.id}/complete`, { reason: '정보주체 열람 요청 처리' }),
      200,
    );
    expect(done.request.status).toBe('done');
    expect(done.export.profile.name).toBe('강하린');
    expect(done.export.consents).toHaveLength(1);
    const logs = await db
      .selectFrom('access_log')
      .select(['action', 'reason'])
      .where('subject_id', '=', s.id)
      .where('action', '=', 'download')
      .execute();
    expect(logs).toEqual([{ action: 'download', reason: '정보주체 열람 요청 처리' }]);
    expectStatus(await m.post(`/api/v1/privacy/requests/${r.id}/complete`, { reason: '다시' }), 409);
  });

  it('suspends a seeker: no longer shared, still visible to its own centre', async () => {
    const { m, mb, c, s } = await setup();
    const cb = await t.user(
      'counsellor',
      (
        await db
          .selectFrom('users')
          .select('centre_id')
          .where('id', '=', mb.user.id)
          .executeTakeFirstOrThrow()
      ).centre_id!,
    );
    expectStatus(await cb.get(`/api/v1/seekers/${s.id}`), 200);
    const r = expectStatus(
      await m.post('/api/v1/privacy/requests', { seekerId: s.id, kind: 'suspension' }),
      201,
    );
    expectStatus(await m.post(`/api/v1/privacy/requests/${r.id}/complete`, {}), 200);
    expectStatus(await cb.get(`/api/v1/seekers/${s.id}`), 404);
    expect(expectStatus(await c.get(`/api/v1/seekers/${s.id}`), 200).suspended).toBe(true);
  });

  it('deletes a seeker and dependent records in one go, keeping the access log', async () => {
    const { m, c, s } = await setup();
    const me = await t.user('seeker', null, { seekerId: s.id });
    const own = expectStatus(
      await me.post('/api/v1/me/privacy-requests', { kind: 'deletion', note: '탈퇴를 원합니다' }),
      201,
    );
    expect(own.channel).toBe('self');
    expectStatus(
      await c.post(`/api/v1/seekers/${s.id}/status`, { status: 'closed', reason: '삭제 요청' }),
      200,
    );
    const done = expectStatus(await m.post(`/api/v1/privacy/requests/${own.id}/complete`, {}), 200);
    expect(done.request).toMatchObject({
      status: 'done',
      result: 'deleted',
      seekerId: null,
      seekerRef: s.registrationNo,
    });
    expectStatus(await c.get(`/api/v1/seekers/${s.id}`), 404);
    for (const table of ['consents', 'seeker_status_history'] as const) {
      expect(await db.selectFrom(table).select('id').where('seeker_id', '=', s.id).execute()).toEqual([]);
    }
    expect(await db.selectFrom('users').select('id').where('seeker_id', '=', s.id).execute()).toEqual([]);
    const logs = await db.selectFrom('access_log').select('action').where('subject_id', '=', s.id).execute();
    expect(logs.map((l) => l.action)).toContain('create');
    expect(logs.map((l) => l.action)).toContain('delete');
  });
});

describe('portal self-registration', () => {
  it('lists centres publicly and registers a seeker with a login in one transaction', async () => {
    const a = await t.centre('강남일자리센터');
    const centres = await app.inject({ method: 'GET', url: '/api/v1/portal/centres?pageSize=100' });
    expect(centres.json().items.map((x: { id: string }) => x.id)).toContain(a.id);
    const body = {
      ...buildSeeker({ name: '임채원' }),
      centreId: a.id,
      login: 'chaewon.lim',
      password: 'seoul-2026!',
    };
    delete (body as { registeredAt?: string }).registeredAt;
    const res = await app.inject({ method: 'POST', url: '/api/v1/portal/register', payload: body });
    const r = expectStatus(res, 201);
    expect(r.registrationNo).toMatch(/^\d{4}-000001$/);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/register',
      payload: { ...body, name: '임채은' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('login');
    expect(await db.selectFrom('seekers').select('id').where('name', '=', '임채은').execute()).toEqual([]);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/register',
      payload: { ...body, login: 'chaewon2' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).not.toHaveProperty('existingId');
    const me = await t.as('chaewon.lim', 'seoul-2026!');
    const own = expectStatus(await me.get('/api/v1/me'), 200);
    expect(own).toMatchObject({ id: r.seekerId, channel: 'self', centreId: a.id });
  });
});
