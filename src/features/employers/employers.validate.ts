import { isValidCode, normalizeLegacyRegionCode } from '../../codes/codes.ts';
import { regionCodeProblem } from '../../codes/regions.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { isValidBizRegNo, maskRrn, normalisePhone } from '../../platform/domain/validate.ts';
import type { FieldProblem } from '../../platform/errors.ts';

export interface ContactInput {
  name: string;
  phone?: string;
  email?: string;
}

export interface EmployerInput {
  name: string;
  bizRegNo: string;
  ksic?: string | null;
  size?: string | null;
  regionCode: string;
  address?: string | null;
  contacts?: ContactInput[];
  counsellorId?: string | null;
  notes?: string | null;
  /** A company outreach registers before it registers itself. */
  prospect?: boolean;
}

/** Normalised values ready to store. */
export interface CleanEmployer {
  name: string;
  bizRegNo: string;
  ksic: string | null;
  size: string | null;
  regionCode: string;
  address: string | null;
  contacts: { name: string; phone: string; email: string }[];
  counsellorId: string | null;
  notes: string | null;
  prospect?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** 사업자등록번호 as ten digits, or null when it has the wrong shape or check digit. */
export function cleanBizRegNo(raw: string): string | null {
  const d = bizRegNoDigits(raw);
  return d && isValidBizRegNo(d) ? d : null;
}

/**
 * The ten digits of a 사업자등록번호 as typed (hyphens and spaces dropped), check digit not
 * tested: for finding a registered company, whose number may have been stored before numbers
 * were checked (imports of old registries). A number given for a new or changed company goes
 * through cleanBizRegNo.
 */
export function bizRegNoDigits(raw: string): string | null {
  const d = raw.trim().replace(/[-\s]/g, '');
  return /^\d{10}$/.test(d) ? d : null;
}

/**
 * Checks and normalises the fields of an employer (used by the API, the portal signup and the
 * CSV importer). Only fields present in `input` are checked, so PATCH bodies can use it too.
 */
export function validateEmployer(
  input: Partial<EmployerInput>,
  problems: FieldProblem[],
  prefix = '',
  /**
   * What the employer already holds, accepted unchanged: its region even when abolished since,
   * its 사업자등록번호 even when it fails the check digit (a row stored before numbers were checked).
   */
  held: { regionCode?: string; bizRegNo?: string } = {},
  /** Collects the fields where a 주민등록번호 was masked, for the caller's warnings. */
  masked: string[] = [],
): Partial<CleanEmployer> {
  const out: Partial<CleanEmployer> = {};
  const f = (name: string) => `${prefix}${name}`;
  // Free text an employer or a counsellor types: a 주민등록번호 in it is masked (SECURITY.md 10).
  const mask = (field: string, text: string) => {
    const m = maskRrn(text);
    if (m.masked) masked.push(f(field));
    return m.text;
  };
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (!name) problems.push({ field: f('name'), key: 'field.required' });
    out.name = name;
  }
  if (input.bizRegNo !== undefined) {
    const digits = bizRegNoDigits(input.bizRegNo);
    const no = digits !== null && digits === held.bizRegNo ? digits : cleanBizRegNo(input.bizRegNo);
    if (!no) problems.push({ field: f('bizRegNo'), key: 'field.bizRegNo' });
    else out.bizRegNo = no;
  }
  if (input.ksic !== undefined) {
    const k = input.ksic?.trim() || null;
    // KSIC sections (A–U) and divisions (01–99) are what the built-in table holds.
    if (k !== null && !isValidCode('industries', k.toUpperCase())) {
      problems.push({ field: f('ksic'), key: 'employer.ksic', params: { code: k } });
    }
    out.ksic = k?.toUpperCase() ?? null;
  }
  if (input.size !== undefined) out.size = input.size?.trim() || null;
  if (input.regionCode !== undefined) {
    // A new or changed region must be in force today (an abolished one names its successors).
    const code = normalizeLegacyRegionCode(input.regionCode.trim());
    const problem = code
      ? regionCodeProblem(f('regionCode'), code, seoulToday(), held.regionCode ? [held.regionCode] : [])
      : { field: f('regionCode'), key: 'field.code', params: { code: input.regionCode } };
    if (problem) problems.push(problem);
    else out.regionCode = code ?? undefined;
  }
  if (input.address !== undefined) out.address = input.address?.trim() || null;
  if (input.notes !== undefined) out.notes = input.notes?.trim() ? mask('notes', input.notes.trim()) : null;
  if (input.prospect !== undefined) out.prospect = input.prospect === true;
  if (input.counsellorId !== undefined) out.counsellorId = input.counsellorId;
  if (input.contacts !== undefined) {
    out.contacts = input.contacts.map((c, i) => {
      const phone = c.phone?.trim() ? normalisePhone(c.phone) : '';
      if (phone === null) problems.push({ field: f(`contacts[${i}].phone`), key: 'field.phone' });
      const email = c.email?.trim() ?? '';
      if (email && !EMAIL.test(email))
        problems.push({ field: f(`contacts[${i}].email`), key: 'field.email' });
      if (!c.name.trim()) problems.push({ field: f(`contacts[${i}].name`), key: 'field.required' });
      return { name: mask(`contacts[${i}].name`, c.name.trim()), phone: phone ?? '', email };
    });
  }
  return out;
}
