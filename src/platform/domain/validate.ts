import type { FieldProblem } from '../errors.ts';
import { t } from '../i18n/i18n.ts';
import '../i18n/messages.ts';

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

/** ASCII and full-width digits (０–９). */
const DIGIT = '[0-9\\uFF10-\\uFF19]';
/**
 * What people type between the two halves of a 주민등록번호: nothing, spaces (also no-break and
 * ideographic), dots, and every dash a keyboard or an IME gives — hyphen-minus, soft hyphen,
 * hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign,
 * small and full-width hyphen-minus, full-width full stop, middle dots.
 */
const SEPARATOR =
  '[\\s.\\u002D\\u00AD\\u00B7\\u2010-\\u2015\\u2212\\u2027\\u30FB\\uFE58\\uFE63\\uFF0D\\uFF0E\\uFF65]{0,3}';
const RRN = new RegExp(`(?<!${DIGIT})(${DIGIT}{6})(${SEPARATOR})(${DIGIT}{7})(?!${DIGIT})`, 'g');

/** Full-width digits as ASCII. */
function asciiDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

/** YYMMDD with a real month and day, then a gender/century digit 1–8. */
function isRrnShaped(birth: string, rest: string): boolean {
  const month = Number(birth.slice(2, 4));
  const day = Number(birth.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && /^[1-8]/.test(rest);
}

/**
 * Masks anything shaped like a 주민등록번호 (YYMMDD, a separator or none, 7 digits, ASCII or
 * full-width) in free text (SECURITY.md 10), keeping the birth date and the first digit of
 * the back half: `900101–1234567` → `900101-1******`. Returns the masked text and whether
 * anything was masked, so the caller can warn the user. The one masking function of the
 * write path: every free-text field goes through it (or maskRrnFields) before it is stored.
 */
export function maskRrn(text: string): { text: string; masked: boolean } {
  let masked = false;
  const out = text.replace(RRN, (all: string, b: string, _sep: string, r: string) => {
    const birth = asciiDigits(b);
    const rest = asciiDigits(r);
    if (!isRrnShaped(birth, rest)) return all;
    masked = true;
    return `${birth}-${rest[0]}******`;
  });
  return { text: out, masked };
}

/**
 * maskRrn over the named free-text fields of an input (strings, nulls and absent fields are
 * fine; a list of strings is masked item by item). Returns a copy and the fields masked, in
 * the API's names, for the caller's `warnings`.
 */
export function maskRrnFields<T extends object>(
  input: T,
  fields: readonly (keyof T & string)[],
): {
  value: T;
  masked: string[];
} {
  const value = { ...input };
  const masked: string[] = [];
  for (const f of fields) {
    const v = value[f] as unknown;
    if (typeof v === 'string') {
      const m = maskRrn(v);
      if (m.masked) masked.push(f);
      (value as Record<string, unknown>)[f] = m.text;
    } else if (Array.isArray(v)) {
      (value as Record<string, unknown>)[f] = v.map((item: unknown, i) => {
        if (typeof item !== 'string') return item;
        const m = maskRrn(item);
        if (m.masked) masked.push(`${f}[${i}]`);
        return m.text;
      });
    }
  }
  return { value, masked };
}

/**
 * The warnings of masked fields. The message is Korean; server.ts words it again in the
 * request's language on the way out (it keeps the key for that).
 */
export function rrnWarnings(masked: readonly string[]): (FieldProblem & { message: string })[] {
  return masked.map((field) => ({ field, key: 'field.rrnMasked', message: t('ko', 'field.rrnMasked') }));
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
