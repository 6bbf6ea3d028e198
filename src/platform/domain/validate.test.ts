import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isRealDate,
  isValidBizRegNo,
  maskRrn,
  maskRrnFields,
  normalisePhone,
  withBizRegCheckDigit,
} from './validate.ts';
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
  it('masks the forms an outside probe found unmasked (issue 23)', () => {
    for (const form of [
      '900101–1234567', // en dash
      '900101—1234567', // em dash
      '900101−1234567', // minus sign
      '900101－1234567', // full-width hyphen-minus
      '900101.1234567',
      '900101 1234567',
      '900101 - 1234567',
      '９００１０１－１２３４５６７',
      '９００１０１1234567',
    ]) {
      expect(maskRrn(`메모: ${form} 확인`), form).toEqual({
        text: '메모: 900101-1****** 확인',
        masked: true,
      });
    }
    // Not a resident number: no real month, a longer digit run, a phone, a business number.
    for (const text of [
      '901301-1234567',
      '1900101-1234567',
      '010-1234-5678',
      '220-81-62517',
      '900101-9234567',
    ]) {
      expect(maskRrn(text).masked, text).toBe(false);
    }
  });
  it('masks every generated form: separators, widths and surrounding text (property)', () => {
    const wide = (d: string) => String.fromCharCode(d.charCodeAt(0) - 48 + 0xff10);
    const widths = (n: number) => fc.array(fc.boolean(), { minLength: n, maxLength: n });
    const mix = (s: string, w: boolean[]) => [...s].map((d, i) => (w[i] ? wide(d) : d)).join('');
    const pad = (n: number) => String(n).padStart(2, '0');
    const birth = fc
      .record({
        y: fc.integer({ min: 0, max: 99 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 28 }),
      })
      .map(({ y, m, d }) => `${pad(y)}${pad(m)}${pad(d)}`);
    const back = fc
      .record({ g: fc.integer({ min: 1, max: 8 }), n: fc.integer({ min: 0, max: 999_999 }) })
      .map(({ g, n }) => `${g}${String(n).padStart(6, '0')}`);
    const dash = fc.constantFrom(
      '',
      '-',
      '\u2010',
      '\u2011',
      '\u2012',
      '–',
      '—',
      '\u2015',
      '−',
      '－',
      '﹣',
      '.',
      '．',
      ' ',
      '\u00a0',
      '\u3000',
      '·',
    );
    const separator = fc.array(dash, { maxLength: 3 }).map((a) => a.join(''));
    // Surrounding text that does not itself end or start in a digit.
    const noDigits = fc.string({ maxLength: 20 }).map((s) => s.replace(/[0-9\uFF10-\uFF19]/g, ''));
    fc.assert(
      fc.property(
        fc.record({
          birth,
          back,
          separator,
          bw: widths(6),
          rw: widths(7),
          before: noDigits,
          after: noDigits,
        }),
        (g) => {
          const text = `${g.before}가${mix(g.birth, g.bw)}${g.separator}${mix(g.back, g.rw)}나${g.after}`;
          const out = maskRrn(text);
          expect(out.masked).toBe(true);
          expect(out.text).toBe(`${g.before}가${g.birth}-${g.back[0]}******나${g.after}`);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('masks the named fields of an input and says which', () => {
    const r = maskRrnFields(
      {
        goal: '900101-1234567 확인',
        steps: ['a', '９００１０１－１２３４５６７'],
        other: '900101-1234567',
        none: null,
      },
      ['goal', 'steps', 'none'],
    );
    expect(r.value).toEqual({
      goal: '900101-1****** 확인',
      steps: ['a', '900101-1******'],
      other: '900101-1234567',
      none: null,
    });
    expect(r.masked).toEqual(['goal', 'steps[1]']);
  });
  it('monthly wages', () => {
    expect(monthlyWage('H', 10150)).toBe(2121350);
    expect(monthlyWage('D', 100000)).toBe(2175000);
    expect(monthlyWage('Y', 36000000)).toBe(3000000);
  });
});
