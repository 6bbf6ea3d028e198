import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer } from '../../../test/support/factories.ts';
import { dueAfter } from '../calendar/calendar.service.ts';

// One-stop admin support requests (원스톱 행정지원): routing with the due date from the calendar,
// moves, the company's view of the answer, overdue lists and the report. Visits and agreements
// are in outreach.test.ts; department accounts in requests.department.test.ts.

const t = await testApp();

describe('outreach: one-stop admin support requests', async () => {
  const centre = await t.centre('서구일자리센터', null, '28260');
  const officer = await t.user('outreach', centre.id);
  const company = await buildEmployer(t.db, centre.id, { name: '서구정밀' });
  const employerUser = await t.user('employer', null, { employerId: company.id });
  const stranger = await t.user('employer', null, { employerId: (await buildEmployer(t.db, centre.id)).id });
  const admin = await t.user('admin', null);
  const building = expectStatus(
    await officer.post('/api/v1/departments', { name: '건축과', phone: '032-560-4000' }),
    201,
  );
  const economy = expectStatus(await officer.post('/api/v1/departments', { name: '일자리경제과' }), 201);

  it('routes a permit question with its due date, moves it on, and the company reads the answer', async () => {
    expectStatus(await officer.post('/api/v1/departments', { name: '건축과' }), 409);
    const deps = expectStatus(await officer.get('/api/v1/departments'), 200);
    expect(deps.items.map((d: { name: string }) => d.name)).toEqual(['건축과', '일자리경제과']);
    const req = expectStatus(
      await officer.post('/api/v1/outreach/requests', {
        employerId: company.id,
        category: 'permit',
        description: '공장 증축 허가에 필요한 서류 문의',
        departmentId: building.id,
      }),
      201,
    );
    const expected = await dueAfter({ db: t.db }, { receivedAt: new Date(req.receivedAt), days: 14 });
    expect(req).toMatchObject({
      status: 'routed',
      departmentName: '건축과',
      categoryName: '인허가(법정민원)',
    });
    expect(req.dueAt).toBe(expected.toISOString());
    expectStatus(
      await officer.post(`/api/v1/outreach/requests/${req.id}/events`, {
        status: 'in_progress',
        note: '담당 주무관 검토 중 (내부 메모)',
      }),
      200,
    );
    const answered = expectStatus(
      await officer.post(`/api/v1/outreach/requests/${req.id}/events`, {
        status: 'answered',
        note: '건축신고 대상입니다. 구청 민원실에 신고서를 내시면 됩니다.',
      }),
      200,
    );
    expect(answered).toMatchObject({ status: 'answered', onTime: true });
    expect(answered.events.map((e: { status: string }) => e.status)).toEqual([
      'routed',
      'in_progress',
      'answered',
    ]);
    // The company sees its request and the answer, not the staff's working notes.
    const mine = expectStatus(await employerUser.get('/api/v1/outreach/requests'), 200);
    expect(mine.items.map((r: { id: string }) => r.id)).toEqual([req.id]);
    const seen = expectStatus(await employerUser.get(`/api/v1/outreach/requests/${req.id}`), 200);
    expect(seen.answer).toContain('건축신고 대상');
    expect(seen.events.map((e: { note: string | null }) => e.note)).toEqual([
      null,
      null,
      '건축신고 대상입니다. 구청 민원실에 신고서를 내시면 됩니다.',
    ]);
    expectStatus(await stranger.get(`/api/v1/outreach/requests/${req.id}`), 404);
    expect(expectStatus(await stranger.get('/api/v1/outreach/requests'), 200).total).toBe(0);
    expectStatus(
      await employerUser.post(`/api/v1/outreach/requests/${req.id}/events`, { status: 'closed', note: 'x' }),
      403,
    );
    // Answered → routed is no move; closing is.
    const refused = expectStatus(
      await officer.post(`/api/v1/outreach/requests/${req.id}/events`, {
        status: 'routed',
        note: '다시',
        departmentId: economy.id,
      }),
      409,
    );
    expect(refused.code).toBe('request.move');
    expectStatus(
      await officer.post(`/api/v1/outreach/requests/${req.id}/events`, { status: 'closed', note: '종결' }),
      200,
    );
    // The company was told of the answer once, with the answer's transaction (issue 22).
    const told = expectStatus(await admin.get(`/api/v1/notifications?recipientId=${company.id}`), 200);
    const answeredNotices = told.items.filter(
      (n: { templateKey: string }) => n.templateKey === 'admin_request_answered',
    );
    expect(answeredNotices).toEqual([
      expect.objectContaining({
        recipientKind: 'employer',
        source: 'outreach.request_answered',
        category: 'info',
      }),
    ]);
    expect(['queued', 'deferred', 'sent']).toContain(answeredNotices[0].status);
    await expect(
      t.db
        .updateTable('admin_request_events')
        .set({ note: '고침' })
        .where('request_id', '=', req.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('re-routes to another department and lists what is overdue', async () => {
    const req = expectStatus(
      await officer.post('/api/v1/outreach/requests', {
        employerId: company.id,
        category: 'suggestion',
        description: '공단 앞 버스 노선 신설 건의',
        departmentId: building.id,
      }),
      201,
    );
    const moved = expectStatus(
      await officer.post(`/api/v1/outreach/requests/${req.id}/events`, {
        status: 'routed',
        note: '교통 소관으로 이관',
        departmentId: economy.id,
      }),
      200,
    );
    expect(moved.departmentName).toBe('일자리경제과');
    const noDept = expectStatus(
      await officer.post(`/api/v1/outreach/requests/${req.id}/events`, { status: 'routed', note: '이관' }),
      400,
    );
    expect(noDept.errors[0].field).toBe('departmentId');
    await t.db
      .updateTable('admin_requests')
      .set({ received_at: new Date('2026-01-05T01:00:00Z'), due_at: new Date('2026-01-23T09:00:00Z') })
      .where('id', '=', req.id)
      .execute();
    const overdue = expectStatus(await officer.get('/api/v1/outreach/requests?overdue=true'), 200);
    expect(overdue.items.map((r: { id: string; overdue: boolean }) => [r.id, r.overdue])).toEqual([
      [req.id, true],
    ]);
  });

  it('moves an open request’s due date when a holiday is declared later', async () => {
    const req = expectStatus(
      await officer.post('/api/v1/outreach/requests', {
        employerId: company.id,
        category: 'inquiry',
        description: '고용 지원금 신청 절차 문의',
        departmentId: economy.id,
      }),
      201,
    );
    const dueDay = new Date(new Date(req.dueAt).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    expectStatus(await admin.post('/api/v1/holidays', { date: dueDay, name: '임시공휴일(시험)' }), 201);
    const after = expectStatus(await officer.get(`/api/v1/outreach/requests/${req.id}`), 200);
    const expected = await dueAfter({ db: t.db }, { receivedAt: new Date(req.receivedAt), days: 7 });
    expect(after.dueAt).toBe(expected.toISOString());
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(req.dueAt).getTime());
  });

  it('counts requests answered, and on time, in the report', async () => {
    const manager = await t.user('manager', centre.id);
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const r = expectStatus(
      await manager.get(
        `/api/v1/reports/kpi?centreId=${centre.id}&from=${today.slice(0, 4)}-01-01&to=${today}`,
      ),
      200,
    );
    expect(r.figures).toMatchObject({
      adminRequestsAnswered: 1,
      adminRequestsOnTime: 1,
      adminRequestsOnTimeRate: 100,
    });
  });
});
