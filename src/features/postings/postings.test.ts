import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';
import { withBizRegCheckDigit } from '../../platform/domain/validate.ts';
import { postingJobs } from './postings.routes.ts';
import { seoulToday } from './postings.validate.ts';

const t = await testApp();
let n = 0;
const inDays = (d: number) => {
  const x = new Date(`${seoulToday()}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + d);
  return x.toISOString().slice(0, 10);
};
const pub = async (path: string) => t.app.inject({ method: 'GET', url: path });

async function employer(staff: Client, name: string, contacts = [{ name: '이수진', phone: '02-555-1234' }]) {
  const bizRegNo = withBizRegCheckDigit(`1358${String(++n).padStart(5, '0')}`);
  return expectStatus(
    await staff.post('/api/v1/employers', { name, bizRegNo, regionCode: '11680', contacts }),
    201,
  ) as { id: string };
}

function posting(employerId: string, over: Record<string, unknown> = {}) {
  return {
    employerId,
    title: '요양보호사 모집(주간보호센터)',
    occupationCode: '5501',
    duties: '어르신 신체활동 지원, 식사 보조, 송영 차량 동승',
    headcount: 2,
    employmentType: '10',
    wageType: 'H',
    wageMin: 11500, // above the minimum wage of 2026 and 2027
    workDays: '1',
    workHours: '09:00~18:00',
    regionCode: '11680',
    educationMin: '00',
    career: { type: 'Z' },
    certificates: ['요양보호사 1급'],
    preferences: ['B'],
    closesAt: inDays(30),
    ...over,
  };
}

const centre = await t.centre('서울강남일자리센터', null, '11680');
const staff = await t.user('counsellor', centre.id);

describe('posting validation', () => {
  it('names each bad field: past closing date, unknown KECO, non-detailed KECO, unknown region', async () => {
    const e = await employer(staff, '행복요양원');
    const p1 = expectStatus(
      await staff.post(
        '/api/v1/postings',
        posting(e.id, { closesAt: inDays(-1), occupationCode: '9999', regionCode: '11999' }),
      ),
      400,
    );
    expect(p1.errors.map((x: { field: string }) => x.field).sort()).toEqual([
      'closesAt',
      'occupationCode',
      'regionCode',
    ]);
    const p2 = expectStatus(
      await staff.post('/api/v1/postings', posting(e.id, { occupationCode: '550' })),
      400,
    );
    expect(p2.errors[0]).toMatchObject({ field: 'occupationCode' });
    expect(p2.errors[0].message).toContain('세분류');
    const p3 = expectStatus(
      await staff.post('/api/v1/postings', posting(e.id, { status: 'open', centreId: centre.id })),
      400,
    );
    expect(p3.errors.map((x: { field: string }) => x.field).sort()).toEqual(['centreId', 'status']);
    expect(await t.db.selectFrom('postings').select('id').execute()).toHaveLength(0);
  });
});

describe('KECO edition (issue 14)', () => {
  it('reads occupationCode in occupationEdition, "2018" when absent, and refuses a code of the other edition', async () => {
    const e = await employer(staff, '그린환경기술');
    const now = expectStatus(
      await staff.post(
        '/api/v1/postings',
        posting(e.id, { occupationCode: '1555', occupationEdition: '2025' }),
      ),
      201,
    );
    expect(now).toMatchObject({ occupationEdition: '2025', occupationName: '환경공학 기술자 및 연구원' });
    const old = expectStatus(
      await staff.post('/api/v1/postings', posting(e.id, { occupationCode: '1555' })),
      201,
    );
    expect(old).toMatchObject({ occupationEdition: '2018', occupationName: '보건위생·환경 검사원' });
    // 1352 데이터 분석가 is new in 2025: as a 2018 code it does not exist.
    const bad = expectStatus(
      await staff.post('/api/v1/postings', posting(e.id, { occupationCode: '1352' })),
      400,
    );
    expect(bad.errors.map((x: { field: string }) => x.field)).toEqual(['occupationCode']);
    const wrong = await staff.post('/api/v1/postings', posting(e.id, { occupationEdition: '2007' }));
    expect(wrong.statusCode).toBe(400);
    // The public lists of the lifecycle tests below start empty.
    for (const p of [now, old])
      expectStatus(await staff.post(`/api/v1/postings/${p.id}/status`, { status: 'closed' }), 200);
  });
});

describe('minimum wage (issue 15)', () => {
  it("refuses a wage below this year's minimum, monthly at 209 hours and daily at 8, with its own code", async () => {
    const e = await employer(staff, '최저임금확인상사');
    // Its own title, so that the public searches of the tests below do not find these.
    const low = (over: Record<string, unknown>) => posting(e.id, { title: '최저임금 확인 공고', ...over });
    const year = Number(seoulToday().slice(0, 4));
    const hourly = year >= 2027 ? 10_700 : 10_320;
    const monthly = expectStatus(
      await staff.post('/api/v1/postings', low({ wageType: 'M', wageMin: 1_500_000 })),
      400,
    );
    expect(monthly.code).toBe('posting.wageBelowMinimum');
    expect(monthly.errors).toEqual([expect.objectContaining({ field: 'wageMin' })]);
    expect(monthly.errors[0].message).toContain(hourly.toLocaleString('ko-KR'));
    const daily = expectStatus(
      await staff.post('/api/v1/postings', low({ wageType: 'D', wageMin: hourly * 8 - 1 })),
      400,
    );
    expect(daily.code).toBe('posting.wageBelowMinimum');
    expectStatus(await staff.post('/api/v1/postings', low({ wageType: 'H', wageMin: hourly - 1 })), 400);
    expectStatus(await staff.post('/api/v1/postings', low({ wageType: 'M', wageMin: hourly * 209 })), 201);
    expectStatus(await staff.post('/api/v1/postings', low({ wageType: 'D', wageMin: hourly * 8 })), 201);
    const p = expectStatus(await staff.post('/api/v1/postings', low({ wageMin: hourly })), 201);
    const lowered = expectStatus(
      await staff.patch(`/api/v1/postings/${p.id}`, { wageMin: hourly - 10 }),
      400,
    );
    expect(lowered.code).toBe('posting.wageBelowMinimum');
  });
});

describe('posting lifecycle', () => {
  it('employer submission is pending, hidden from the public until a counsellor approves it (구인인증)', async () => {
    const e = await employer(staff, '늘봄주간보호센터');
    const emp = await t.user('employer', null, { employerId: e.id });
    const other = await employer(staff, '다른회사');
    expectStatus(await emp.post('/api/v1/postings', posting(other.id)), 403);
    const created = expectStatus(
      await emp.post('/api/v1/postings', posting(e.id, { title: '주간보호 요양보호사 구인' })),
      201,
    );
    expect(created.status).toBe('pending');
    expect(created.wageMonthlyMin).toBe(11500 * 209);
    expectStatus(await pub(`/api/v1/postings/${created.id}`), 404);
    const before = expectStatus(await pub(`/api/v1/postings?q=${encodeURIComponent('주간보호')}`), 200);
    expect(before.items).toHaveLength(0);
    expectStatus(await emp.post(`/api/v1/postings/${created.id}/approve`), 403);
    const approved = expectStatus(await staff.post(`/api/v1/postings/${created.id}/approve`), 200);
    expect(approved.status).toBe('open');
    const twice = expectStatus(await staff.post(`/api/v1/postings/${created.id}/approve`), 409);
    // The status is named in Korean, not as its code.
    expect(twice.detail).toContain('현재 상태: 모집 중');
    expect(twice.errors[0].message).not.toContain('open');
    const after = expectStatus(await pub(`/api/v1/postings?q=${encodeURIComponent('주간보호')}`), 200);
    expect(after.items.map((p: { id: string }) => p.id)).toEqual([created.id]);
    const shown = expectStatus(await pub(`/api/v1/postings/${created.id}`), 200);
    expect(JSON.stringify(shown)).not.toContain('이수진');
    expect(JSON.stringify(shown)).not.toContain('555-1234');
    expect(shown).not.toHaveProperty('contacts');
  });

  it('returns a posting for changes with a reason the employer sees, who resubmits it; rejects another', async () => {
    const e = await employer(staff, '새솔요양원');
    const emp = await t.user('employer', null, { employerId: e.id });
    const p = expectStatus(
      await emp.post('/api/v1/postings', posting(e.id, { title: '요양보호사 야간' })),
      201,
    );
    // A reason is required (the field is named), and only staff decide.
    const blank = expectStatus(
      await staff.post(`/api/v1/postings/${p.id}/request-changes`, { reason: '  ' }),
      400,
    );
    expect(blank.errors.map((x: { field: string }) => x.field)).toEqual(['reason']);
    expectStatus(await emp.post(`/api/v1/postings/${p.id}/request-changes`, { reason: '제가 합니다' }), 403);
    const returned = expectStatus(
      await staff.post(`/api/v1/postings/${p.id}/request-changes`, { reason: '근무 시간을 적어 주세요' }),
      200,
    );
    expect(returned.status).toBe('returned');
    expect(returned.review).toMatchObject({ decision: 'returned', reason: '근무 시간을 적어 주세요' });
    // Not public, not approvable until resubmitted; the employer reads the reason.
    expectStatus(await pub(`/api/v1/postings/${p.id}`), 404);
    // Stored as its own status, so the refusal names it (not "작성 중", as when it was a draft).
    const stuck = expectStatus(await staff.post(`/api/v1/postings/${p.id}/approve`), 409);
    expect(stuck.detail).toContain('현재 상태: 보완 요청 중');
    expect(
      (await t.db.selectFrom('postings').select('status').where('id', '=', p.id).executeTakeFirstOrThrow())
        .status,
    ).toBe('returned');
    const seen = expectStatus(await emp.get(`/api/v1/postings/${p.id}`), 200);
    expect(seen.review.reason).toBe('근무 시간을 적어 주세요');
    const queue = expectStatus(await staff.get('/api/v1/postings?status=action&pageSize=100'), 200);
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(p.id);
    const again = expectStatus(
      await emp.patch(`/api/v1/postings/${p.id}`, { workHours: '22:00~07:00' }),
      200,
    );
    expect(again.status).toBe('pending');
    expect(again.review).toBeNull();
    expect(again.resubmittedAt).not.toBeNull();
    expect(again.lastReturnReason).toBe('근무 시간을 적어 주세요');
    expect(expectStatus(await staff.post(`/api/v1/postings/${p.id}/approve`), 200).status).toBe('open');
    const h = expectStatus(await emp.get(`/api/v1/postings/${p.id}/history`), 200);
    expect(h.items.map((r: { action: string }) => r.action)).toEqual([
      'create',
      'return',
      'resubmit',
      'approve',
    ]);
    expect(h.items[1]).toMatchObject({
      actorId: staff.user.id,
      changes: { reason: '근무 시간을 적어 주세요' },
    });

    const q = expectStatus(await emp.post('/api/v1/postings', posting(e.id, { title: '간호조무사' })), 201);
    const rejected = expectStatus(
      await staff.post(`/api/v1/postings/${q.id}/reject`, { reason: '이미 같은 공고가 게시 중입니다' }),
      200,
    );
    expect(rejected.status).toBe('rejected');
    const byStatus = expectStatus(await staff.get('/api/v1/postings?status=rejected&pageSize=100'), 200);
    expect(byStatus.items.map((x: { id: string }) => x.id)).toEqual([q.id]);
    expect(expectStatus(await staff.post(`/api/v1/postings/${q.id}/approve`), 409).detail).toContain(
      '현재 상태: 반려',
    );
    // Never published, so never closed or filled (the reports would count it as approved).
    expectStatus(await emp.post(`/api/v1/postings/${q.id}/status`, { status: 'closed' }), 409);
    // The report summary leaves rejected and returned postings out, as the live KPI does.
    await sql`SELECT report_refresh()`.execute(t.db);
    const summed = await sql<{ n: number }>`SELECT coalesce(sum(postings), 0)::int AS n
      FROM report_daily_postings WHERE centre_id = ${centre.id} AND occ = '*' AND region = '*'`.execute(t.db);
    const approved = await t.db
      .selectFrom('postings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('centre_id', '=', centre.id)
      .where('status', 'not in', ['draft', 'pending', 'rejected', 'returned'])
      .executeTakeFirstOrThrow();
    expect(summed.rows[0]?.n).toBe(Number(approved.n));
    const edit = expectStatus(await emp.patch(`/api/v1/postings/${q.id}`, { headcount: 3 }), 409);
    expect(edit.code).toBe('posting.rejected');
    // The employer is told through the notifications feature, with the reason, in the same transaction.
    const admin = await t.user('admin', centre.id);
    const sent = expectStatus(await admin.get(`/api/v1/notifications?recipientId=${e.id}`), 200);
    expect(sent.items.map((r: { templateKey: string }) => r.templateKey).sort()).toEqual([
      'posting_approved',
      'posting_rejected',
      'posting_rejected',
    ]);
  });

  it('keeps a history of edits with before/after, and closes a posting', async () => {
    const e = await employer(staff, '한솔회계법인');
    const p = expectStatus(
      await staff.post(
        '/api/v1/postings',
        posting(e.id, { title: '경리 사무원 채용', occupationCode: '0272', wageType: 'M', wageMin: 2300000 }),
      ),
      201,
    );
    expect(p.status).toBe('open');
    const changed = expectStatus(
      await staff.patch(`/api/v1/postings/${p.id}`, { wageMin: 2500000, headcount: 1 }),
      200,
    );
    expect(changed.wageMonthlyMin).toBe(2500000);
    const h = expectStatus(await staff.get(`/api/v1/postings/${p.id}/history`), 200);
    expect(h.items.map((r: { action: string }) => r.action)).toEqual(['create', 'update']);
    expect(h.items[1].actorId).toBe(staff.user.id);
    expect(h.items[1].changes).toEqual({
      wageMin: { before: 2300000, after: 2500000 },
      headcount: { before: 2, after: 1 },
    });
    const closed = expectStatus(
      await staff.post(`/api/v1/postings/${p.id}/status`, { status: 'filled' }),
      200,
    );
    expect(closed.status).toBe('filled');
    expectStatus(await pub(`/api/v1/postings/${p.id}`), 404);
    expectStatus(await staff.post(`/api/v1/postings/${p.id}/status`, { status: 'closed' }), 409);
  });

  it('expires postings past their closing day at once on reads, and the daily job stores it', async () => {
    const e = await employer(staff, '동부물류');
    const p = expectStatus(
      await staff.post('/api/v1/postings', posting(e.id, { title: '지게차 운전원', occupationCode: '6230' })),
      201,
    );
    await t.db
      .updateTable('postings')
      .set({ closes_at: inDays(-1) })
      .where('id', '=', p.id)
      .execute();
    const list = expectStatus(await pub(`/api/v1/postings?q=${encodeURIComponent('지게차')}`), 200);
    expect(list.total).toBe(0);
    expectStatus(await pub(`/api/v1/postings/${p.id}`), 404);
    expect(expectStatus(await staff.get(`/api/v1/postings/${p.id}`), 200).status).toBe('expired');
    const [job] = postingJobs(t.ctx);
    expect(job!.cron).toBe('5 0 * * *');
    await job!.handler({});
    const row = await t.db
      .selectFrom('postings')
      .select('status')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    const h = expectStatus(await staff.get(`/api/v1/postings/${p.id}/history`), 200);
    expect(h.items.at(-1).action).toBe('expire');
  });

  it('shows another centre only open postings, never its pending ones', async () => {
    const other = await t.centre('부산센터', null, '26110');
    const staffB = await t.user('counsellor', other.id);
    const e = await employer(staff, '가온식품');
    const emp = await t.user('employer', null, { employerId: e.id });
    const pending = expectStatus(
      await emp.post('/api/v1/postings', posting(e.id, { title: '한식 조리사', occupationCode: '5312' })),
      201,
    );
    expectStatus(await staffB.get(`/api/v1/postings/${pending.id}`), 404);
    expectStatus(await staffB.patch(`/api/v1/postings/${pending.id}`, { headcount: 3 }), 404);
    const l = expectStatus(await staffB.get('/api/v1/postings?status=pending'), 200);
    expect(l.items.map((x: { id: string }) => x.id)).not.toContain(pending.id);
    const mine = expectStatus(await staff.get('/api/v1/postings?status=pending'), 200);
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(pending.id);
  });
});
