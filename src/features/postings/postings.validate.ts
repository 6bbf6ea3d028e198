import { findCode, normalizeLegacyRegionCode } from '../../codes/codes.ts';
import { findOccupation, type OccupationEdition } from '../../codes/occupations.ts';
import { regionCodeProblem } from '../../codes/regions.ts';
import { hourlyEquivalent, minimumWageFor } from '../../codes/wages.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { monthlyWage, type WageType } from '../../platform/domain/wages.ts';
import { DomainError, type FieldProblem } from '../../platform/errors.ts';
import { indexTokens } from '../../platform/search/tokenize.ts';
import type { PostingTable } from './postings.tables.ts';
import './postings.messages.ts';
import { maskRrn } from '../../platform/domain/validate.ts';

/** A posting as clients send it (API field names). */
export interface PostingInput {
  employerId: string;
  title: string;
  occupationCode: string;
  /** KECO edition of occupationCode; "2018" when absent (API.md "Reference data (dated)"). */
  occupationEdition?: OccupationEdition;
  duties: string;
  headcount: number;
  employmentType: string;
  wageType: WageType;
  wageMin: number;
  wageMax?: number | null;
  workDays?: string | null;
  workHours?: string | null;
  regionCode: string;
  address?: string | null;
  educationMin: string;
  career: { type: 'N' | 'E' | 'Z'; minMonths?: number };
  certificates?: string[];
  preferences?: string[];
  keywords?: string[];
  closesAt: string;
}

/** Columns a posting's content maps to (status, owner and audit columns are set by services). */
export type PostingColumns = Pick<
  PostingTable,
  | 'employer_id'
  | 'title'
  | 'occupation_code'
  | 'duties'
  | 'headcount'
  | 'employment_type'
  | 'wage_type'
  | 'wage_min'
  | 'wage_max'
  | 'wage_monthly_min'
  | 'work_days'
  | 'work_hours'
  | 'region_code'
  | 'address'
  | 'education_min'
  | 'career_type'
  | 'closes_at'
> & {
  occupation_edition: OccupationEdition;
  career_min_months: number;
  certificates: string[];
  preferences: string[];
  keywords: string[];
};

export { seoulToday } from '../../platform/domain/dates.ts';

const list = (xs: string[] | undefined) => [...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean))];

/**
 * Checks a full posting and maps it to columns. Occupations must be KECO level 4 (세분류):
 * matching compares detailed codes, and the code table nests by prefix so searches by any
 * higher level still find the posting. Unknown codes and a past closing date are refused.
 */
export function validatePosting(
  p: PostingInput,
  problems: FieldProblem[],
  opts: {
    today: string;
    prefix?: string;
    keepRegion?: string;
    regionDate?: string;
    /** The year whose minimum wage applies (the year the posting opened); default today's. */
    wageYear?: number;
    /** Collects the fields where a 주민등록번호 was masked, for the caller's warnings. */
    masked?: string[];
  },
): PostingColumns {
  const f = (name: string) => `${opts.prefix ?? ''}${name}`;
  // A 주민등록번호 typed into the free text is masked here, for the API, imports and pages
  // alike; `opts.masked` collects the fields so the caller can warn (SECURITY.md 10).
  const title = maskRrn(p.title.trim());
  const duties = maskRrn(p.duties.trim());
  if (title.masked) opts.masked?.push(f('title'));
  if (duties.masked) opts.masked?.push(f('duties'));
  // A code is read in its edition: 1555 is 보건위생·환경 검사원 in 2018, 환경공학 기술자 in 2025.
  const edition = p.occupationEdition ?? '2018';
  const occ = findOccupation(p.occupationCode, edition);
  if (!occ)
    problems.push({ field: f('occupationCode'), key: 'field.code', params: { code: p.occupationCode } });
  else if (occ.level !== 4) {
    problems.push({
      field: f('occupationCode'),
      key: 'posting.occupationLevel',
      params: { code: p.occupationCode },
    });
  }
  // A posting opens today, so its region must be in force today; one it already holds stays.
  const region = normalizeLegacyRegionCode(p.regionCode.trim());
  if (!region) {
    problems.push({ field: f('regionCode'), key: 'field.code', params: { code: p.regionCode } });
  } else {
    const keep = opts.keepRegion ? [opts.keepRegion] : [];
    const problem = regionCodeProblem(f('regionCode'), region, opts.regionDate ?? opts.today, keep);
    if (problem) problems.push(problem);
  }
  if (!findCode('employment-types', p.employmentType)) {
    problems.push({ field: f('employmentType'), key: 'field.code', params: { code: p.employmentType } });
  }
  if (!findCode('education', p.educationMin)) {
    problems.push({ field: f('educationMin'), key: 'field.code', params: { code: p.educationMin } });
  }
  if (!['D', 'H', 'M', 'Y'].includes(p.wageType)) {
    problems.push({ field: f('wageType'), key: 'field.code', params: { code: String(p.wageType) } });
  }
  if (!['N', 'E', 'Z'].includes(p.career?.type)) {
    problems.push({ field: f('career.type'), key: 'field.code', params: { code: String(p.career?.type) } });
  }
  // 최저임금: the wage converted to an hour (monthly ÷ 209, daily ÷ 8, yearly ÷ 12 ÷ 209).
  const minimum = minimumWageFor(opts.wageYear ?? Number(opts.today.slice(0, 4)));
  if (
    minimum &&
    ['D', 'H', 'M', 'Y'].includes(p.wageType) &&
    hourlyEquivalent(p.wageType, p.wageMin) < minimum.hourly
  ) {
    problems.push({
      field: f('wageMin'),
      key: 'posting.wageBelowMinimum',
      params: { year: minimum.year, hourly: minimum.hourly.toLocaleString('ko-KR') },
    });
  }
  if (p.wageMax !== undefined && p.wageMax !== null && p.wageMax < p.wageMin) {
    problems.push({ field: f('wageMax'), key: 'posting.wageRange' });
  }
  if (!isRealDate(p.closesAt)) problems.push({ field: f('closesAt'), key: 'field.date' });
  else if (p.closesAt < opts.today) {
    problems.push({ field: f('closesAt'), key: 'posting.closesAtPast', params: { today: opts.today } });
  }
  if (!p.title.trim()) problems.push({ field: f('title'), key: 'field.required' });
  if (!p.duties.trim()) problems.push({ field: f('duties'), key: 'field.required' });
  return {
    employer_id: p.employerId,
    title: title.text,
    occupation_code: p.occupationCode.trim(),
    occupation_edition: edition,
    duties: duties.text,
    headcount: p.headcount,
    employment_type: p.employmentType,
    wage_type: p.wageType,
    wage_min: p.wageMin,
    wage_max: p.wageMax ?? null,
    wage_monthly_min: ['D', 'H', 'M', 'Y'].includes(p.wageType) ? monthlyWage(p.wageType, p.wageMin) : 0,
    work_days: p.workDays?.trim() || null,
    work_hours: p.workHours?.trim() || null,
    region_code: region ?? p.regionCode,
    address: p.address?.trim() || null,
    education_min: p.educationMin,
    career_type: p.career?.type,
    career_min_months: p.career?.type === 'E' ? (p.career.minMonths ?? 0) : 0,
    certificates: list(p.certificates),
    preferences: list(p.preferences),
    keywords: list(p.keywords),
    closes_at: p.closesAt,
  };
}

/**
 * The 400 of a refused posting. A wage under the minimum wage gets its own stable `code`
 * (`posting.wageBelowMinimum`, API.md "Errors") so that programs can act on it.
 */
export function postingInvalid(problems: FieldProblem[]): DomainError {
  const wage = problems.find((p) => p.key === 'posting.wageBelowMinimum');
  return wage
    ? new DomainError('validation', wage.key, wage.params, problems)
    : new DomainError('validation', 'error.validation', {}, problems);
}

/** Search tokens of a posting: title, duties, company, keywords and the occupation's name. */
export function postingTokens(
  c: Pick<PostingColumns, 'title' | 'duties' | 'keywords' | 'occupation_code'> & {
    occupation_edition?: OccupationEdition;
  },
  companyName: string,
): string[] {
  const occ = findOccupation(c.occupation_code, c.occupation_edition ?? '2018')?.name ?? '';
  return indexTokens([c.title, c.duties, companyName, c.keywords.join(' '), occ].join('\n'));
}

/** Column values → API fields, for history rows and presenters. */
export function toApiFields(c: Partial<PostingColumns>): Record<string, unknown> {
  const map: Record<string, string> = {
    employer_id: 'employerId',
    title: 'title',
    occupation_code: 'occupationCode',
    occupation_edition: 'occupationEdition',
    duties: 'duties',
    headcount: 'headcount',
    employment_type: 'employmentType',
    wage_type: 'wageType',
    wage_min: 'wageMin',
    wage_max: 'wageMax',
    work_days: 'workDays',
    work_hours: 'workHours',
    region_code: 'regionCode',
    address: 'address',
    education_min: 'educationMin',
    career_type: 'career.type',
    career_min_months: 'career.minMonths',
    certificates: 'certificates',
    preferences: 'preferences',
    keywords: 'keywords',
    closes_at: 'closesAt',
  };
  const out: Record<string, unknown> = {};
  for (const [col, value] of Object.entries(c)) if (map[col]) out[map[col]] = value;
  return out;
}
