import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildSeeker } from '../../../test/support/factories.ts';

// Event KPIs in the report framework: GET /reports/kpi, the XLSX and the drill-down count over
// events held in the period, the same numbers as the event's own summary.
const t = await testApp();
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+09:00`).toISOString();
const DAY = '2027-04-16';
const q = (p: Record<string, string>) => new URLSearchParams(p).toString();

describe('event KPIs in reports', async () => {
  const centre = await t.centre('인천서구일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const manager = await t.user('manager', centre.id);
  const fair = expectStatus(
    await staff.post('/api/v1/events', {
      title: '금요채용마당',
      kind: 'weekly_fair',
      startsAt: at(DAY, '14:00'),
      endsAt: at(DAY, '17:00'),
      venue: '고용복지+센터',
      published: true,
    }),
    201,
  );
  const employers = await Promise.all(
    ['서구물산', '청라기계'].map((name) => buildEmployer(t.db, centre.id, { name })),
  );
  for (const [i, e] of employers.entries()) {
    expectStatus(await staff.post(`/api/v1/events/${fair.id}/employers`, { employerId: e.id }), 201);
    expectStatus(
      await staff.post(`/api/v1/events/${fair.id}/slots`, {
        employerId: e.id,
        from: at(DAY, `1${4 + i}:00`),
        to: at(DAY, `1${4 + i}:40`),
        minutes: 10,
      }),
      201,
    );
  }
  const slots = expectStatus(await staff.get(`/api/v1/events/${fair.id}/slots`), 200).items as {
    id: string;
  }[];
  const seekers = await Promise.all(
    ['youth', 'youth', 'new_middle_aged', 'youth', 'youth'].map((g) =>
      buildSeeker(t.db, centre.id, { target_groups: [g] }),
    ),
  );
  const results = ['hired', 'passed_first', 'rejected', 'no_show', null] as const;
  const interviewIds: string[] = [];
  for (const [i, s] of seekers.entries()) {
    const b = expectStatus(
      await staff.post(`/api/v1/slots/${slots[i]?.id}/booking`, { seekerId: s.id }),
      201,
    );
    interviewIds.push(b.id);
    const result = results[i];
    if (result) {
      expectStatus(
        await staff.post(`/api/v1/bookings/interviews/${b.id}/result`, {
          result,
          ...(result === 'hired' ? { startDate: '2027-05-03' } : {}),
        }),
        200,
      );
    }
  }
  // One more seeker only registers.
  const walkIn = await buildSeeker(t.db, centre.id, { target_groups: ['youth'] });
  expectStatus(await staff.post(`/api/v1/events/${fair.id}/registrations`, { seekerId: walkIn.id }), 201);
  const period = { centreId: centre.id, from: '2027-04-01', to: '2027-04-30' };

  it('answers the event figures in GET /reports/kpi, filtered by the seeker’s target group', async () => {
    const sum = expectStatus(await staff.get(`/api/v1/events/${fair.id}/summary`), 200);
    expect(sum).toMatchObject({ employers: 2, seekers: 6, interviews: 3, passedFirst: 2, hired: 1 });
    const r = expectStatus(await manager.get(`/api/v1/reports/kpi?${q(period)}`), 200);
    expect(r.figures).toMatchObject({
      eventEmployers: 2,
      eventSeekers: 6,
      eventInterviews: 3,
      eventPassedFirst: 2,
      eventHires: 1,
    });
    const youth = expectStatus(
      await manager.get(`/api/v1/reports/kpi?${q({ ...period, targetGroup: 'youth' })}`),
      200,
    );
    // The rejected interview was the 신중년's: youth keeps 2 interviews, employers ignore the filter.
    expect(youth.figures).toMatchObject({ eventEmployers: 2, eventSeekers: 5, eventInterviews: 2 });
    const before = expectStatus(
      await manager.get(`/api/v1/reports/kpi?${q({ ...period, from: '2027-03-01', to: '2027-03-31' })}`),
      200,
    );
    expect(before.figures).toMatchObject({ eventEmployers: 0, eventSeekers: 0, eventHires: 0 });
  });

  it('writes them in the XLSX summary sheet', async () => {
    const res = await manager.get(`/api/v1/reports/kpi.xlsx?${q({ ...period, reason: '행사 실적 보고' })}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const sheet = wb.getWorksheet('요약');
    const value = (name: string) =>
      sheet
        ?.getRows(2, sheet.rowCount - 1)
        ?.find((r) => r.getCell(1).value === name)
        ?.getCell(3).value;
    expect(value('채용행사 참가 기업')).toBe(2);
    expect(value('채용행사 면접')).toBe(3);
    expect(value('채용행사 1차 합격')).toBe(2);
    expect(value('채용행사 채용')).toBe(1);
  });

  it('lists the records behind them in the drill-down', async () => {
    const hires = expectStatus(
      await manager.get(`/api/v1/reports/drilldown?${q({ ...period, kpi: 'eventHires' })}`),
      200,
    );
    expect(hires.total).toBe(1);
    expect(hires.items[0]).toMatchObject({ recordId: interviewIds[0], seekerId: seekers[0]?.id, date: DAY });
    const people = expectStatus(
      await manager.get(`/api/v1/reports/drilldown?${q({ ...period, kpi: 'eventSeekers' })}`),
      200,
    );
    expect(people.total).toBe(6);
    expect(people.items.map((i: { seekerId: string }) => i.seekerId)).toContain(walkIn.id);
  });

  it('shows one events section on /staff/reports: period, year before, year to date, by kind, by event', async () => {
    const page = await manager.get(`/staff/reports?${q(period)}`);
    expect(page.statusCode).toBe(200);
    // The KPI table leaves the event rows to the section (one place for them).
    expect(page.body).not.toContain('<th scope="row"><a href="#def-eventEmployers">');
    const start = page.body.indexOf('id="events-h"');
    const section = page.body.slice(start, page.body.indexOf('</section>', start));
    const rows = [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      (m[1] ?? '')
        .replace(/<[^>]+>/g, '|')
        .split('|')
        .map((x) => x.trim())
        .filter(Boolean),
    );
    expect(rows).toContainEqual(['이 기간 (2027-04-01–2027-04-30)', '2', '6', '3', '2', '1']);
    expect(rows).toContainEqual(['전년 같은 기간 (2026-04-01–2026-04-30)', '0', '0', '0', '0', '0']);
    expect(rows).toContainEqual(['올해 누계 (2027-01-01–2027-04-30)', '2', '6', '3', '2', '1']);
    expect(rows).toContainEqual(['금요채용마당(정기 채용행사)', '1', '2', '6', '3', '2', '1']);
    expect(rows).toContainEqual([
      '금요채용마당',
      '금요채용마당(정기 채용행사)',
      DAY,
      '2',
      '6',
      '3',
      '2',
      '1',
    ]);
    const youth = await manager.get(`/staff/reports?${q({ ...period, targetGroup: 'youth' })}`);
    expect(youth.body).toContain('종류별·행사별 행은 필터 없이 셉니다');
  });
});
