import { findCode, isValidCode } from '../../codes/codes.ts';
import { isOccupationEdition, type OccupationEdition, occupationSet } from '../../codes/occupations.ts';
import { regionCodeProblem } from '../../codes/regions.ts';
import { isRealDate, maskRrn, normalisePhone } from '../../platform/domain/validate.ts';
import { monthlyWage, type WageType } from '../../platform/domain/wages.ts';
import type { FieldProblem } from '../../platform/errors.ts';

/** The profile as the API writes it (create body, or an existing record merged with a patch). */
export interface ProfileInput {
  name: string;
  birthDate: string;
  phone: string;
  email?: string | null;
  regionCode: string;
  address?: string | null;
  educationLevel: string;
  targetGroups?: string[];
  desired: {
    occupations: string[];
    /** KECO edition of occupations; "2018" when absent (API.md "Reference data (dated)"). */
    occupationEdition?: OccupationEdition;
    regions?: string[];
    employmentTypes?: string[];
    wageType?: string | null;
    wageMin?: number | null;
    workDays?: string | null;
    workHours?: string | null;
    availableFrom?: string | null;
  };
  careers?: { company: string; occupation?: string; occupationEdition?: OccupationEdition; months: number }[];
  certificates?: string[];
  keywords?: string[];
  registeredAt?: string;
  externalId?: string | null;
}

/** Validated, normalised and RRN-masked values, ready for the seekers row. */
export interface ProfileValues {
  name: string;
  birthDate: string;
  phone: string;
  email: string | null;
  regionCode: string;
  address: string | null;
  educationLevel: string;
  targetGroups: string[];
  occupations: string[];
  occupationEdition: OccupationEdition;
  regions: string[];
  employmentTypes: string[];
  wageType: WageType | null;
  wageMin: number | null;
  wageMonthly: number | null;
  workDays: string | null;
  workHours: string | null;
  availableFrom: string | null;
  careers: { company: string; occupation: string; occupationEdition?: OccupationEdition; months: number }[];
  careerMonths: number;
  certificates: string[];
  keywords: string[];
  registeredAt: string;
  externalId: string | null;
}

export { seoulToday } from '../../platform/domain/dates.ts';

/** Sensitive target groups (SECURITY.md 11): recorded only with an active sensitive consent. */
export const SENSITIVE_GROUPS = new Set(['disabled']);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WAGE_TYPES = new Set(['D', 'H', 'M', 'Y']);
const MIN_AGE = 13;
const MAX_AGE = 100;

function ageOn(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Checks a whole profile and collects every problem (one answer names every wrong field).
 * Occupations may be KECO codes of any level 1–4: a broader code means "anything below it",
 * and KECO codes nest by prefix, so matching can compare prefixes. A career's occupation is
 * either a KECO code (digits; checked) or a free-text job name.
 * Free text is RRN-masked (SECURITY.md 10); each masked field is reported in `warnings`.
 */
export function checkProfile(
  input: ProfileInput,
  opts: {
    today: string;
    sensitiveConsent: boolean;
    /** Codes the record already holds (kept even when abolished since) and the date new ones must be in force on. */
    keepRegions?: readonly string[];
    regionDate?: string;
  },
): { values: ProfileValues; problems: FieldProblem[]; warnings: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const add = (field: string, key: string, params?: Record<string, string | number>) =>
    problems.push({ field, key, params });
  const mask = (field: string, text: string): string => {
    const m = maskRrn(text);
    if (m.masked) warnings.push({ field, key: 'seeker.rrnMasked' });
    return m.text.trim();
  };
  const code = (set: Parameters<typeof isValidCode>[0], field: string, value: string) => {
    if (!isValidCode(set, value)) add(field, 'field.code', { code: value });
  };

  const name = mask('name', input.name);
  if (!name) add('name', 'seeker.empty');

  if (!isRealDate(input.birthDate)) add('birthDate', 'field.date');
  else if (input.birthDate > opts.today) add('birthDate', 'seeker.birthDateFuture');
  else {
    const age = ageOn(input.birthDate, opts.today);
    if (age < MIN_AGE || age > MAX_AGE) add('birthDate', 'seeker.birthDateRange');
  }

  const phone = normalisePhone(input.phone);
  if (!phone) add('phone', 'field.phone');

  const email = input.email?.trim() || null;
  if (email && !EMAIL.test(email)) add('email', 'field.email');

  // Regions must be in force on the registration date (a back-dated import may use the codes
  // of its day); a region the record already holds stays even after it was abolished.
  const onDate =
    opts.regionDate ??
    (input.registeredAt && isRealDate(input.registeredAt) ? input.registeredAt : opts.today);
  const region = (field: string, value: string) => {
    const p = regionCodeProblem(field, value, onDate, opts.keepRegions);
    if (p) problems.push(p);
  };
  region('regionCode', input.regionCode);
  code('education', 'educationLevel', input.educationLevel);

  const targetGroups = [...new Set(input.targetGroups ?? [])];
  for (const [i, g] of targetGroups.entries()) code('target-groups', `targetGroups[${i}]`, g);
  if (!opts.sensitiveConsent && targetGroups.some((g) => SENSITIVE_GROUPS.has(g))) {
    add('targetGroups', 'seeker.sensitiveConsent');
  }

  const d = input.desired;
  const occupations = [...new Set(d.occupations.map((o) => o.trim()))];
  if (occupations.length === 0) add('desired.occupations', 'field.minItems', { limit: 1 });
  const occupationEdition = d.occupationEdition ?? '2018';
  if (!isOccupationEdition(occupationEdition))
    add('desired.occupationEdition', 'field.code', { code: String(occupationEdition) });
  // Codes are read in their edition (1555 differs between KECO 2018 and 2025).
  const occSet = occupationSet(isOccupationEdition(occupationEdition) ? occupationEdition : '2018');
  for (const [i, o] of occupations.entries()) code(occSet, `desired.occupations[${i}]`, o);
  const regions = [...new Set(d.regions ?? [])];
  for (const [i, r] of regions.entries()) region(`desired.regions[${i}]`, r);
  const employmentTypes = [...new Set(d.employmentTypes ?? [])];
  for (const [i, e] of employmentTypes.entries())
    code('employment-types', `desired.employmentTypes[${i}]`, e);
  const wageType = d.wageType ?? null;
  if (wageType !== null && !WAGE_TYPES.has(wageType))
    add('desired.wageType', 'field.code', { code: wageType });
  const wageMin = d.wageMin ?? null;
  if (wageMin !== null && wageMin < 0) add('desired.wageMin', 'seeker.wageMin');
  if (wageMin !== null && wageType === null) add('desired.wageType', 'seeker.wageTypeRequired');
  const workDays = d.workDays || null;
  if (workDays) code('work-days', 'desired.workDays', workDays);
  const workHours = d.workHours ? mask('desired.workHours', d.workHours) || null : null;
  const availableFrom = d.availableFrom || null;
  if (availableFrom && !isRealDate(availableFrom)) add('desired.availableFrom', 'field.date');

  const careers = (input.careers ?? []).map((c, i) => {
    const company = mask(`careers[${i}].company`, c.company);
    if (!company) add(`careers[${i}].company`, 'seeker.empty');
    let occupation = (c.occupation ?? '').trim();
    const coded = /^\d+$/.test(occupation);
    // A coded occupation is read in its edition and keeps it; free text has none.
    const edition = c.occupationEdition ?? '2018';
    if (!isOccupationEdition(edition))
      add(`careers[${i}].occupationEdition`, 'field.code', { code: String(edition) });
    else if (coded) code(occupationSet(edition), `careers[${i}].occupation`, occupation);
    if (!coded) occupation = mask(`careers[${i}].occupation`, occupation);
    if (!Number.isInteger(c.months) || c.months < 0 || c.months > 720)
      add(`careers[${i}].months`, 'seeker.months');
    return coded
      ? { company, occupation, occupationEdition: edition, months: c.months }
      : { company, occupation, months: c.months };
  });
  const certificates = (input.certificates ?? [])
    .map((c, i) => mask(`certificates[${i}]`, c))
    .filter(Boolean);
  const keywords = (input.keywords ?? []).map((k, i) => mask(`keywords[${i}]`, k)).filter(Boolean);
  const address = input.address ? mask('address', input.address) || null : null;

  const registeredAt = input.registeredAt ?? opts.today;
  if (!isRealDate(registeredAt)) add('registeredAt', 'field.date');
  else if (registeredAt > opts.today) add('registeredAt', 'seeker.dateFuture');

  const ok = wageType !== null && wageMin !== null && WAGE_TYPES.has(wageType) && wageMin >= 0;
  return {
    problems,
    warnings,
    values: {
      name,
      birthDate: input.birthDate,
      phone: phone ?? '',
      email,
      regionCode: input.regionCode,
      address,
      educationLevel: input.educationLevel,
      targetGroups,
      occupations,
      occupationEdition,
      regions,
      employmentTypes,
      wageType: wageType as WageType | null,
      wageMin,
      wageMonthly: ok ? monthlyWage(wageType as WageType, wageMin) : null,
      workDays,
      workHours,
      availableFrom,
      careers,
      careerMonths: careers.reduce((s, c) => s + (Number.isInteger(c.months) ? c.months : 0), 0),
      certificates,
      keywords,
      registeredAt,
      externalId: input.externalId?.trim() || null,
    },
  };
}

/** Words indexed for a seeker besides counselling titles: name, keywords, certificates, careers. */
export function profileSearchText(v: {
  name: string;
  keywords: string[];
  certificates: string[];
  careers: { company: string; occupation: string }[];
}): string {
  const careerText = v.careers.map((c) => {
    const occ = /^\d+$/.test(c.occupation)
      ? (findCode('occupations', c.occupation)?.name ?? '')
      : c.occupation;
    return `${c.company} ${occ}`;
  });
  return [v.name, ...v.keywords, ...v.certificates, ...careerText].join('\n');
}
