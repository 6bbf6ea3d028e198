import { ancestors, findCode, regionNameToCode } from '../../codes/codes.ts';
import { findOccupation, mapOccupation, type OccupationEdition } from '../../codes/occupations.ts';
import type { WageType } from '../../platform/domain/wages.ts';

/**
 * Mapping between the national portal's (Worknet / 고용24 Open API) list fields and ours.
 * Each parser returns null when the text cannot be understood; the importer turns that into
 * a row error naming the Worknet element.
 */

/** Days an open-ended posting ("채용시까지", "상시") stays open after import. */
export const OPEN_ENDED_DAYS = 30;

const wageNames: Record<string, WageType> = { 시급: 'H', 일급: 'D', 월급: 'M', 연봉: 'Y' };
const wageLabels: Record<WageType, string> = { H: '시급', D: '일급', M: '월급', Y: '연봉' };

export function parseWageType(s: string): WageType | null {
  const t = s.trim();
  if (['H', 'D', 'M', 'Y'].includes(t)) return t as WageType;
  for (const [name, code] of Object.entries(wageNames)) if (t.includes(name)) return code;
  return null;
}

export const wageTypeLabel = (t: WageType): string => wageLabels[t];

/** "2,500,000", "250만원", "월급 250만원 ~ 300만원" → the first amount in won. */
export function parseWon(s: string): number | null {
  const m = /(\d[\d,]*)(\s*만)?/.exec(s);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  return Number.isFinite(n) ? n * (m[2] ? 10000 : 1) : null;
}

/** 학력무관, 고졸, 대졸(4년), "고졸 이상" or the code itself → Worknet education code 00–07. */
export function parseEducation(s: string): string | null {
  const t = s.replace(/\s/g, '');
  if (/^0[0-7]$/.test(t)) return t;
  const rules: [RegExp, string][] = [
    [/무관/, '00'],
    [/박사/, '07'],
    [/석사/, '06'],
    [/4년/, '05'],
    [/2~3년|2-3년|전문대|초대졸/, '04'],
    [/대졸|대학/, '05'],
    [/고졸|고등/, '03'],
    [/중졸|중학/, '02'],
    [/초졸|초등/, '01'],
  ];
  for (const [re, code] of rules) if (re.test(t)) return code;
  return null;
}

export function educationLabel(code: string): string {
  return findCode('education', code)?.name ?? '학력무관';
}

/** 신입 → N, 경력(24개월 이상) → E with months, 관계없음 / 신입 또는 경력 → Z. */
export function parseCareer(s: string): { type: 'N' | 'E' | 'Z'; minMonths: number } | null {
  const t = s.replace(/\s/g, '');
  if (['N', 'E', 'Z'].includes(t)) return { type: t as 'N' | 'E' | 'Z', minMonths: 0 };
  const hasNew = t.includes('신입');
  const hasExp = t.includes('경력');
  if (t.includes('관계없음') || t.includes('무관') || (hasNew && hasExp)) return { type: 'Z', minMonths: 0 };
  if (hasNew) return { type: 'N', minMonths: 0 };
  if (hasExp) {
    const months = /(\d+)개월/.exec(t);
    const years = /(\d+)년/.exec(t);
    return { type: 'E', minMonths: months ? Number(months[1]) : years ? Number(years[1]) * 12 : 0 };
  }
  return null;
}

export function careerLabel(type: string, months: number): string {
  if (type === 'N') return '신입';
  if (type === 'Z') return '관계없음';
  return months > 0 ? `경력(${months}개월 이상)` : '경력';
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "20261231", "2026-12-31", "26-12-31", "채용시까지 26-12-31", "채용시까지" → YYYY-MM-DD. */
export function parseWorknetDate(s: string, today: string): string | null {
  const long = /(\d{4})-?(\d{2})-?(\d{2})/.exec(s);
  if (long) return `${long[1]}-${long[2]}-${long[3]}`;
  const short = /(\d{2})[-.](\d{2})[-.](\d{2})/.exec(s);
  if (short) return `20${short[1]}-${short[2]}-${short[3]}`;
  if (/채용시까지|상시|마감시/.test(s)) return addDays(today, OPEN_ENDED_DAYS);
  return null;
}

/** "채용시까지", "상시" with no date: the posting stays open until filled (OPEN_ENDED_DAYS at a time). */
export function isOpenEndedDate(s: string): boolean {
  return !/\d{4}-?\d{2}-?\d{2}|\d{2}[-.]\d{2}[-.]\d{2}/.test(s) && /채용시까지|상시|마감시/.test(s);
}

/** YYYY-MM-DD → the portal's "26-12-31". */
export const worknetDate = (d: string): string => d.slice(2);

/** The KECO edition of the 6-digit `jobsCd` of a Worknet / 고용24 file. */
export type KecoEdition = '2018' | '2025';

/**
 * Worknet's 6-digit occupation code → a KECO detailed (level 4) code of the file's edition, or
 * the message key of why not. 고용24 sends KECO 2025 (API.md): its `jobsCd` is the 2025 세분류
 * followed by two digits (155500 → 1555 환경공학 기술자 및 연구원), stored with edition 2025 —
 * never read as 2018, where 1555 is 보건위생·환경 검사원. A file of the 2018 edition (older
 * exports, `--keco-edition 2018`) maps to a 2018 세분류. A code whose first four digits are
 * not a 세분류 of the edition is refused — no nearest-group guess.
 */
export function jobsCdToKeco(
  jobsCd: string,
  edition: KecoEdition = '2025',
): { code: string; edition: KecoEdition } | { problem: 'worknet.jobsCd' } {
  const d = jobsCd.trim().replace(/\D/g, '');
  const four = d.length === 6 ? findOccupation(d.slice(0, 4), edition) : null;
  return four?.level === 4 ? { code: four.code, edition } : { problem: 'worknet.jobsCd' };
}

/**
 * A posting's occupation as 고용24 writes it: KECO 2025 세분류 + "00". A 2018 code goes out as
 * its 2025 counterpart when the crosswalk links one (the finer match), else as itself with
 * edition 2018; the export names the edition of every row (`jobsCdEdition`) so that ilteo reads
 * its own files back exactly.
 */
export function jobsCdOf(code: string, edition: OccupationEdition): { jobsCd: string; edition: KecoEdition } {
  if (edition === '2025') return { jobsCd: `${code}00`, edition: '2025' };
  const mapped = mapOccupation(code, '2018');
  return mapped ? { jobsCd: `${mapped.code}00`, edition: '2025' } : { jobsCd: `${code}00`, edition: '2018' };
}

/** Region text ("서울 강남구", "경기 수원시 장안구") or a code → our region code. */
export function parseRegion(s: string): string | null {
  const t = s.split(',')[0]!.trim();
  if (/^\d{2}(\d{3})?$/.test(t)) return findCode('regions', t) ? t : null;
  return regionNameToCode(t);
}

/** Region code → the portal's text form: names from 시도 down ("서울특별시 강남구"). */
export function regionLabel(code: string): string {
  const item = findCode('regions', code);
  if (!item) return code;
  const names = [...ancestors('regions', code), item].map((c) => c.name);
  // 일반구 names repeat their city ("수원시 장안구" under 수원시): keep the longer one.
  return names.filter((n, i) => !names[i + 1]?.startsWith(n)).join(' ');
}

const workDayNames: [RegExp, string][] = [
  [/주\s*5일/, '1'],
  [/주\s*6일/, '2'],
  [/격주/, '3'],
];

/** 주5일근무 → 1, 주6일근무 → 2, 토요격주휴무 → 3; other text is kept as written. */
export function parseWorkDays(s: string): string {
  for (const [re, code] of workDayNames) if (re.test(s)) return code;
  return s.trim();
}

export function workDaysLabel(v: string | null): string {
  if (!v) return '';
  return findCode('work-days', v)?.name ?? v;
}
