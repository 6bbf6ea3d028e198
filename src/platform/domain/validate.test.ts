import { describe, expect, it } from 'vitest';
import { isRealDate, isValidBizRegNo, maskRrn, normalisePhone, withBizRegCheckDigit } from './validate.ts';
import { monthlyWage } from './wages.ts';

describe('validators', () => {
  it('dates must exist', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('26-01-01')).toBe(false);
  });
  it('Korean phone numbers', () => {
    expect(normalisePhone('01012345678')).toBe('010-1234-5678');
    expect(normalisePhone('+82 10-1234-5678')).toBe('010-1234-5678');
    expect(normalisePhone('02-123-4567')).toBe('02-123-4567');
    expect(normalisePhone('031 8000 1234')).toBe('031-8000-1234');
    expect(normalisePhone('1588-1234')).toBe('1588-1234');
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('+1 415 555 1234')).toBeNull();
  });
  it('사업자등록번호 checksum', () => {
    // 220-81-62517 is a published, valid number (a large company's), used as a checksum fact.
    expect(isValidBizRegNo('2208162517')).toBe(true);
    expect(isValidBizRegNo('220-81-62517')).toBe(true);
    expect(isValidBizRegNo('2208162518')).toBe(false);
    expect(isValidBizRegNo(withBizRegCheckDigit('123456789'))).toBe(true);
  });
  it('masks resident registration numbers in free text', () => {
    expect(maskRrn('주민번호 900101-1234567 확인')).toEqual({
      text: '주민번호 900101-1****** 확인',
      masked: true,
    });
    expect(maskRrn('9001011234567').masked).toBe(true);
    expect(maskRrn('전화 010-1234-5678').masked).toBe(false);
  });
  it('monthly wages', () => {
    expect(monthlyWage('H', 10150)).toBe(2121350);
    expect(monthlyWage('D', 100000)).toBe(2175000);
    expect(monthlyWage('Y', 36000000)).toBe(3000000);
  });
});
