import type { FieldProblem } from '../errors.ts';

/** True for a real calendar date in YYYY-MM-DD (rejects 2026-02-30). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/**
 * Korean phone numbers: mobile 010/011/016–019, Seoul 02, area codes 031–064, internet phone
 * 070, and 15xx/16xx/18xx representative numbers. Returns the normalised form with hyphens,
 * or null.
 */
export function normalisePhone(raw: string): string | null {
  let digits = raw.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+82')) digits = `0${digits.slice(3)}`;
  if (!/^\d+$/.test(digits)) return null;
  let m = /^(01[016789])(\d{3,4})(\d{4})$/.exec(digits);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(02)(\d{3,4})(\d{4})$/.exec(digits);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4]|70))(\d{3,4})(\d{4})$/.exec(digits);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(1[568]\d{2})(\d{4})$/.exec(digits);
  if (m) return `${m[1]}-${m[2]}`;
  return null;
}

/**
 * 사업자등록번호 checksum: weights 1,3,7,1,3,7,1,3,5 on the first nine digits, plus
 * floor(9th × 5 / 10); the check digit makes the sum a multiple of ten.
 */
export function isValidBizRegNo(raw: string): boolean {
  const d = raw.replace(/-/g, '');
  if (!/^\d{10}$/.test(d)) return false;
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * w[i]!;
  sum += Math.floor((Number(d[8]) * 5) / 10);
  return (10 - (sum % 10)) % 10 === Number(d[9]);
}

/** Appends the check digit to nine digits (for demo data and tests). */
export function withBizRegCheckDigit(nine: string): string {
  for (let c = 0; c <= 9; c++) if (isValidBizRegNo(`${nine}${c}`)) return `${nine}${c}`;
  throw new Error('unreachable');
}

const RRN = /(?<!\d)(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))\s?-?\s?([1-8]\d{6})(?!\d)/g;

/**
 * Masks anything shaped like a 주민등록번호 (13 digits, YYMMDD-Gnnnnnn) in free text
 * (SECURITY.md 10). Returns the masked text and whether anything was masked, so the caller
 * can warn the user.
 */
export function maskRrn(text: string): { text: string; masked: boolean } {
  let masked = false;
  const out = text.replace(RRN, (_all, birth: string, rest: string) => {
    masked = true;
    return `${birth}-${rest[0]}******`;
  });
  return { text: out, masked };
}

/** Collects problems and throws one validation error with all of them (see errors.invalid). */
export function problemList() {
  const list: FieldProblem[] = [];
  return {
    list,
    add(field: string, key: string, params?: Record<string, string | number>) {
      list.push({ field, key, params });
    },
  };
}
