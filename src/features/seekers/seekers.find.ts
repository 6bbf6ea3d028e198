import { isRealDate, normalisePhone } from '../../platform/domain/validate.ts';

/**
 * What a counsellor typed into the one search box (issue 15 "Find"): a caller's phone number
 * (whole, any hyphenation, or its last four digits), a 구직번호, a birth date, or else a name or
 * other words of the profile.
 */
export type SeekerFind =
  | { kind: 'phone'; phone: string }
  | { kind: 'phoneTail'; digits: string }
  | { kind: 'registrationNo'; registrationNo: string }
  | { kind: 'birthDate'; dates: string[] }
  | { kind: 'text'; text: string };

/**
 * Decides which kind the input is. Digits only (with hyphens, dots, slashes or spaces):
 * - 4 digits: the last four of a phone number (5678);
 * - 19xx/20xx then 6 digits (2026-000123, 2026000123): a 구직번호;
 * - a real date as YYYY-MM-DD, YYYY.MM.DD or YYYYMMDD (up to today): a birth date;
 * - YYMMDD: a birth date in the 1900s or 2000s, whichever are real and not in the future;
 * - a Korean phone number in any form (010-1234-5678, 01012345678, 010 1234 5678);
 * anything else is searched as words (name, keywords, certificates, careers).
 */
export function classifyFind(raw: string, today: string): SeekerFind {
  const text = raw.trim();
  const compact = text.replace(/[\s\-./]/g, '');
  if (!/^\d+$/.test(compact) || !/^[\d\s\-./]+$/.test(text)) return { kind: 'text', text };
  if (compact.length === 4) return { kind: 'phoneTail', digits: compact };
  const reg = /^((?:19|20)\d{2})(\d{6})$/.exec(compact);
  if (reg) return { kind: 'registrationNo', registrationNo: `${reg[1]}-${reg[2]}` };
  if (compact.length === 8) {
    const d = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6)}`;
    if (/^(19|20)/.test(compact) && isRealDate(d) && d <= today) return { kind: 'birthDate', dates: [d] };
  }
  if (compact.length === 6) {
    const tail = `${compact.slice(0, 2)}-${compact.slice(2, 4)}-${compact.slice(4)}`;
    const dates = [`19${tail}`, `20${tail}`].filter((d) => isRealDate(d) && d <= today);
    if (dates.length) return { kind: 'birthDate', dates };
  }
  const phone = normalisePhone(text);
  if (phone) return { kind: 'phone', phone };
  return { kind: 'text', text };
}
