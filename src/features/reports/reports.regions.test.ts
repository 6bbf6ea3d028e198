import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { seoulToday } from './reports.filter.ts';
import { computeFigures } from './reports.service.ts';
import { liveBreakdown, refreshSummary, summaryBreakdown } from './reports.summary.ts';

// Issue 14: records keep the region code they were entered with; reports count them under the
// region in force (인천 서구 28260 → 서해구 28275 on 2026-07-01; 광주 29 and 전남 46 → 12).
// Assumes today is on or after 2026-07-01.
const t = await testApp();
const { db } = t;
const A = await t.centre('인천서부 일자리센터', null, '28275');

let n = 0;
async function seeker(region: string, registeredAt: string) {
  await sql`INSERT INTO seekers (id, centre_id, registration_no, name, birth_date, phone_enc, phone_bi,
      region_code, education_level, desired_occupations, registered_at)
    VALUES (${randomUUID()}, ${A.id}, ${`R-${++n}`}, '구직자', '1990-01-01', 'x', ${`bi-${n}`},
      ${region}, '04', ARRAY['0211'], ${registeredAt}::date)`.execute(db);
}

await seeker('28260', '2026-03-02'); // 인천 서구 before the change
await seeker('28260', '2026-05-20');
await seeker('28275', '2026-08-03'); // 서해구 after it
await seeker('28290', '2026-08-04'); // 검단구
await seeker('29200', '2026-04-01'); // 광주 광산구, now 12330
await seeker('11140', '2026-04-02');

const base = { centreIds: [A.id], from: '2026-01-01', to: '2026-11-30', today: seoulToday() };

describe('reports roll old region codes up to their successors', () => {
  it("counts 인천 서구 28260's old records under 서해구 28275, live and from the summaries", async () => {
    await refreshSummary(db);
    const f = { ...base, regionCode: '28275' };
    expect((await computeFigures(db, f, 'live')).seekersRegistered).toBe(3);
    const sido = { ...base, regionCode: '12' };
    expect((await computeFigures(db, sido, 'live')).seekersRegistered).toBe(1);
    expect((await computeFigures(db, sido, 'summary')).seekersRegistered).toBe(1);
    expect((await computeFigures(db, { ...base, regionCode: '29' }, 'live')).seekersRegistered).toBe(1);
    expect((await computeFigures(db, { ...base, regionCode: '28290' }, 'live')).seekersRegistered).toBe(1);
  });

  it('groups the region breakdown under the 시도 in force: 12, never 29', async () => {
    const keyed = (rows: { key: string; figures: Record<string, number> }[]) =>
      Object.fromEntries(rows.map((r) => [r.key, r.figures.seekersRegistered]));
    const live = keyed(await liveBreakdown(db, base, 'region'));
    expect(live).toEqual({ '11': 1, '12': 1, '28': 4 });
    expect(keyed(await summaryBreakdown(db, base, 'region'))).toEqual(live);
  });

  it('takes a KECO 2025 code as an occupation filter (records hold both editions)', async () => {
    const manager = await t.user('manager', A.id);
    const ok = await manager.get('/api/v1/reports/kpi?from=2026-01-01&to=2026-11-30&occupation=1352');
    expect(ok.statusCode, ok.body.slice(0, 200)).toBe(200);
    const bad = await manager.get('/api/v1/reports/kpi?from=2026-01-01&to=2026-11-30&occupation=9999');
    expect(bad.statusCode).toBe(400);
  });
});
