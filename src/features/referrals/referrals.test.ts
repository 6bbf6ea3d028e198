import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting, buildSeeker } from '../../../test/support/factories.ts';

const t = await testApp();

describe('referrals, employments and employer links', async () => {
  const centre = await t.centre('알선센터');
  const other = await t.centre('남의센터');
  const staff = await t.user('counsellor', centre.id);
  const outsider = await t.user('counsellor', other.id);
  const emp = await buildEmployer(t.db, centre.id, { name: '행복요양원' });
  const posting = (await buildPosting(t.db, centre.id, emp.id)).id;

  it('creates a referral, moves it along with history, refuses a duplicate and a bad move', async () => {
    const seeker = (await buildSeeker(t.db, centre.id)).id;
    const r = expectStatus(
      await staff.post('/api/v1/referrals', { seekerId: seeker, postingId: posting, note: '추천' }),
      201,
    );
    expect(r.status).toBe('referred');
    const dup = expectStatus(
      await staff.post('/api/v1/referrals', { seekerId: seeker, postingId: posting }),
      409,
    );
    expect(dup.detail).toContain('이미 진행 중인 알선');
    expectStatus(
      await staff.post(`/api/v1/referrals/${r.id}/status`, {
        status: 'interview',
        interviewAt: '2026-05-03T10:00',
        note: '면접 5/3',
      }),
      200,
    );
    const done = expectStatus(
      await staff.post(`/api/v1/referrals/${r.id}/status`, { status: 'rejected' }),
      200,
    );
    expect(done.events.map((e: { status: string }) => e.status)).toEqual([
      'referred',
      'interview',
      'rejected',
    ]);
    expect(done.closedAt).not.toBeNull();
    expectStatus(await staff.post(`/api/v1/referrals/${r.id}/status`, { status: 'hired' }), 409);
    // A closed referral frees the pair for a new one.
    expectStatus(await staff.post('/api/v1/referrals', { seekerId: seeker, postingId: posting }), 201);
    const list = expectStatus(await staff.get(`/api/v1/referrals?seekerId=${seeker}`), 200);
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expectStatus(await outsider.get(`/api/v1/referrals/${r.id}`), 404);
    expect(expectStatus(await outsider.get(`/api/v1/referrals?seekerId=${seeker}`), 200).total).toBe(0);
  });

  it('lets exactly one of 10 parallel referrals of the same pair through', async () => {
    const seeker = (await buildSeeker(t.db, centre.id)).id;
    const res = await Promise.all(
      Array.from({ length: 10 }, () =>
        staff.post('/api/v1/referrals', { seekerId: seeker, postingId: posting }),
      ),
    );
    expect(res.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(res.filter((r) => r.statusCode === 409)).toHaveLength(9);
    const n = await t.db
      .selectFrom('referrals')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('seeker_id', '=', seeker)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('refuses a seeker of another centre without consent (404) and a closed posting (409)', async () => {
    const theirs = (await buildSeeker(t.db, other.id)).id;
    expectStatus(await staff.post('/api/v1/referrals', { seekerId: theirs, postingId: posting }), 404);
    const closed = (await buildPosting(t.db, centre.id, emp.id, { status: 'closed' })).id;
    const mine = (await buildSeeker(t.db, centre.id)).id;
    expectStatus(await staff.post('/api/v1/referrals', { seekerId: mine, postingId: closed }), 409);
    const bad = expectStatus(
      await staff.post('/api/v1/referrals', { seekerId: 'x', note: 'x'.repeat(2001) }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'note',
      'postingId',
      'seekerId',
    ]);
  });

  it('hired creates one employment, marks the seeker employed and schedules 1/3/6-month follow-ups', async () => {
    const seeker = (await buildSeeker(t.db, centre.id)).id;
    const r = expectStatus(
      await staff.post('/api/v1/referrals', { seekerId: seeker, postingId: posting }),
      201,
    );
    expectStatus(
      await staff.post(`/api/v1/referrals/${r.id}/status`, { status: 'hired', at: '2026-03-31T03:00:00Z' }),
      200,
    );
    const list = expectStatus(await staff.get(`/api/v1/employments?seekerId=${seeker}`), 200);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      route: 'referral',
      employerName: '행복요양원',
      startDate: '2026-03-31',
      referralId: r.id,
    });
    const s = await t.db
      .selectFrom('seekers')
      .select('status')
      .where('id', '=', seeker)
      .executeTakeFirstOrThrow();
    expect(s.status).toBe('employed');
    const f = await t.db
      .selectFrom('retention_followups')
      .select(['months', 'due_date'])
      .where('seeker_id', '=', seeker)
      .orderBy('months')
      .execute();
    expect(f).toEqual([
      { months: 1, due_date: '2026-04-30' },
      { months: 3, due_date: '2026-06-30' },
      { months: 6, due_date: '2026-09-30' },
    ]);
    const overdue = expectStatus(await staff.get('/api/v1/followups?due=overdue'), 200);
    const mine = overdue.items.filter((x: { seekerId: string }) => x.seekerId === seeker);
    expect(mine.length).toBeGreaterThan(0);
    expectStatus(
      await staff.post(`/api/v1/followups/${mine[0].id}`, { result: 'employed', note: '근속 중' }),
      200,
    );
    expectStatus(await staff.post(`/api/v1/followups/${mine[0].id}`, { result: 'left' }), 409);
    expectStatus(await outsider.post(`/api/v1/followups/${mine[0].id}`, { result: 'left' }), 404);
  });

  it('records a manual employment and names every bad field in Korean or English', async () => {
    const seeker = (await buildSeeker(t.db, centre.id)).id;
    const bad = expectStatus(
      await staff.post('/api/v1/employments', { seekerId: seeker, route: 'walk', startDate: '2026/01/01' }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['route', 'startDate']);
    const noName = expectStatus(
      await staff.post(
        '/api/v1/employments',
        { seekerId: seeker, route: 'self', startDate: '2026-02-01' },
        { 'accept-language': 'en' },
      ),
      400,
    );
    expect(noName.errors).toEqual([{ field: 'employerName', message: expect.any(String) }]);
    const e = expectStatus(
      await staff.post('/api/v1/employments', {
        seekerId: seeker,
        employerName: '동네카페',
        route: 'self',
        startDate: '2026-02-01',
        wageType: 'H',
        wage: 10030,
      }),
      201,
    );
    expect(e).toMatchObject({ route: 'self', employerName: '동네카페', employerId: null });
    const n = await t.db
      .selectFrom('retention_followups')
      .select('id')
      .where('employment_id', '=', e.id)
      .execute();
    expect(n).toHaveLength(3);
    expectStatus(
      await outsider.post('/api/v1/employments', {
        seekerId: seeker,
        employerName: 'x',
        route: 'self',
        startDate: '2026-02-01',
      }),
      404,
    );
  });

  it('lets the employer answer once through a signed link, then refuses reuse and expired links', async () => {
    await t.db.updateTable('seekers').set({ name: '홍길동' }).execute();
    const seeker = (await buildSeeker(t.db, centre.id, { name: '홍길동', certificates: ['요양보호사'] })).id;
    const r = expectStatus(
      await staff.post('/api/v1/referrals', { seekerId: seeker, postingId: posting }),
      201,
    );
    const link = expectStatus(await staff.post(`/api/v1/referrals/${r.id}/employer-link`), 201);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(13 * 86_400_000);
    const path = new URL(link.url).pathname;
    const page = await t.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('홍*동');
    expect(page.body).not.toContain('홍길동');
    expect(page.body).not.toContain('1980');
    const binding = /name="binding" value="([^"]+)"/.exec(page.body)![1]!;
    const forged = await t.app.inject({
      method: 'POST',
      url: path,
      payload: { status: 'hired', binding: 'nope' },
    });
    expect(forged.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: path,
      payload: { status: 'interview', note: '수요일 면접', binding },
    });
    expect(ok.statusCode).toBe(200);
    const detail = expectStatus(await staff.get(`/api/v1/referrals/${r.id}`), 200);
    expect(detail.status).toBe('interview');
    expect(detail.events.at(-1)).toMatchObject({
      actorKind: 'employer_link',
      note: '수요일 면접',
      actorId: null,
    });
    const again = await t.app.inject({ method: 'POST', url: path, payload: { status: 'hired', binding } });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('만료되었거나 이미 사용');
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(410);
    const logged = await t.db
      .selectFrom('access_log')
      .select('reason')
      .where('subject_id', '=', seeker)
      .where('actor_id', 'is', null)
      .execute();
    expect(logged.map((l) => l.reason)).toContain('employer link');
    const second = expectStatus(await staff.post(`/api/v1/referrals/${r.id}/employer-link`), 201);
    await t.db
      .updateTable('referral_links')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('used_at', 'is', null)
      .execute();
    expect((await t.app.inject({ method: 'GET', url: new URL(second.url).pathname })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: `${path}x` })).statusCode).toBe(404);
  });
});
