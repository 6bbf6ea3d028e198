/**
 * Renders demo rows as lines of PostgreSQL COPY text format, table by table, for a range of row
 * numbers. A chunk is a pure function of (spec, table, range, key), so it can be produced inline
 * or in a worker thread. Contact fields are encrypted and blind-indexed exactly as the app does,
 * and search_tokens are filled with the app's tokenizer.
 * @module
 */
import { blindIndex, encryptField, phoneTailIndex } from '../platform/crypto/fields.ts';
import { normalisePhone } from '../platform/domain/validate.ts';
import { monthlyWage, type WageType } from '../platform/domain/wages.ts';
import { tokensLiteral } from '../platform/search/sql.ts';
import { indexTokens } from '../platform/search/tokenize.ts';
import {
  type EmployerCore,
  employerCore,
  employerFacts,
  type PostingCore,
  postingCore,
  seekerCore,
} from './core.ts';
import { address, companyName, email, GENERAL_KEYWORDS, mobilePhone, personName } from './names.ts';
import { demoOccupationCodes, type OccupationProfile, occupations } from './occupations.ts';
import { buildOrg, type DemoSpec, dateOf, dayOf, tsOf } from './plan.ts';
import { type DemoRegion, region, regions } from './regions.ts';
import { keyedCache, memo, type Rng } from './rng.ts';

/** Columns of each table in the order the renderers write them. */
export const COLUMNS = {
  employers:
    'id, centre_id, name, biz_reg_no, ksic, size, region_code, address, contacts_enc, counsellor_id, search_tokens, created_by, created_at, updated_at',
  postings:
    'id, employer_id, centre_id, title, occupation_code, occupation_edition, duties, headcount, employment_type, wage_type, wage_min, wage_max, wage_monthly_min, work_days, work_hours, region_code, address, education_min, career_type, career_min_months, certificates, preferences, keywords, closes_at, status, source, created_by, approved_by, approved_at, search_tokens, created_at, updated_at',
  seekers:
    'id, centre_id, registration_no, name, birth_date, phone_enc, phone_bi, phone_tail_bi, email_enc, address_enc, region_code, education_level, target_groups, desired_occupations, desired_occupation_edition, desired_regions, desired_employment_types, desired_wage_type, desired_wage_min, desired_wage_monthly, desired_work_days, desired_work_hours, available_from, careers, career_months, certificates, keywords, consent_share, consent_sensitive, status, status_changed_at, care, care_since, counsellor_id, channel, registered_at, search_tokens, created_by, created_at, updated_at',
} as const;

/** COPY text escaping of one field; null becomes \N. */
export function esc(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : v;
}

/** A text[] field: PostgreSQL array literal, then COPY escaping. */
export const arr = (list: readonly string[]): string => esc(tokensLiteral(list));
const line = (fields: readonly string[]): string => `${fields.join('\t')}\n`;
const tokens = (parts: readonly string[]): string => arr(indexTokens(parts.join(' ')));

/** Statutory hourly minimum wage by year (최저임금): postings never offer less. */
export function minimumWage(year: number): number {
  return year >= 2026 ? 10_320 : year === 2025 ? 10_030 : 9_860;
}

const WAGE_TYPES: readonly WageType[] = ['H', 'D', 'M', 'Y'];

/** A wage of the occupation's kind: lognormal around its median, never under the minimum wage. */
export function drawWage(
  rng: Rng,
  occ: OccupationProfile,
  day: number,
): { type: WageType; min: number; max: number | null } {
  const mix = occ.wage.mix;
  let x = rng.next() * (mix[0] + mix[1] + mix[2] + mix[3]);
  let k = 0;
  while (k < 3 && x >= (mix[k] as number)) x -= mix[k++] as number;
  const type = WAGE_TYPES[k] as WageType;
  const floor = minimumWage(Number(dateOf(day).slice(0, 4)));
  const median = occ.wage[type] ?? floor * 209;
  const step = type === 'H' ? 10 : type === 'D' ? 1000 : type === 'M' ? 10_000 : 1_000_000;
  const floorOfType =
    type === 'H' ? floor : type === 'D' ? floor * 8 : type === 'M' ? floor * 209 : floor * 209 * 12;
  const raw = Math.max(floorOfType, rng.lognormal(median, type === 'H' ? 0.07 : 0.16));
  const min = Math.ceil(raw / step) * step;
  const max = rng.chance(0.45) ? Math.ceil((min * (1.08 + rng.next() * 0.35)) / step) * step : null;
  return { type, min, max };
}

const SIZES = ['under5', '5-29', '5-29', '30-99', '30-99', '100-299', '300+'];

/** Employers [from, to). */
export function employersChunk(spec: DemoSpec, key: Buffer, from: number, to: number): string {
  const org = buildOrg(spec);
  let out = '';
  for (let j = from; j < to; j++) {
    const e = employerCore(spec, j);
    const rng = e.rng;
    const name = nameOf(e);
    const contact = [
      {
        name: personName(rng, rng.chance(0.5)),
        phone: mobilePhone(rng),
        email: rng.chance(0.6) ? email(rng) : null,
      },
    ];
    const staff = org.users[rng.pick(e.centre.counsellors.length ? e.centre.counsellors : [0])];
    const ts = tsOf(e.createdDay, rng.int(540, 1070));
    out += line([
      e.id,
      e.centre.id,
      esc(name),
      e.bizRegNo,
      e.ksic,
      rng.pick(SIZES),
      e.region.code,
      esc(address(rng, e.region.label)),
      esc(encryptField(key, JSON.stringify(contact))),
      staff?.id ?? '\\N',
      tokens([name]),
      staff?.id ?? '\\N',
      ts,
      ts,
    ]);
  }
  return out;
}

/** The employer's name: the first draws after its core, so it can be rebuilt anywhere. */
function nameOf(e: EmployerCore): string {
  return companyName(e.rng, e.occ.kind, e.corporate, e.region.short);
}

const nameCache = keyedCache<number, string>();

/** Employer j's name (cached: postings, referrals and employments all show it). */
export function employerName(spec: DemoSpec, j: number): string {
  const cache = nameCache(`${spec.tier}:${spec.seed}:${spec.today}:${spec.employers}`);
  return memo(cache, j, () => nameOf(employerCore(spec, j)));
}

const WORK_HOURS = [
  '09:00~18:00',
  '08:30~17:30',
  '09:00~18:00',
  '07:00~16:00',
  '10:00~19:00',
  '06:00~15:00',
  '22:00~07:00',
  '09:00~13:00',
  '13:00~18:00',
];
const TITLE_EXTRA = [
  '',
  '',
  '',
  ' (4대보험)',
  ' (주5일)',
  ' (경력자 우대)',
  ' (신입 가능)',
  ' (고령자 우대)',
  ' (정규직 전환 가능)',
];

/** Postings [from, to). */
export function postingsChunk(spec: DemoSpec, from: number, to: number): string {
  const org = buildOrg(spec);
  let out = '';
  for (let i = from; i < to; i++) {
    const p = postingCore(spec, i);
    const rng = p.rng;
    const emp = employerFacts(spec, p.employer);
    const company = employerName(spec, p.employer);
    const occ = p.occ;
    let title = rng.pick(occ.titles);
    const extra = rng.pick(TITLE_EXTRA);
    if (!title.includes('(') && extra) title += extra;
    const duties = rng.sample(occ.duties, rng.int(2, Math.min(4, occ.duties.length))).join(' ');
    const wage = drawWage(rng, occ, p.createdDay);
    const hourly = wage.type === 'H';
    const employmentType =
      hourly && rng.chance(0.5) ? rng.pick(['11', '21']) : rng.pick(['10', '10', '10', '20', '20', '4', 'Y']);
    const reg = rng.chance(0.9) ? emp.region : org.place(rng).region;
    const edu = rng.chance(0.6) ? occ.edu : rng.chance(0.75) ? '00' : rng.pick(['03', '04', '05']);
    const cx = rng.next();
    const career = cx < 0.25 ? 'N' : cx < 0.45 ? 'E' : 'Z';
    const careerMonths = career === 'E' ? rng.pick([6, 12, 12, 24, 36]) : 0;
    const certs = occ.certs.length && rng.chance(0.5) ? [rng.pick(occ.certs)] : [];
    const prefs: string[] = [];
    if (occ.kind === 'logistics' && rng.chance(0.5)) prefs.push('14');
    if ((occ.kind === 'care' || occ.kind === 'clean' || occ.kind === 'security') && rng.chance(0.4))
      prefs.push('B');
    if (rng.chance(0.06)) prefs.push('Y');
    if (rng.chance(0.05)) prefs.push('08');
    const keywords = rng.sample(occ.keywords, Math.min(occ.keywords.length, rng.int(1, 3)));
    const staffIdx = emp.centre.counsellors.length ? rng.pick(emp.centre.counsellors) : 0;
    const staff = org.users[staffIdx]?.id ?? '\\N';
    const created = tsOf(p.createdDay, rng.int(540, 1070));
    const updated = p.status === 'open' ? created : tsOf(Math.min(p.closesDay, dayOf(spec.today) - 1), 1080);
    out += line([
      p.id,
      emp.id,
      emp.centre.id,
      esc(title),
      ...(({ codes, edition }) => [codes[0] as string, edition])(
        demoOccupationCodes([occ.code], dateOf(p.createdDay)),
      ),
      esc(duties),
      String(rng.chance(0.6) ? 1 : rng.pick([2, 2, 3, 3, 5, 10])),
      employmentType,
      wage.type,
      String(wage.min),
      wage.max === null ? '\\N' : String(wage.max),
      String(monthlyWage(wage.type, wage.min)),
      rng.pick(['1', '1', '1', '1', '1', '1', '1', '2', '3', '9']),
      rng.pick(WORK_HOURS),
      reg.code,
      esc(address(rng, reg.label)),
      edu,
      career,
      String(careerMonths),
      arr(certs),
      arr(prefs),
      arr(keywords),
      dateOf(p.closesDay),
      p.status,
      'ilteo',
      staff,
      staff,
      created,
      tokens([title, duties, company, ...keywords, occ.name]),
      created,
      updated,
    ]);
  }
  return out;
}

/** The posting core plus its employer's name, for referrals and employments. */
export function postingWithCompany(
  spec: DemoSpec,
  i: number,
): PostingCore & { company: string; employerId: string } {
  const p = postingCore(spec, i);
  return { ...p, company: employerName(spec, p.employer), employerId: employerFacts(spec, p.employer).id };
}

const byProvince = new Map<string, DemoRegion[]>();
function provinceRegions(code: string): DemoRegion[] {
  return memo(byProvince, code, () => regions().list.filter((r) => r.province === code));
}

const GENERAL_CERTS = [
  '1종 보통 운전면허',
  '2종 보통 운전면허',
  '컴퓨터활용능력 2급',
  '워드프로세서',
  'ITQ 한글',
  '한국사능력검정 2급',
];

function education(rng: Rng, age: number): string {
  const x = rng.next();
  if (age >= 65) return x < 0.2 ? '01' : x < 0.45 ? '02' : x < 0.85 ? '03' : '05';
  if (age >= 50) return x < 0.05 ? '01' : x < 0.2 ? '02' : x < 0.7 ? '03' : x < 0.8 ? '04' : '05';
  if (age <= 21) return x < 0.85 ? '03' : '04';
  return x < 0.3 ? '03' : x < 0.5 ? '04' : x < 0.93 ? '05' : '06';
}

/** Seekers [from, to); seq[k] is the registration number of row from+k within its centre and year. */
export function seekersChunk(spec: DemoSpec, key: Buffer, from: number, to: number, seq: Int32Array): string {
  const org = buildOrg(spec);
  const occs = occupations().byCode;
  let out = '';
  for (let i = from; i < to; i++) {
    const s = seekerCore(spec, i);
    const rng = s.rng;
    const name = personName(rng, s.female);
    const birthDay = s.regDay - Math.floor(s.age * 365.25) - rng.int(0, 364);
    const phone = normalisePhone(mobilePhone(rng)) as string;
    const edu = education(rng, s.age);
    const groups: string[] = [];
    if (s.age <= 34 && rng.chance(0.85)) groups.push('youth');
    if (s.age >= 50 && s.age <= 69 && rng.chance(0.8)) groups.push('new_middle_aged');
    if (s.age >= 65 && rng.chance(0.7)) groups.push('senior');
    if (s.female && s.age >= 30 && s.age <= 54 && rng.chance(0.3)) groups.push('career_break_women');
    if (s.age <= 24 && edu === '03' && rng.chance(0.5)) groups.push('hs_graduate');
    if (!s.female && s.age >= 20 && s.age <= 24 && rng.chance(0.05)) groups.push('pre_discharge_soldier');
    if (s.female && rng.chance(0.025)) groups.push('multicultural');
    if (rng.chance(0.08)) groups.push('low_income');
    // Disability is sensitive data (SECURITY.md): recorded only with the sensitive-data consent.
    if (s.consentSensitive && rng.chance(0.6)) groups.push('disabled');
    const first = occs.get(s.occupations[0] as string) as OccupationProfile;
    const desiredRegions = [s.region.code];
    if (rng.chance(0.45)) {
      const same = provinceRegions(s.region.province).filter((r) => r.code !== s.region.code);
      if (same.length) desiredRegions.push(...rng.sample(same, rng.int(1, 2)).map((r) => r.code));
    }
    const partTime = first.wage.mix[0] > 0.5 || s.age >= 60;
    const empTypes = rng.chance(0.15)
      ? []
      : partTime && rng.chance(0.5)
        ? ['11', '21']
        : rng.chance(0.7)
          ? ['10']
          : ['10', '20'];
    const wage = drawWage(rng, first, s.regDay);
    const desiredMin = Math.max(
      wage.type === 'H' ? minimumWage(Number(dateOf(s.regDay).slice(0, 4))) : 0,
      Math.round((wage.min * (0.9 + rng.next() * 0.15)) / (wage.type === 'H' ? 10 : 10_000)) *
        (wage.type === 'H' ? 10 : 10_000),
    );
    const careers: { company: string; occupation: string; months: number }[] = [];
    const nCareers = s.age < 23 ? (rng.chance(0.3) ? 1 : 0) : rng.int(0, s.age > 40 ? 3 : 2);
    for (let k = 0; k < nCareers; k++) {
      const o = occs.get(rng.chance(0.6) ? first.code : rng.pick(s.occupations)) ?? first;
      careers.push({
        company: companyName(rng, o.kind, rng.chance(0.5), s.region.short),
        occupation: o.name,
        months: rng.int(3, s.age > 40 ? 120 : 48),
      });
    }
    const certs = first.certs.filter(() => rng.chance(0.45));
    for (const c of GENERAL_CERTS)
      if (rng.chance(c.includes('운전') ? 0.2 : 0.05) && !certs.includes(c)) certs.push(c);
    const keywords = [
      ...rng.sample(first.keywords, rng.int(1, 2)),
      ...rng.sample(GENERAL_KEYWORDS, rng.int(0, 2)),
    ];
    const careerMonths = careers.reduce((a, c) => a + c.months, 0);
    const mail = rng.chance(0.45) ? email(rng) : null;
    const c = org.centres[s.centre.index];
    const counsellor = org.users[s.counsellor]?.id ?? '\\N';
    const created = tsOf(s.regDay, s.regMinute);
    const changedDay =
      s.employedDay >= 0
        ? s.employedDay
        : s.status === 'active'
          ? -1
          : Math.min(dayOf(spec.today) - 1, s.regDay + rng.int(30, 200));
    const changed = changedDay >= 0 ? tsOf(changedDay, rng.int(540, 1070)) : '\\N';
    const channel = rng.next();
    const regNo = `${dateOf(s.regDay).slice(0, 4)}-${String(seq[i - from] ?? 0).padStart(6, '0')}`;
    out += line([
      s.id,
      c?.id ?? '',
      regNo,
      esc(name),
      dateOf(birthDay),
      esc(encryptField(key, phone)),
      blindIndex(key, phone),
      phoneTailIndex(key, phone),
      esc(encryptField(key, mail)),
      esc(encryptField(key, address(rng, s.region.label))),
      s.region.code,
      edu,
      arr(groups),
      ...(({ codes, edition }) => [arr(codes), edition])(
        demoOccupationCodes(s.occupations, dateOf(s.regDay)),
      ),
      arr(desiredRegions),
      arr(empTypes),
      wage.type,
      String(desiredMin),
      String(monthlyWage(wage.type, desiredMin)),
      rng.pick(['1', '1', '1', '9', '\\N']),
      partTime && rng.chance(0.5) ? rng.pick(['오전', '오후', '09:00~14:00']) : '\\N',
      dateOf(s.regDay + rng.int(0, 14)),
      esc(JSON.stringify(careers)),
      String(careerMonths),
      arr(certs),
      arr(keywords),
      String(s.consentShare),
      String(s.consentSensitive),
      s.status,
      changed,
      s.care,
      s.care === 'intensive' ? tsOf(Math.min(dayOf(spec.today), s.regDay + 90), 600) : '\\N',
      counsellor,
      channel < 0.7 ? 'counsellor' : channel < 0.8 ? 'mobile_desk' : channel < 0.98 ? 'self' : 'import',
      dateOf(s.regDay),
      tokens([name, ...keywords, ...certs, ...careers.flatMap((k) => [k.company, k.occupation])]),
      channel < 0.98 && channel >= 0.8 ? '\\N' : counsellor,
      created,
      changed === '\\N' ? created : changed,
    ]);
  }
  return out;
}

/** The region label of a code, for tests and the summary. */
export const regionLabel = (code: string): string => region(code).label;
