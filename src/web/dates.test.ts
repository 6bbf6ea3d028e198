import { describe, expect, it } from 'vitest';
import { koDate } from './dates.ts';

describe('koDate', () => {
  it('writes a day the Korean way, in Seoul time', () => {
    expect(koDate('2026-12-07')).toBe('2026년 12월 7일 (월)');
    // 15:30 UTC on the 6th is 00:30 on Monday the 7th in Seoul.
    expect(koDate('2026-12-06T15:30:00Z', 'ko', true)).toBe('2026년 12월 7일 (월) 00:30');
    expect(koDate('2026-12-07', 'en')).toBe('Mon 7 Dec 2026');
    expect(koDate(null)).toBe('');
  });
});
