// Turning database rows into index rows: the record shapes, COPY text parsing and tokens.
import { findCode, listCodes } from '../../codes/codes.ts';
import { occupationForMatching } from '../../codes/occupations.ts';
import { rollupRegion } from '../../codes/regions.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { indexTokens } from '../../platform/search/tokenize.ts';

/** What the index needs of a posting (no text beyond the tokens). */
export interface PostingRecord {
  id: string;
  occupation: string;
  region: string;
  wageMonthly: number;
  employmentType: string;
  educationMin: string;
  careerType: string;
  careerMinMonths: number;
  headcount: number;
  createdAt: number;
  closesAt: string;
  open: boolean;
  preferences: string[];
  certificates: string[];
  text: string;
}

/** What the index needs of a seeker: never the birth date, name or contact details. */
export interface SeekerRecord {
  id: string;
  centreId: string;
  region: string;
  education: string;
  occupations: string[];
  regions: string[];
  employmentTypes: string[];
  wageMonthly: number | null;
  careerMonths: number;
  certificates: string[];
  targetGroups: string[];
  active: boolean;
  consentShare: boolean;
  consentSensitive: boolean;
  text: string;
}

const US = '\x1f';

/** SELECT list for postings; lists joined by U+001F so COPY's text format needs no array parsing. */
export const POSTING_COLUMNS = `id, occupation_code, region_code, wage_monthly_min, employment_type, education_min,
  career_type, career_min_months, headcount, (extract(epoch from created_at) * 1000)::bigint,
  closes_at, (status = 'open')::int, array_to_string(preferences, chr(31)), array_to_string(certificates, chr(31)),
  translate(concat_ws(' ', title, duties, array_to_string(keywords, ' ')), E'\t\n\r', '   '), occupation_edition`;

export const SEEKER_COLUMNS = `id, centre_id, region_code, education_level, array_to_string(desired_occupations, chr(31)),
  array_to_string(desired_regions, chr(31)), array_to_string(desired_employment_types, chr(31)),
  desired_wage_monthly, career_months, array_to_string(certificates, chr(31)),
  array_to_string(target_groups, chr(31)), (status = 'active' AND NOT suspended)::int, consent_share::int,
  consent_sensitive::int,
  translate(concat_ws(' ', array_to_string(keywords, ' '),
    (SELECT string_agg(coalesce(c->>'occupation', ''), ' ') FROM jsonb_array_elements(careers) c)), E'\t\n\r', '   '),
  desired_occupation_edition`;

/**
 * Codes as the index compares them (issue 14): an occupation in one code space across KECO
 * editions (a 2025 code and its 2018 counterpart are one occupation), and a region under the
 * code in force today (a seeker of 인천 서구 28260 lives in 서해구 28275 since 2026-07-01).
 * Records keep their own codes; only the index sees these. 2018 codes (every older record) and
 * regions in force pass through untouched; the few others are looked up once and cached.
 */
const occ2025 = new Map<string, string>();
let regionDayEnd = 0;
let rolledUp = new Map<string, string>();

export function indexOccupation(code: string, edition: string | null | undefined): string {
  if (edition !== '2025') return code;
  let v = occ2025.get(code);
  if (v === undefined) {
    v = occupationForMatching(code, '2025') ?? '';
    occ2025.set(code, v);
  }
  return v;
}

/** Abolished region codes → the code they count under today; rebuilt when the Seoul day turns. */
function regionsToday(): Map<string, string> {
  const now = Date.now();
  if (now >= regionDayEnd) {
    const day = seoulToday(new Date(now));
    regionDayEnd = Date.parse(`${day}T00:00:00+09:00`) + 86_400_000;
    const next = new Map<string, string>();
    for (const r of listCodes('regions')) {
      if (r.validTo && r.validTo < day) next.set(r.code, rollupRegion(r.code, day));
    }
    rolledUp = next;
  }
  return rolledUp;
}

export function indexRegion(code: string): string {
  return regionsToday().get(code) ?? code;
}

const rolledRegion = (code: string, rolled = regionsToday()): string => rolled.get(code) ?? code;

/** Region codes of one row: the list itself when none is abolished (the common case). */
function indexRegions(codes: string[], rolled: Map<string, string>): string[] {
  for (let i = 0; i < codes.length; i++) {
    const r = rolled.get(codes[i] as string);
    if (r !== undefined) codes[i] = r;
  }
  return codes;
}

function unescapeCopy(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' || c === 't' || c === 'r' ? ' ' : c));
}

const list = (s: string): string[] => (s === '' || s === '\\N' ? [] : unescapeCopy(s).split(US));
const num = (s: string): number => (s === '\\N' ? 0 : Number(s));

/** One line of `COPY (SELECT POSTING_COLUMNS …) TO STDOUT`. */
export function parsePostingLine(line: string): PostingRecord {
  const f = line.split('\t');
  return {
    id: f[0] as string,
    occupation: indexOccupation(f[1] as string, f[15]),
    region: rolledRegion(f[2] as string),
    wageMonthly: num(f[3] as string),
    employmentType: f[4] as string,
    educationMin: f[5] as string,
    careerType: f[6] as string,
    careerMinMonths: num(f[7] as string),
    headcount: num(f[8] as string),
    createdAt: num(f[9] as string),
    closesAt: f[10] as string,
    open: f[11] === '1',
    preferences: list(f[12] as string),
    certificates: list(f[13] as string),
    text: unescapeCopy(f[14] as string),
  };
}

/** One line of `COPY (SELECT SEEKER_COLUMNS …) TO STDOUT`. */
export function parseSeekerLine(line: string): SeekerRecord {
  const f = line.split('\t');
  const rolled = regionsToday();
  return {
    id: f[0] as string,
    centreId: f[1] as string,
    region: rolledRegion(f[2] as string, rolled),
    education: f[3] as string,
    occupations:
      f[15] === '2025' ? list(f[4] as string).map((o) => indexOccupation(o, '2025')) : list(f[4] as string),
    regions: indexRegions(list(f[5] as string), rolled),
    employmentTypes: list(f[6] as string),
    wageMonthly: f[7] === '\\N' ? null : Number(f[7]),
    careerMonths: num(f[8] as string),
    certificates: list(f[9] as string),
    targetGroups: list(f[10] as string),
    active: f[11] === '1',
    consentShare: f[12] === '1',
    consentSensitive: f[13] === '1',
    text: f[14] === '\\N' ? '' : unescapeCopy(f[14] as string),
  };
}

/**
 * The index record of a seeker row already read (the same values as SEEKER_COLUMNS), so a
 * recommendation for one seeker reads the row once, with its access check.
 */
export function seekerRecordOf(s: {
  id: string;
  centre_id: string;
  region_code: string;
  education_level: string;
  desired_occupations: string[];
  desired_occupation_edition?: string;
  desired_regions: string[];
  desired_employment_types: string[];
  desired_wage_monthly: number | null;
  career_months: number;
  certificates: string[];
  target_groups: string[];
  status: string;
  suspended: boolean;
  consent_share: boolean;
  consent_sensitive: boolean;
  keywords: string[];
  careers: unknown;
}): SeekerRecord {
  const careers = Array.isArray(s.careers) ? (s.careers as { occupation?: string }[]) : [];
  const careerText = careers.length ? careers.map((c) => c.occupation ?? '').join(' ') : null;
  return {
    id: s.id,
    centreId: s.centre_id,
    region: indexRegion(s.region_code),
    education: s.education_level,
    occupations: s.desired_occupations.map((o) => indexOccupation(o, s.desired_occupation_edition)),
    regions: indexRegions([...s.desired_regions], regionsToday()),
    employmentTypes: s.desired_employment_types,
    wageMonthly: s.desired_wage_monthly === null ? null : Number(s.desired_wage_monthly),
    careerMonths: Number(s.career_months),
    certificates: s.certificates,
    targetGroups: s.target_groups,
    active: s.status === 'active' && !s.suspended,
    consentShare: s.consent_share,
    consentSensitive: s.consent_sensitive,
    text: [s.keywords.join(' '), careerText]
      .filter((x) => x !== null)
      .join(' ')
      .replace(/[\t\n\r]/g, ' '),
  };
}

/** 32-bit FNV-1a of a token: the index compares ints, not strings. */
export function hashToken(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const wordCache = new Map<string, number[]>();

/**
 * Sorted distinct token hashes of a text. Words are tokenized one by one and cached: the
 * tokenizer never joins across whitespace, so the union equals the tokens of the whole text.
 * Career occupation codes become their KECO names first.
 */
export function tokenHashes(text: string): Int32Array {
  const out = new Set<number>();
  for (const raw of text.split(/\s+/)) {
    if (!raw) continue;
    let hs = wordCache.get(raw);
    if (!hs) {
      const name = /^\d{4}$/.test(raw) ? findCode('occupations', raw)?.name : undefined;
      hs = indexTokens(name ?? raw).map(hashToken);
      if (wordCache.size > 200_000) wordCache.clear();
      wordCache.set(raw, hs);
    }
    for (const h of hs) out.add(h);
  }
  return Int32Array.from(out).sort();
}
