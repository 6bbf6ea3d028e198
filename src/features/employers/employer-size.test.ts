import { describe, expect, it } from 'vitest';
import { sizeName } from './employer-size.ts';

describe('sizeName', () => {
  it('names the size bands in Korean and keeps free text', () => {
    expect(sizeName('under5', 'ko')).toBe('5인 미만');
    expect(sizeName('30-99', 'ko')).toBe('30~99인');
    expect(sizeName('300+', 'en')).toBe('300 or more');
    expect(sizeName('약 40명', 'ko')).toBe('약 40명');
    expect(sizeName(null, 'ko')).toBe('');
  });
});
