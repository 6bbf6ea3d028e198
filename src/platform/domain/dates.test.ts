import { describe, expect, it } from 'vitest';
import { seoulToday } from './dates.ts';

describe('seoulToday', () => {
  it('gives the Asia/Seoul calendar date, as Intl does, around midnight in Seoul and in UTC', () => {
    const intl = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(d);
    for (const iso of [
      '2026-11-22T14:59:59.999Z', // 23:59:59.999 in Seoul
      '2026-11-22T15:00:00.000Z', // midnight in Seoul
      '2026-12-31T15:00:00.000Z', // new year in Seoul
      '2028-02-28T15:30:00.000Z', // leap day
      '2026-03-08T10:00:00.000Z', // DST change elsewhere
    ]) {
      const d = new Date(iso);
      expect(seoulToday(d)).toBe(intl(d));
    }
    expect(seoulToday(new Date('2026-11-22T15:00:00Z'))).toBe('2026-11-23');
  });
});
