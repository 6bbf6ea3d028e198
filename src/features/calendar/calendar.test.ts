import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { gazetteHolidays, gazetteKind } from './calendar.gazette.ts';
import {
  addWorkingDays,
  addWorkingHours,
  dueAfter,
  gazetteCoverage,
  isClosedDay,
  nextWorkingDay,
} from './calendar.service.ts';

const t = await testApp();
const ctx = { db: t.db };
const pub = async (url: string) => t.app.inject({ method: 'GET', url });
const kst = (local: string) => new Date(`${local}+09:00`);

describe('gazette data', () => {
  it('is copied at migration with its kinds: 노동절, 설날 block, election days, 임시공휴일, substitutes', async () => {
    const y2026 = expectStatus(await pub('/api/v1/codes/holidays?year=2026'), 200);
    expect(y2026.gazette).toBe(true);
    const by = (d: string) => y2026.items.filter((i: { date: string }) => i.date === d);
    expect(by('2026-05-01')).toEqual([{ date: '2026-05-01', name: '노동절', kind: 'public' }]);
    expect(by('2026-06-03')[0].kind).toBe('election');
    expect(by('2026-03-02')[0].kind).toBe('substitute');
    expect(by('2026-07-17')[0].name).toBe('제헌절');
    expect(y2026.items.map((i: { date: string }) => i.date)).toEqual(
      expect.arrayContaining(['2026-02-16', '2026-02-17', '2026-02-18']),
    );
    const y2025 = expectStatus(await pub('/api/v1/codes/holidays?year=2025'), 200);
    expect(y2025.items.filter((i: { date: string }) => i.date === '2025-05-05')).toHaveLength(2);
    expect(y2025.items.find((i: { date: string }) => i.date === '2025-01-27').kind).toBe('temporary');
    expect(y2025.items.find((i: { date: string }) => i.date === '2025-06-03').kind).toBe('election');
    const rows = await t.db.selectFrom('holidays').select('date').where('source', '=', 'gazette').execute();
    expect(rows).toHaveLength(gazetteHolidays().length);
    const y2099 = expectStatus(await pub('/api/v1/codes/holidays?year=2099'), 200);
    expect(y2099).toMatchObject({ gazette: false, items: [] });
    expectStatus(await pub('/api/v1/codes/holidays?year=1800'), 400);
    expect(await gazetteCoverage(ctx, '2026-12-07')).toEqual({ lastYear: 2027, nextYearMissing: false });
    expect(await gazetteCoverage(ctx, '2027-03-01')).toEqual({ lastYear: 2027, nextYearMissing: true });
  });

  it('names its kinds', () => {
    expect(gazetteKind('대체공휴일(어린이날)')).toBe('substitute');
    expect(gazetteKind('임시공휴일(대통령선거)')).toBe('election');
    expect(gazetteKind('제22대 국회의원선거')).toBe('election');
    expect(gazetteKind('임시공휴일')).toBe('temporary');
    expect(gazetteKind('설날')).toBe('public');
  });
});

describe('working days', () => {
  it('knows weekends and holidays; counts 민원 days including the first day', async () => {
    expect(await isClosedDay(ctx, { date: '2026-05-01' })).toBe(true); // 노동절
    expect(await isClosedDay(ctx, { date: '2026-05-02' })).toBe(true); // Saturday
    expect(await isClosedDay(ctx, { date: '2026-05-04' })).toBe(false);
    expect(await nextWorkingDay(ctx, { date: '2026-05-01' })).toBe('2026-05-04');
    expect(await nextWorkingDay(ctx, { date: '2026-05-04' })).toBe('2026-05-04');
    // Wed, Thu, (Fri 노동절, weekend), Mon.
    expect(await addWorkingDays(ctx, { from: '2026-04-29', days: 3 })).toBe('2026-05-04');
    // 7 days from Mon 2026-09-21 across 추석 (09-24..26): 21, 22, 23, 28, 29, 30, 10-01.
    expect(await addWorkingDays(ctx, { from: '2026-09-21', days: 7 })).toBe('2026-10-01');
    // A long limit crosses several loading windows.
    expect(await addWorkingDays(ctx, { from: '2026-01-02', days: 200 })).toMatch(/^2026-1[01]-\d\d$/);
  });

  it('counts short limits in office hours, 8 hours a day', async () => {
    // Thu 16:00 + 3 h: 2 h on Thursday, Friday is 노동절, then Monday 09:00 + 1 h.
    expect(await addWorkingHours(ctx, { from: kst('2026-04-30T16:00:00'), hours: 3 })).toEqual(
      kst('2026-05-04T10:00:00'),
    );
    // Before opening and at lunch the count starts at the next office hour.
    expect(await addWorkingHours(ctx, { from: kst('2026-05-04T07:00:00'), hours: 4 })).toEqual(
      kst('2026-05-04T14:00:00'),
    );
    // A 3-day limit from Mon 10:30 = 24 h: Mon 6.5, Tue 어린이날, Wed 8, Thu 8, Fri 1.5.
    expect(await dueAfter(ctx, { receivedAt: kst('2026-05-04T10:30:00'), days: 3 })).toEqual(
      kst('2026-05-08T10:30:00'),
    );
    // A 7-day limit is counted in days and is due at the end of the day.
    expect(await dueAfter(ctx, { receivedAt: kst('2026-09-21T15:00:00'), days: 7 })).toEqual(
      kst('2026-10-01T18:00:00'),
    );
  });
});

describe('declared days and closures', () => {
  it('an admin declares 임시공휴일, which shifts due dates; others may not', async () => {
    const centre = await t.centre('서해구일자리센터', null, '28275');
    const admin = await t.user('admin', null);
    const counsellor = await t.user('counsellor', centre.id);
    const body = { date: '2026-09-30', name: '임시공휴일' };
    expectStatus(await counsellor.post('/api/v1/holidays', body), 403);
    expect(expectStatus(await admin.post('/api/v1/holidays', body), 201)).toEqual({
      ...body,
      kind: 'temporary',
      cancelledBookings: [],
    });
    expectStatus(await admin.post('/api/v1/holidays', body), 409);
    expectStatus(await admin.post('/api/v1/holidays', { date: '2026-02-30', name: 'x' }), 400);
    expect(await isClosedDay(ctx, { date: '2026-09-30' })).toBe(true);
    expect(await addWorkingDays(ctx, { from: '2026-09-21', days: 7 })).toBe('2026-10-02');
  });

  it('a manager closes their centre; the closure shows with the centre and counts for it only', async () => {
    const a = await t.centre('검단구일자리센터', null, '28290');
    const b = await t.centre('영종구일자리센터', null, '28155');
    const manager = await t.user('manager', a.id);
    const counsellor = await t.user('counsellor', a.id);
    const body = { from: '2026-11-09', to: '2026-11-10', reason: '청사 이전' };
    expectStatus(await counsellor.post(`/api/v1/centres/${a.id}/closures`, body), 403);
    expectStatus(await manager.post(`/api/v1/centres/${b.id}/closures`, body), 404);
    const bad = expectStatus(
      await manager.post(`/api/v1/centres/${a.id}/closures`, { ...body, to: '2026-11-01' }),
      400,
    );
    expect(bad.errors[0].field).toBe('to');
    const made = expectStatus(await manager.post(`/api/v1/centres/${a.id}/closures`, body), 201);
    expect(made).toMatchObject({ centreId: a.id, from: '2026-11-09', to: '2026-11-10' });
    const list = expectStatus(await pub(`/api/v1/codes/holidays?year=2026&centreId=${a.id}`), 200);
    expect(list.items.filter((i: { kind: string }) => i.kind === 'closure')).toEqual([
      { date: '2026-11-09', name: '청사 이전', kind: 'closure' },
      { date: '2026-11-10', name: '청사 이전', kind: 'closure' },
    ]);
    expect(await isClosedDay(ctx, { centreId: a.id, date: '2026-11-10' })).toBe(true);
    expect(await isClosedDay(ctx, { centreId: b.id, date: '2026-11-10' })).toBe(false);
    expect(await addWorkingDays(ctx, { centreId: a.id, from: '2026-11-06', days: 2 })).toBe('2026-11-11');
    expect(await addWorkingDays(ctx, { centreId: b.id, from: '2026-11-06', days: 2 })).toBe('2026-11-09');
  });
});

describe('dashboard warning', () => {
  it("warns staff on /staff while next year's gazette data is missing", async () => {
    const centre = await t.centre('제물포구일자리센터', null, '28125');
    const counsellor = await t.user('counsellor', centre.id);
    const next = Number(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 4)) + 1;
    const covered = await t.db
      .selectFrom('holidays')
      .select('date')
      .where('source', '=', 'gazette')
      .where('date', '>=', `${next}-01-01`)
      .execute();
    if (covered.length > 0) {
      const before = await counsellor.get('/staff');
      expect(before.statusCode).toBe(200);
      expect(before.body).not.toContain('holidays-missing');
    }
    await t.db.deleteFrom('holidays').where('date', '>=', `${next}-01-01`).execute();
    const after = await counsellor.get('/staff');
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('id="holidays-missing"');
    expect(after.body).toContain(`${next}년 공휴일 관보 자료가 아직 없습니다`);
  });
});
