import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../test/support/app.ts';
import { hourlyEquivalent, medianIncomeOf, minimumWageFor, minimumWageOf } from './wages.ts';

describe('minimum wage and 기준중위소득 tables', () => {
  it('answer the published figures by year', () => {
    expect(minimumWageOf(2024)?.hourly).toBe(9_860);
    expect(minimumWageOf(2025)?.hourly).toBe(10_030);
    expect(minimumWageOf(2026)).toEqual({ year: 2026, hourly: 10_320, notice: '고용노동부고시 제2025-47호' });
    expect(minimumWageOf(2027)?.hourly).toBe(10_700);
    expect(minimumWageOf(2028)).toBeNull();
    // A check in a year past the table keeps the latest figure; before it there is none.
    expect(minimumWageFor(2028)?.hourly).toBe(10_700);
    expect(minimumWageFor(2023)).toBeNull();
    expect(10_320 * 209).toBe(2_156_880);
    expect(medianIncomeOf(2026, 1)).toBe(2_564_238);
    expect(medianIncomeOf(2026, 4)).toBe(6_494_738);
    expect(medianIncomeOf(2024, 7)).toBe(8_514_994);
    // 8+ persons: add the 6→7 step per member past 7.
    expect(medianIncomeOf(2026, 8)).toBe(9_515_150 + (9_515_150 - 8_555_952));
    expect(medianIncomeOf(2027, 4)).toBe(6_929_885);
    expect(medianIncomeOf(2027, 7)).toBeNull();
    expect(medianIncomeOf(2023, 1)).toBeNull();
    expect(medianIncomeOf(2026, 0)).toBeNull();
  });

  it('converts wages to an hour the way the minimum-wage check does', () => {
    expect(hourlyEquivalent('M', 2_156_880)).toBe(10_320);
    expect(hourlyEquivalent('D', 82_560)).toBe(10_320);
    expect(hourlyEquivalent('Y', 2_156_880 * 12)).toBe(10_320);
    expect(hourlyEquivalent('M', 1_500_000)).toBeLessThan(10_030);
  });
});

const t = await testApp();

describe('wage tables API', () => {
  it('serves /codes/minimum-wage and /codes/median-income by year', async () => {
    const get = async (url: string) => expectStatus(await t.app.inject({ method: 'GET', url }), 200);
    const mw = await get('/api/v1/codes/minimum-wage');
    expect(mw.items.map((w: { year: number; hourly: number }) => [w.year, w.hourly])).toEqual([
      [2024, 9_860],
      [2025, 10_030],
      [2026, 10_320],
      [2027, 10_700],
    ]);
    expect((await get('/api/v1/codes/minimum-wage?year=2026')).items).toEqual([
      { year: 2026, hourly: 10_320, notice: '고용노동부고시 제2025-47호' },
    ]);
    const mi = await get('/api/v1/codes/median-income?year=2026');
    expect(mi.total).toBe(7);
    expect(mi.items[3]).toEqual({
      year: 2026,
      householdSize: 4,
      monthly: 6_494_738,
      notice: '보건복지부고시 제2025-135호',
    });
    expect((await get('/api/v1/codes/median-income')).total).toBe(7 + 7 + 7 + 6);
  });
});
