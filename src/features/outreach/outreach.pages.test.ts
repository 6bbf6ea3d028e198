import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { addDays, isoWeekday, seoulToday } from '../../platform/domain/dates.ts';
import { seoul } from '../../web/page.tsx';
import { dongOf } from './outreach.web.tsx';

const t = await testApp();
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const enc = (o: Record<string, string>) => new URLSearchParams(o).toString();

describe('dongOf', () => {
  it('finds the 동 of lot and road addresses, none when there is none', () => {
    expect(dongOf('인천 서구 가정동 123-4')).toBe('가정동');
    expect(dongOf('서울 중구 을지로 100 (을지로2가)')).toBe('을지로2가');
    expect(dongOf('서울특별시 중구 퇴계로 10, 3층 (회현동1가, 남산빌딩)')).toBe('회현동1가');
    expect(dongOf('경기 화성시 봉담읍 동화길 5')).toBe('봉담읍');
    expect(dongOf('서울 중구 세종대로 110')).toBeNull();
    expect(dongOf(null)).toBeNull();
  });
});

describe('outreach staff pages', async () => {
  const centre = await t.centre('중구일자리센터');
  const officer = await t.user('outreach', centre.id);
  const manager = await t.user('manager', centre.id);
  const company = expectStatus(
    await officer.post('/api/v1/employers', {
      name: '명동한식당',
      bizRegNo: '2208162517',
      regionCode: '11140',
      address: '서울 중구 명동길 14 (명동2가)',
    }),
    201,
  );
  const today = seoulToday();
  const tuesday = addDays(today, ((2 - isoWeekday(today) + 7) % 7) + 7);

  it("plans Tuesday's visit by company name, shown under Tuesday and under its 동", async () => {
    const bad = await officer.post(
      '/staff/outreach/visits',
      enc({ company: '없는회사', date: tuesday, time: '10:00' }),
      form,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('등록된 기업을 찾을 수 없습니다');
    const badDate = await officer.post(
      '/staff/outreach/visits',
      enc({ company: '명동한식당', date: '2026-02-30', time: '10:00' }),
      form,
    );
    expect(badDate.statusCode).toBe(400);
    const res = await officer.post(
      `/staff/outreach/visits?week=${tuesday}`,
      enc({ company: '명동한식당', date: tuesday, time: '10:30', purpose: '채용 수요 조사' }),
      form,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('방문을');
    const week = await officer.get(`/staff/outreach?week=${tuesday}`);
    const day = week.body.slice(week.body.indexOf(`id="day-${tuesday}"`));
    expect(day.slice(0, day.indexOf('</section>'))).toContain('명동한식당');
    const byDong = week.body.slice(week.body.indexOf('id="by-dong"'));
    expect(byDong).toContain('명동2가');
    // A new company is registered as a prospect with its visit.
    const fresh = await officer.post(
      `/staff/outreach/visits?week=${tuesday}`,
      enc({
        newName: '을지로인쇄소',
        newBizRegNo: '101-86-04360',
        newRegion: '11140',
        newAddress: '서울 중구 을지로 100 (을지로3가)',
        date: tuesday,
        time: '14:00',
      }),
      form,
    );
    expect(fresh.statusCode).toBe(200);
    expect(fresh.body).toContain('을지로인쇄소');
    expect(fresh.body).toContain('예비 기업');
    const prospects = await officer.get('/staff/outreach/prospects');
    expect(prospects.body).toContain('을지로인쇄소');
    const csv = await officer.get('/staff/outreach/prospects.csv?days=30');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF기업명,사업자등록번호')).toBe(true);
    expect(csv.body).toContain('을지로인쇄소,1018604360');
  });

  it('logs a visit with two difficulties and three discovered jobs, routes a permit question to 건축과 with its due date', async () => {
    const visits = expectStatus(await officer.get(`/api/v1/outreach/visits?employerId=${company.id}`), 200);
    const visit = visits.items[0];
    const now = seoul(new Date(Date.now() - 60_000));
    const report = {
      heldDate: now.slice(0, 10),
      heldTime: now.slice(11),
      dRows: '3',
      jRows: '3',
      employees: '18',
      hiringPlan: '내년 상반기 4명',
      'difficulties.0.category': 'workforce',
      'difficulties.0.description': '주방 보조 인력이 자주 그만둠',
      'difficulties.1.category': 'permits',
      'difficulties.1.description': '옥상 증축 허가 절차 문의',
      'difficulties.2.category': 'other',
      'difficulties.2.description': '',
      'jobsDiscovered.0.title': '주방 보조',
      'jobsDiscovered.0.occupationCode': '5312',
      'jobsDiscovered.0.headcount': '2',
      'jobsDiscovered.0.wageType': 'M',
      'jobsDiscovered.0.wageMin': '2300000',
      'jobsDiscovered.1.title': '홀 서빙',
      'jobsDiscovered.1.occupationCode': '5321',
      'jobsDiscovered.1.headcount': '1',
      'jobsDiscovered.2.title': '조리사',
      'jobsDiscovered.2.occupationCode': '5311',
      'jobsDiscovered.2.headcount': '1',
    };
    const wrong = await officer.post(
      `/staff/outreach/visits/${visit.id}/report`,
      enc({ ...report, 'jobsDiscovered.1.occupationCode': '9999' }),
      form,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('id="f-jobsDiscovered-1-occupationCode-error"');
    expect(expectStatus(await officer.get(`/api/v1/outreach/visits/${visit.id}`), 200).status).toBe(
      'planned',
    );
    const logged = await officer.post(`/staff/outreach/visits/${visit.id}/report`, enc(report), form);
    expect(logged.statusCode).toBe(200);
    expect(logged.body).toContain('발굴 일자리 3건');
    const saved = expectStatus(await officer.get(`/api/v1/outreach/visits/${visit.id}`), 200);
    expect(saved.difficulties.map((d: { category: string }) => d.category)).toEqual(['workforce', 'permits']);
    expect(saved.jobsDiscovered.map((j: { headcount: number }) => j.headcount)).toEqual([2, 1, 1]);

    const board = await manager.post(
      '/staff/outreach/departments',
      enc({ name: '건축과', phone: '02-3396-5000' }),
      form,
    );
    expect(board.body).toContain('건축과을(를) 등록했습니다');
    const dept = expectStatus(await officer.get('/api/v1/departments'), 200).items[0];
    const routed = await officer.post(
      `/staff/outreach/visits/${visit.id}/requests`,
      enc({ category: 'permit', departmentId: dept.id, description: '옥상 증축 허가 절차와 필요 서류' }),
      form,
    );
    expect(routed.statusCode).toBe(200);
    const req = expectStatus(await officer.get(`/api/v1/outreach/requests?employerId=${company.id}`), 200)
      .items[0];
    expect(req.departmentName).toBe('건축과');
    expect(routed.body).toContain('건축과에 배정했습니다');
    const dueDay = seoul(req.dueAt, false).split('-').map(Number);
    expect(routed.body).toContain(`${dueDay[0]}년 ${dueDay[1]}월 ${dueDay[2]}일`);
    const boardPage = await officer.get('/staff/outreach/requests');
    expect(boardPage.body).toContain('건축과');
    expect(boardPage.body).toContain('옥상 증축 허가 절차와 필요 서류');

    // The department answers; the company reads it on its portal page, not the working notes.
    const note = await officer.post(
      `/staff/outreach/requests/${req.id}/events`,
      enc({ status: 'in_progress', note: '담당 주무관 검토 중(내부 메모)' }),
      form,
    );
    expect(note.body).toContain('처리 중(으)로 바꿨습니다');
    const empty = await officer.post(
      `/staff/outreach/requests/${req.id}/events`,
      enc({ status: 'answered', note: '' }),
      form,
    );
    expect(empty.statusCode).toBe(400);
    await officer.post(
      `/staff/outreach/requests/${req.id}/events`,
      enc({ status: 'answered', note: '가설건축물 축조신고 대상입니다. 도면 2부를 지참하세요.' }),
      form,
    );
    const owner = await t.user('employer', null, { employerId: company.id });
    const portal = await owner.get('/employer/requests');
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('가설건축물 축조신고 대상입니다');
    expect(portal.body).not.toContain('내부 메모');
  });

  it("shows the company's visits with the team, its requests and its agreement on its staff page", async () => {
    expectStatus(
      await officer.post('/api/v1/outreach/agreements', {
        employerId: company.id,
        signedOn: today,
        validFrom: today,
        validTo: addDays(today, 364),
        pledged: 3,
      }),
      201,
    );
    const page = await officer.get(`/staff/employers/${company.id}`);
    expect(page.statusCode).toBe(200);
    const visits = page.body.slice(page.body.indexOf('id="visits"'), page.body.indexOf('id="requests"'));
    expect(visits).toContain('기업 방문 (1)');
    expect(visits).toContain('outreach 사용자');
    expect(visits).toContain('애로 2건 · 일자리 4명');
    expect(visits).toContain('/staff/outreach?company=2208162517');
    const rest = page.body.slice(page.body.indexOf('id="requests"'));
    expect(rest).toContain('옥상 증축 허가 절차와 필요 서류');
    expect(rest).toContain('건축과');
    expect(rest).toContain('약정 3명 · 채용 0명');
    const plan = await officer.get('/staff/outreach?company=2208162517');
    expect(plan.body).toContain('value="2208162517"');
  });

  it('lists companies not visited for N months as a page, CSV and Excel; other centres see none of them', async () => {
    const page = await officer.get('/staff/outreach/companies?months=6');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('을지로인쇄소');
    expect(page.body).not.toMatch(/명동한식당<\/a>/);
    const xlsx = await officer.get('/staff/outreach/companies.xlsx?months=6');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets[0]?.getColumn(1).values;
    expect(names).toContain('을지로인쇄소');
    expect(names).not.toContain('명동한식당');
    const other = await t.user('outreach', (await t.centre('다른센터', null, '26110')).id);
    expect((await other.get('/staff/outreach/companies.csv')).body).not.toContain('을지로인쇄소');
    expect((await other.get('/staff/outreach/companies?months=0')).statusCode).toBe(200);
  });
});
