import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { counsellorContext } from '../../../test/support/race.ts';
import { createBooking, markBooking } from './bookings.service.ts';
import { createResource } from './resources.service.ts';
import { createSuitItem, createSuitRental } from './suits.service.ts';

// The booking figures as KPI definitions of the report framework: GET /reports/kpi, the XLSX
// summary sheet and the drill-down list them like every other KPI.
const t = await testApp();

describe('booking KPIs in the report framework', async () => {
  const { centre, ctx } = await counsellorContext(t, '광명시일자리센터');
  const manager = await t.user('manager', centre.id);
  // A Tuesday–Friday booth, 10:00–12:00 in hourly slots: 2 places a day, 8 in the week of
  // 2026-03-02 (no holiday that week).
  const booth = await createResource(ctx, {
    name: 'AI면접 체험관',
    kind: 'ai_interview',
    slotMinutes: 60,
    openingHours: [2, 3, 4, 5].map((weekday) => ({ weekday, from: '10:00', to: '12:00' })),
  });
  const before = { now: new Date('2026-03-01T00:00:00Z') };
  const young = await buildSeeker(t.db, centre.id, { target_groups: ['youth'] });
  const others = await Promise.all([1, 2].map(() => buildSeeker(t.db, centre.id)));
  const at = (day: string, hour: number) => new Date(`${day}T${String(hour - 9).padStart(2, '0')}:00:00Z`);
  const b1 = await createBooking(ctx, {
    resourceId: booth.id,
    startsAt: at('2026-03-03', 10).toISOString(),
    seekerId: young.id,
    ...before,
  });
  const b2 = await createBooking(ctx, {
    resourceId: booth.id,
    startsAt: at('2026-03-04', 10).toISOString(),
    seekerId: others[0]!.id,
    ...before,
  });
  await createBooking(ctx, {
    resourceId: booth.id,
    startsAt: at('2026-03-05', 11).toISOString(),
    seekerId: others[1]!.id,
    ...before,
  });
  await markBooking(ctx, { id: b1.id, to: 'checked_in', now: at('2026-03-03', 10) });
  await markBooking(ctx, { id: b2.id, to: 'no_show', now: at('2026-03-04', 12) });
  const jacket = await createSuitItem(ctx, { code: 'J-100', category: 'jacket', gender: 'm', size: '100' });
  await createSuitRental(ctx, {
    seekerId: young.id,
    itemIds: [jacket.id],
    from: '2026-03-03',
    dueOn: '2026-03-06',
  });
  const period = new URLSearchParams({
    centreId: centre.id,
    from: '2026-03-02',
    to: '2026-03-08',
  }).toString();

  it('gives bookings, no-show rate, use of opening hours and suit rentals, with the seeker filters', async () => {
    const report = expectStatus(await manager.get(`/api/v1/reports/kpi?${period}`), 200);
    expect(report.figures).toMatchObject({
      bookings: 3,
      bookingNoShowRate: 50,
      bookingUtilisation: 37.5,
      suitRentals: 1,
    });
    expect(report.previousYear).toMatchObject({
      bookings: 0,
      bookingNoShowRate: null,
      suitRentals: 0,
    });
    const ids = report.definitions.map((d: { id: string }) => d.id);
    expect(ids).toEqual(
      expect.arrayContaining(['bookings', 'bookingNoShowRate', 'bookingUtilisation', 'suitRentals']),
    );
    const youth = expectStatus(await manager.get(`/api/v1/reports/kpi?${period}&targetGroup=youth`), 200);
    expect(youth.figures).toMatchObject({
      bookings: 1,
      bookingNoShowRate: 0,
      bookingUtilisation: 37.5,
      suitRentals: 1,
    });
  });

  it('lists the bookings behind the figure (drill-down) and writes them to the XLSX', async () => {
    const drill = expectStatus(await manager.get(`/api/v1/reports/drilldown?${period}&kpi=bookings`), 200);
    expect(drill.total).toBe(3);
    expect(drill.items.map((i: { date: string }) => i.date).sort()).toEqual([
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
    ]);
    const suits = expectStatus(await manager.get(`/api/v1/reports/drilldown?${period}&kpi=suitRentals`), 200);
    expect(suits.items).toMatchObject([{ seekerId: young.id, date: '2026-03-03' }]);
    const res = await manager.get(
      `/api/v1/reports/kpi.xlsx?${period}&reason=${encodeURIComponent('예약 이용 실적 보고')}`,
    );
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const row = (id: string) => rows.find((r) => r.includes(id));
    expect(row('bookings')).toEqual(expect.arrayContaining(['시설·서비스 예약', 3]));
    expect(row('bookingUtilisation')).toEqual(expect.arrayContaining(['예약 자원 이용률', 37.5]));
  });
});
