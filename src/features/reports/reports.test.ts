import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { getKpiReport } from './reports.service.ts';

const t = await testApp();
const { app, db } = t;

// Centres: province P with centres A and B below it.
const P = await t.centre('도 일자리센터');
const A = await t.centre('서구 일자리센터', P.id);
const B = await t.centre('중구 일자리센터', P.id);
const managerP = await t.user('manager', P.id);
const managerA = await t.user('manager', A.id);
const counsellorA = await t.user('counsellor', A.id);
const counsellorB = await t.user('counsellor', B.id);

/**
 * Bulk seekers straight in SQL (the API would take minutes for 56,065): registered evenly over
 * the year, target groups / occupation / region cycling so the filters have something to cut.
 */
async function seekers(centreId: string, prefix: string, n: number, year: number, employed: number) {
  // The matching index reloads one row per change notification; 57,000 of them would keep it
  // busy long after this file ends, and these tests do not use it.
  await sql`ALTER TABLE seekers DISABLE TRIGGER seekers_notify`.execute(db);
  await sql`
    INSERT INTO seekers (id, centre_id, registration_no, name, birth_date, phone_enc, phone_bi, region_code,
      education_level, target_groups, desired_occupations, registered_at)
    SELECT gen_random_uuid(), ${centreId}::uuid, ${prefix} || '-' || i, '구직자' || i, '1990-01-01', 'x', 'x',
      CASE WHEN i % 2 = 0 THEN '11140' ELSE '41110' END, '04',
      CASE i % 3 WHEN 0 THEN ARRAY['youth'] WHEN 1 THEN ARRAY['youth', 'low_income'] ELSE ARRAY[]::text[] END,
      ARRAY[CASE WHEN i % 4 = 0 THEN '1311' ELSE '0211' END],
      make_date(${year}, 1, 1) + (i % 365)
    FROM generate_series(1, ${n}) i`.execute(db);
  // The first `employed` of them (by number) start a job 0–29 days after registering.
  await sql`
    INSERT INTO employments (id, seeker_id, centre_id, employer_name, start_date, route)
    SELECT gen_random_uuid(), s.id, s.centre_id, '(주)일터', s.registered_at + (n % 30),
      CASE WHEN n % 2 = 0 THEN 'referral' ELSE 'self' END
    FROM (SELECT s.*, split_part(s.registration_no, '-', 2)::int AS n FROM seekers s
          WHERE s.centre_id = ${centreId}::uuid AND s.registration_no LIKE ${`${prefix}-%`}) s
    WHERE s.n <= ${employed}`.execute(db);
  await sql`ALTER TABLE seekers ENABLE TRIGGER seekers_notify`.execute(db);
}

await seekers(A.id, 'A24', 56065, 2024, 27846);
await seekers(A.id, 'A23', 1000, 2023, 400);

async function seekerId(regNo: string) {
  const r = await db
    .selectFrom('seekers')
    .select(['id', 'centre_id'])
    .where('registration_no', '=', regNo)
    .executeTakeFirstOrThrow();
  return r.id;
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('KPI report', () => {
  it('gives successRate 49.7 for 27,846 employed of 56,065 registered, with the previous year', async () => {
    const r = expectStatus(
      await managerA.get(`/api/v1/reports/kpi?${q({ from: '2024-01-01', to: '2024-12-31' })}`),
      200,
    );
    expect(r.centreId).toBe(A.id);
    expect(r.figures.seekersRegistered).toBe(56065);
    expect(r.figures.employedSeekers).toBe(27846);
    expect(r.figures.successRate).toBe(49.7);
    expect(r.previousYear.from).toBe('2023-01-01');
    expect(r.previousYear.seekersRegistered).toBe(1000);
    expect(r.previousYear.employedSeekers).toBe(400);
    expect(r.previousYear.successRate).toBe(40);
    expect(r.definitions.map((d: { id: string }) => d.id)).toContain('successRate');
  });

  it('computes the same figures from the summary and from the source tables, for every filter', async () => {
    const actor = {
      userId: managerA.user.id,
      login: 'm',
      name: 'm',
      role: 'manager',
      centreId: A.id,
      employerId: null,
      seekerId: null,
      centreScope: [A.id],
      via: 'session',
      sessionId: null,
    } satisfies Actor;
    for (const f of [
      {},
      { targetGroup: 'low_income' },
      { occupation: '1' },
      { regionCode: '41' },
      { targetGroup: 'youth', occupation: '0', regionCode: '11' },
      { occupation: '13' },
      { regionCode: '41110' },
    ]) {
      const query = { from: '2024-02-10', to: '2024-11-05', ...f };
      const summary = await getKpiReport(db, actor, query);
      const live = await getKpiReport(db, actor, query, { mode: 'live' });
      expect(summary.figures).toEqual(live.figures);
      expect(summary.previousYear).toEqual(live.previousYear);
    }
  });

  it('follows the edge cases of the definitions', async () => {
    // In centre B: one seeker employed before registering, one employed the same day.
    await seekers(B.id, 'EB', 2, 2024, 0);
    const before = await seekerId('EB-1');
    const same = await seekerId('EB-2');
    await sql`UPDATE seekers SET registered_at = '2024-03-10' WHERE id IN (${before}::uuid, ${same}::uuid)`.execute(
      db,
    );
    await sql`INSERT INTO employments (id, seeker_id, centre_id, employer_name, start_date, route) VALUES
      (gen_random_uuid(), ${before}::uuid, ${B.id}::uuid, '가', '2024-03-01', 'self'),
      (gen_random_uuid(), ${same}::uuid, ${B.id}::uuid, '나', '2024-03-10', 'self')`.execute(db);
    // 2024-03-31 15:30 UTC is 1 April in Seoul; 2024-02-29 15:00 UTC is 1 March in Seoul.
    await sql`INSERT INTO counselling (id, seeker_id, centre_id, at, channel, type, notes) VALUES
      (gen_random_uuid(), ${same}::uuid, ${B.id}::uuid, '2024-03-31T15:30:00Z', 'phone', 'guidance', '-'),
      (gen_random_uuid(), ${same}::uuid, ${B.id}::uuid, '2024-02-29T15:00:00Z', 'visit', 'intake', '-'),
      (gen_random_uuid(), ${same}::uuid, ${B.id}::uuid, '2024-03-15T03:00:00Z', 'online', 'guidance', '-')`.execute(
      db,
    );
    const r = expectStatus(
      await counsellorB.get(`/api/v1/reports/kpi?${q({ from: '2024-03-01', to: '2024-03-31' })}`),
      200,
    );
    expect(r.figures.seekersRegistered).toBe(2);
    expect(r.figures.employedSeekers).toBe(1);
    expect(r.figures.successRate).toBe(50);
    expect(r.figures.hires).toBe(2);
    expect(r.figures.consultations).toBe(2);
    expect(r.figures.consultationsByChannel).toMatchObject({ visit: 1, online: 1, phone: 0 });
    // Retention follow-ups of the same-day hire: kept at 1 month, left by 3, 6 not done yet.
    await sql`INSERT INTO retention_followups (id, employment_id, seeker_id, centre_id, months, due_date, done_at, result, left_on)
      SELECT gen_random_uuid(), e.id, e.seeker_id, e.centre_id, m, e.start_date + m * 30,
        CASE WHEN m < 6 THEN now() END, CASE m WHEN 1 THEN 'employed' WHEN 3 THEN 'left' END,
        CASE m WHEN 3 THEN e.start_date + 60 END
      FROM employments e, unnest(ARRAY[1, 3, 6]) m WHERE e.seeker_id = ${same}::uuid`.execute(db);
    const kept = expectStatus(
      await counsellorB.get(`/api/v1/reports/kpi?${q({ from: '2024-03-01', to: '2024-03-31' })}`),
      200,
    );
    expect([kept.figures.retention1m, kept.figures.retention3m, kept.figures.retention6m]).toEqual([
      100,
      0,
      null,
    ]);
    const april = expectStatus(
      await counsellorB.get(`/api/v1/reports/kpi?${q({ from: '2024-04-01', to: '2024-04-30' })}`),
      200,
    );
    expect(april.figures.consultations).toBe(1);
    expect(april.figures.successRate).toBeNull();
  });

  it('scopes by centre: 404 outside the subtree, subtree totals for a province manager', async () => {
    const res = await counsellorB.get(
      `/api/v1/reports/kpi?${q({ centreId: A.id, from: '2024-01-01', to: '2024-12-31' })}`,
    );
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const period = q({ from: '2024-01-01', to: '2024-12-31' });
    const a = expectStatus(await managerA.get(`/api/v1/reports/kpi?${period}`), 200);
    const b = expectStatus(await counsellorB.get(`/api/v1/reports/kpi?${period}`), 200);
    const p = expectStatus(await managerP.get(`/api/v1/reports/kpi?${period}`), 200);
    expect(p.centreId).toBe(P.id);
    expect(p.figures.seekersRegistered).toBe(a.figures.seekersRegistered + b.figures.seekersRegistered);
    expect(p.figures.hires).toBe(a.figures.hires + b.figures.hires);
    const pa = expectStatus(
      await managerP.get(
        `/api/v1/reports/kpi?${q({ centreId: A.id, from: '2024-01-01', to: '2024-12-31' })}`,
      ),
      200,
    );
    expect(pa.figures.seekersRegistered).toBe(56065);
  });

  it('names the field of bad input (400 problem+json, Korean and English)', async () => {
    const r1 = await managerA.get(`/api/v1/reports/kpi?${q({ from: '2024-05-01', to: '2024-04-01' })}`);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().errors[0].field).toBe('to');
    const r2 = await managerA.get(`/api/v1/reports/kpi?${q({ targetGroup: 'aliens' })}`, {
      'accept-language': 'en',
    });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().errors[0]).toMatchObject({ field: 'targetGroup', message: 'Unknown code: aliens' });
    const r3 = await managerA.get(`/api/v1/reports/kpi?${q({ from: '2024-02-30' })}`);
    expect(r3.json().errors[0].field).toBe('from');
    const r4 = await managerA.get(`/api/v1/reports/breakdown?${q({ by: 'weekday' })}`);
    expect(r4.statusCode).toBe(400);
    expect(r4.json().errors[0].field).toBe('by');
  });
});

describe('exports', () => {
  const period = q({ from: '2024-01-01', to: '2024-12-31' });

  it('refuses a download without a reason (400 naming reason)', async () => {
    const res = await managerA.get(`/api/v1/reports/kpi.xlsx?${period}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('reason');
    expect((await managerA.get(`/api/v1/reports/kpi.csv?${period}&reason=%20`)).statusCode).toBe(400);
  });

  it('writes an XLSX with Korean sheets and 49.7, and one access_log download row with the reason', async () => {
    const reason = '분기 실적 보고';
    const res = await managerA.get(`/api/v1/reports/kpi.xlsx?${period}&reason=${encodeURIComponent(reason)}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '요약',
      '월별 추이',
      '대상별',
      '직종별',
      '상담 경로별',
      '지표 정의',
    ]);
    const sum = wb.getWorksheet('요약')!;
    const row = sum.getRows(2, sum.rowCount - 1)!.find((r) => r.getCell(1).value === '취업성공률')!;
    expect(row.getCell(3).value).toBe(49.7);
    expect(row.getCell(4).value).toBe(40);
    const months = wb.getWorksheet('월별 추이')!;
    expect(months.rowCount).toBe(13);
    const logs = await db
      .selectFrom('access_log')
      .selectAll()
      .where('action', '=', 'download')
      .where('actor_id', '=', managerA.user.id)
      .execute();
    expect(logs).toHaveLength(1);
    expect(logs[0]!.reason).toBe(reason);
    expect(logs[0]!.subject_type).toBe('report');
  });

  it('writes CSV in UTF-8 with a BOM', async () => {
    const res = await managerA.get(`/api/v1/reports/kpi.csv?${period}&reason=check`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body).toContain('successRate,취업성공률,%,49.7,40');
  });
});

describe('breakdowns, drill-down, targets and the page', () => {
  it('breaks figures down by month, channel and target group', async () => {
    const month = expectStatus(
      await managerA.get(
        `/api/v1/reports/breakdown?${q({ by: 'month', from: '2024-01-01', to: '2024-12-31' })}`,
      ),
      200,
    );
    expect(month.items).toHaveLength(12);
    expect(
      month.items.reduce(
        (n: number, i: { figures: { seekersRegistered: number } }) => n + i.figures.seekersRegistered,
        0,
      ),
    ).toBe(56065);
    const tg = expectStatus(
      await managerA.get(
        `/api/v1/reports/breakdown?${q({ by: 'targetGroup', from: '2024-01-01', to: '2024-12-31' })}`,
      ),
      200,
    );
    const youth = tg.items.find((i: { key: string }) => i.key === 'youth');
    expect(youth.label).toBe('청년');
    expect(youth.figures.seekersRegistered).toBe(37377);
  });

  it('lists the records behind a figure and access-logs each person shown', async () => {
    const r = expectStatus(
      await counsellorB.get(
        `/api/v1/reports/drilldown?${q({ kpi: 'employedSeekers', from: '2024-03-01', to: '2024-03-31' })}`,
      ),
      200,
    );
    expect(r.total).toBe(1);
    expect(r.items[0]).toMatchObject({ registrationNo: 'EB-2', name: '구직자2' });
    const views = await db
      .selectFrom('access_log')
      .select('subject_id')
      .where('action', '=', 'view')
      .where('actor_id', '=', counsellorB.user.id)
      .execute();
    expect(views.map((v) => v.subject_id)).toEqual([r.items[0].seekerId]);
  });

  it('lets managers set targets and reports progress', async () => {
    expect(
      (await counsellorA.put(`/api/v1/reports/targets/${A.id}/2024`, { targets: { hires: 1000 } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await managerA.put(`/api/v1/reports/targets/${B.id}/2024`, { targets: { hires: 1000 } })).statusCode,
    ).toBe(404);
    const bad = await managerA.put(`/api/v1/reports/targets/${A.id}/2024`, { targets: { nonsense: 1 } });
    expect(bad.json().errors[0].field).toBe('targets.nonsense');
    expectStatus(
      await managerA.put(`/api/v1/reports/targets/${A.id}/2024`, {
        targets: { seekersRegistered: 100000, successRate: 50 },
      }),
      200,
    );
    const r = expectStatus(
      await managerA.get(`/api/v1/reports/kpi?${q({ from: '2024-01-01', to: '2024-12-31' })}`),
      200,
    );
    expect(r.targets.seekersRegistered).toEqual({ target: 100000, actual: 56065, progress: 56.1 });
    expect(r.targets.successRate.progress).toBe(99.4);
  });

  it('renders /staff/reports with accessible charts, and sends visitors without a session to login', async () => {
    const res = await managerA.get(`/staff/reports?${q({ from: '2024-01-01', to: '2024-12-31' })}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg');
    expect(res.body).toMatch(/<title id="trend-title">/);
    expect(res.body).toContain('49.7%');
    expect(res.body).toContain('action="/api/v1/reports/kpi.xlsx"');
    expect(res.body).not.toMatch(/style=/);
    const anon = await app.inject({ method: 'GET', url: '/staff/reports' });
    expect(anon.statusCode).toBe(303);
  });
});
