import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { insertSeeker } from '../seekers/test-helpers.ts';

const t = await testApp();
const { db } = t;
const gangnam = await t.centre('강남일자리센터');
const busan = await t.centre('부산일자리센터', null, '26110');
const kim = await t.user('counsellor', gangnam.id);
const park = await t.user('counsellor', busan.id);

const logRows = (subjectId: string, action: 'view' | 'create' | 'update') =>
  db
    .selectFrom('access_log')
    .select(['actor_id', 'subject_type'])
    .where('subject_id', '=', subjectId)
    .where('action', '=', action)
    .execute();

describe('counselling records', () => {
  it('records a session, masks a resident registration number with a warning, and logs the access', async () => {
    const seeker = await insertSeeker(db, gangnam.id);
    const res = await kim.post(`/api/v1/seekers/${seeker}/counselling`, {
      at: '2026-03-02T10:00:00+09:00',
      channel: 'visit',
      type: 'intake',
      title: '초기상담',
      notes: '본인 확인 시 주민번호 900517-1234567 제시함. 용접 분야 희망.',
      nextContactAt: '2026-03-09T10:00:00+09:00',
    });
    const body = expectStatus(res, 201);
    expect(body.notes).toContain('900517-1******');
    expect(body.notes).not.toContain('1234567');
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0].field).toBe('notes');
    expect(body.at).toBe('2026-03-02T01:00:00.000Z');
    expect(body.counsellorId).toBe(kim.user.id);
    expect(await logRows(seeker, 'create')).toEqual([{ actor_id: kim.user.id, subject_type: 'counselling' }]);

    await kim.post(`/api/v1/seekers/${seeker}/counselling`, {
      at: '2026-03-05 15:00',
      channel: 'phone',
      type: 'follow_up',
      notes: '이력서 제출 확인',
    });
    const list = expectStatus(await kim.get(`/api/v1/seekers/${seeker}/counselling?pageSize=1`), 200);
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(list.items[0].channel).toBe('phone'); // newest first
    expect(await logRows(seeker, 'view')).toHaveLength(1);
  });

  it('names each bad field, in English on request, and saves nothing', async () => {
    const seeker = await insertSeeker(db, gangnam.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/seekers/${seeker}/counselling`,
      cookies: { ilteo_session: kim.cookie },
      headers: { 'x-csrf-token': kim.csrf, 'accept-language': 'en' },
      payload: {
        at: '2026-02-30T10:00',
        channel: 'visit',
        type: 'intake',
        notes: '메모',
        nextContactAt: 'soon',
      },
    });
    const body = expectStatus(res, 400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['at', 'nextContactAt']);
    expect(body.errors[0].message).toMatch(/date and time/);
    const bad = expectStatus(
      await kim.post(`/api/v1/seekers/${seeker}/counselling`, { channel: 'fax', centreId: gangnam.id }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['at', 'channel', 'type', 'notes', 'centreId']),
    );
    const n = await db.selectFrom('counselling').select('id').where('seeker_id', '=', seeker).execute();
    expect(n).toHaveLength(0);
  });

  it('answers 404 for seekers of another centre and unknown ids, and 403 for roles without access', async () => {
    const seeker = await insertSeeker(db, gangnam.id);
    const body = { at: '2026-03-02T10:00:00+09:00', channel: 'visit', type: 'intake', notes: '상담' };
    expect((await park.post(`/api/v1/seekers/${seeker}/counselling`, body)).statusCode).toBe(404);
    expect((await park.get(`/api/v1/seekers/${seeker}/counselling`)).statusCode).toBe(404);
    expect((await park.get(`/api/v1/seekers/${seeker}/plan`)).statusCode).toBe(404);
    expect((await kim.get(`/api/v1/seekers/${uuidv7()}/counselling`)).statusCode).toBe(404);
    const outreach = await t.user('outreach', gangnam.id);
    expect((await outreach.get(`/api/v1/seekers/${seeker}/counselling`)).statusCode).toBe(403);
    const admin = await t.user('admin', null);
    expect((await admin.get(`/api/v1/seekers/${seeker}/counselling`)).statusCode).toBe(200);
  });
});

describe('individual action plan', () => {
  it('creates a plan, adds steps, marks one done, and keeps other centres out', async () => {
    const seeker = await insertSeeker(db, gangnam.id);
    expect((await kim.get(`/api/v1/seekers/${seeker}/plan`)).statusCode).toBe(404);
    const plan = expectStatus(
      await kim.post(`/api/v1/seekers/${seeker}/plan`, { goal: '6개월 안에 용접 분야 정규직 취업' }),
      201,
    );
    expect(plan.steps).toEqual([]);
    expect(
      expectStatus(await kim.post(`/api/v1/seekers/${seeker}/plan`, { goal: '3개월 안에 취업' }), 200).goal,
    ).toBe('3개월 안에 취업');
    const s1 = expectStatus(
      await kim.post(`/api/v1/seekers/${seeker}/plan/steps`, {
        title: '특수용접기능사 취득',
        dueDate: '2026-01-10',
      }),
      201,
    );
    expect(s1.overdue).toBe(true);
    const s2 = expectStatus(
      await kim.post(`/api/v1/seekers/${seeker}/plan/steps`, { title: '이력서 작성', dueDate: '2026-12-31' }),
      201,
    );
    expect(s2.overdue).toBe(false);
    expect(
      (await kim.post(`/api/v1/seekers/${seeker}/plan/steps`, { title: '날짜', dueDate: '2026-02-30' }))
        .statusCode,
    ).toBe(400);
    const done = expectStatus(
      await kim.patch(`/api/v1/seekers/${seeker}/plan/steps/${s1.id}`, { done: true }),
      200,
    );
    expect(done).toMatchObject({ done: true, overdue: false });
    expect(done.doneAt).not.toBeNull();
    const got = expectStatus(await kim.get(`/api/v1/seekers/${seeker}/plan`), 200);
    expect(got.steps.map((s: { title: string }) => s.title)).toEqual(['특수용접기능사 취득', '이력서 작성']);
    expect(
      (await park.patch(`/api/v1/seekers/${seeker}/plan/steps/${s1.id}`, { done: false })).statusCode,
    ).toBe(404);
    const other = await insertSeeker(db, gangnam.id);
    expect(
      (await kim.patch(`/api/v1/seekers/${other}/plan/steps/${s1.id}`, { done: false })).statusCode,
    ).toBe(404);
    expect(await logRows(seeker, 'update')).toHaveLength(4);
  });
});

describe('caseload', () => {
  it('lists the counsellor’s seekers with overdue next contacts first and counts today’s', async () => {
    const lee = await t.user('counsellor', gangnam.id);
    const a = await insertSeeker(db, gangnam.id, { counsellorId: lee.user.id, name: '가나다' });
    const b = await insertSeeker(db, gangnam.id, { counsellorId: lee.user.id, name: '나다라' });
    const c = await insertSeeker(db, gangnam.id, { createdBy: lee.user.id, name: '다라마' });
    await insertSeeker(db, gangnam.id, { counsellorId: kim.user.id, createdBy: lee.user.id });
    const day = 86_400_000;
    const rec = (seekerId: string, at: number, next: number | null) =>
      db
        .insertInto('counselling')
        .values({
          id: uuidv7(),
          seeker_id: seekerId,
          centre_id: gangnam.id,
          at: new Date(at),
          channel: 'phone',
          type: 'follow_up',
          notes: '상담',
          next_contact_at: next === null ? null : new Date(next),
          counsellor_id: lee.user.id,
        })
        .execute();
    const now = Date.now();
    await rec(a, now - 20 * day, now - 10 * day); // older record, superseded below
    await rec(a, now - 5 * day, now + 7 * day); // a: next week
    await rec(b, now - 9 * day, now - 2 * day); // b: overdue
    const list = expectStatus(await lee.get('/api/v1/caseload'), 200);
    expect(list.items.map((i: { seekerId: string }) => i.seekerId)).toEqual([b, a, c]);
    expect(list).toMatchObject({ total: 3, overdue: 1, page: 1, pageSize: 20 });
    expect(list.items[0]).toMatchObject({ overdue: true, name: '나다라' });
    expect(list.items[2]).toMatchObject({ lastContactAt: null, nextContactAt: null, overdue: false });
    expect(list.items[1].lastContactAt).toBe(new Date(now - 5 * day).toISOString());

    const byManager = await t.user('manager', gangnam.id);
    expect(expectStatus(await byManager.get(`/api/v1/caseload?counsellorId=${lee.user.id}`), 200).total).toBe(
      3,
    );
    expect((await park.get(`/api/v1/caseload?counsellorId=${lee.user.id}`)).statusCode).toBe(404);
    expect((await lee.get('/api/v1/caseload?pageSize=101')).statusCode).toBe(400);
  });
});
