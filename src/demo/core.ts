/**
 * The facts of each demo row that other rows depend on (who, where, when, which occupation,
 * what became of it), drawn first from the row's own generator. Rendering a row (rows.ts) goes on
 * drawing from the same generator, so a core can be rebuilt cheaply wherever it is needed.
 * @module
 */
import { withBizRegCheckDigit } from '../platform/domain/validate.ts';
import { demandInIndustry, type OccupationProfile, occupations, relatedOccupations } from './occupations.ts';
import { buildOrg, DAY_MS, type DemoCentre, type DemoSpec, dayOf, S } from './plan.ts';
import type { DemoRegion } from './regions.ts';
import { demoId, keyedCache, memo, Rng, Weighted } from './rng.ts';

const PCT = (rng: Rng) => rng.next();

// --- employers --------------------------------------------------------------------------------

const OFFICES: string[] = [];
for (let h = 1; h <= 6; h++) for (let t = 1; t <= 49; t++) OFFICES.push(`${h}${String(t).padStart(2, '0')}`);
// 법인 (81–88) and 개인 (01–06) middle codes, half and half.
const MIDDLES = ['81', '82', '85', '86', '87', '88', '01', '02', '03', '04', '05', '06'];
const BIZ_SPACE = OFFICES.length * MIDDLES.length * 10_000;
const BIZ_A = 7_368_787; // coprime to BIZ_SPACE: j → (A·j + B) mod N is a permutation

/** A unique, valid 사업자등록번호 for employer j (a permutation, so no two employers share one). */
export function bizRegNo(seed: number, j: number): { no: string; corporate: boolean } {
  const x = (BIZ_A * j + (seed % 1_000_003) * 7919) % BIZ_SPACE;
  const serial = x % 10_000;
  const pair = Math.floor(x / 10_000);
  const middle = MIDDLES[pair % MIDDLES.length] as string;
  const office = OFFICES[Math.floor(pair / MIDDLES.length)] as string;
  return {
    no: withBizRegCheckDigit(`${office}${middle}${String(serial).padStart(4, '0')}`),
    corporate: middle >= '80',
  };
}

export interface EmployerCore {
  j: number;
  id: string;
  rng: Rng;
  centre: DemoCentre;
  region: DemoRegion;
  occ: OccupationProfile;
  ksic: string;
  bizRegNo: string;
  corporate: boolean;
  createdDay: number;
}

/** Employer j: where it is, what it mainly hires for, its industry and registration number. */
export function employerCore(spec: DemoSpec, j: number): EmployerCore {
  const rng = new Rng(spec.seed, S.employer, j);
  const { centre, region } = buildOrg(spec).place(rng);
  const occ = occupations().demand.pick(rng);
  const ksic = rng.pick(occ.ksic);
  const createdDay = dayOf(spec.today) - rng.int(90, 1000);
  const biz = bizRegNo(spec.seed, j);
  const id = demoId(spec.seed, S.employer, j, createdDay * 86_400_000);
  return { j, id, rng, centre, region, occ, ksic, bizRegNo: biz.no, corporate: biz.corporate, createdDay };
}

const factsCache = keyedCache<number, EmployerCore>();

/**
 * Employer j's core for reading only (postings, referrals): cached, since every posting needs
 * its employer. Its generator must not be drawn from — use employerCore for rendering.
 */
export function employerFacts(spec: DemoSpec, j: number): EmployerCore {
  return memo(factsCache(`${spec.tier}:${spec.seed}:${spec.today}:${spec.employers}`), j, () =>
    employerCore(spec, j),
  );
}

// --- postings ---------------------------------------------------------------------------------

export type PostingStatus = 'open' | 'closed' | 'filled' | 'expired';

export interface PostingCore {
  i: number;
  id: string;
  rng: Rng;
  employer: number;
  occ: OccupationProfile;
  status: PostingStatus;
  createdDay: number;
  closesDay: number;
}

/** How busy hiring is in each month (January … December): spring and autumn peaks, quiet December. */
const POSTING_SEASON = [0.9, 1.1, 1.35, 1.2, 1, 0.9, 0.85, 0.9, 1.2, 1.1, 0.95, 0.7];
const monthOf = (day: number) => new Date(day * DAY_MS).getUTCMonth();

/** Posting i: the first postingsOpen are open, the rest closed, filled or expired in the past. */
export function postingCore(spec: DemoSpec, i: number): PostingCore {
  const rng = new Rng(spec.seed, S.posting, i);
  // Every employer posts at least once; after that a few busy employers post most.
  const employer = i < spec.employers ? i : Math.floor(spec.employers * PCT(rng) ** 2.2);
  const emp = employerFacts(spec, employer);
  // Most postings are the employer's main occupation; the others are ones its industry hires
  // (KSIC division ↔ KECO occupation), never any occupation at all.
  const occ = rng.chance(0.7) ? emp.occ : (demandInIndustry(emp.ksic)?.pick(rng) ?? emp.occ);
  const today = dayOf(spec.today);
  let status: PostingStatus = 'open';
  let createdDay: number;
  let closesDay: number;
  if (i < spec.postingsOpen) {
    closesDay = today + rng.int(1, 60);
    createdDay = Math.min(today, closesDay - rng.int(14, 60));
  } else {
    // Hiring has its season too (spring and autumn busy, December quiet): of two candidate
    // days the one in the busier month is kept.
    const a = today - rng.int(61, 730);
    const b = today - rng.int(61, 730);
    createdDay = POSTING_SEASON[monthOf(a)]! >= POSTING_SEASON[monthOf(b)]! ? a : b;
    closesDay = createdDay + rng.int(14, 60);
    const x = rng.next();
    status = x < 0.4 ? 'closed' : x < 0.75 ? 'filled' : 'expired';
  }
  createdDay = Math.max(createdDay, emp.createdDay);
  const id = demoId(spec.seed, S.posting, i, createdDay * 86_400_000 + rng.int(0, 86_399_999));
  return { i, id, rng, employer, occ, status, createdDay, closesDay };
}

// --- seekers ----------------------------------------------------------------------------------

const AGE_BANDS = new Weighted<[number, number]>([
  [[18, 24], 12],
  [[25, 34], 23],
  [[35, 49], 22],
  [[50, 64], 30],
  [[65, 75], 13],
]);
const REFERRAL_COUNTS = new Weighted<number>([
  [0, 76],
  [1, 17],
  [2, 5],
  [3, 1.5],
  [4, 0.5],
]);

export type SeekerStatus = 'active' | 'employed' | 'on_hold' | 'closed';

export interface SeekerCore {
  i: number;
  id: string;
  rng: Rng;
  centre: DemoCentre;
  region: DemoRegion;
  counsellor: number;
  regDay: number;
  regMinute: number;
  female: boolean;
  age: number;
  occupations: string[];
  referrals: number;
  /** day the seeker started work, or -1 */
  employedDay: number;
  route: 'referral' | 'self' | 'event' | 'public_job' | null;
  status: SeekerStatus;
  care: 'general' | 'intensive';
  consentShare: boolean;
  consentSensitive: boolean;
  casework: boolean;
}

/** How well an occupation suits a person, so that wishes look like real ones (not a rule). */
function suitability(occ: OccupationProfile, age: number, female: boolean): number {
  if (occ.kind === 'care' && occ.code !== '2311') return female && age >= 40 ? 1 : 0.25;
  if (occ.kind === 'security') return !female && age >= 50 ? 1 : 0.2;
  if (occ.kind === 'it' || occ.code === '0261') return age < 40 ? 1 : 0.15;
  if (occ.kind === 'logistics') return female ? 0.2 : 1;
  if (occ.code === '0295' || occ.code === '0272') return age < 55 ? 1 : 0.4;
  return 1;
}

/**
 * How many more (or fewer) people register in each month than on average: January to March
 * carry the year-end contract expiries and February's graduates, July the end of first-half
 * contracts; November and December are quiet.
 */
const REGISTRATION_SEASON = [1.35, 1.25, 1.15, 1, 0.95, 0.95, 1.05, 1, 0.95, 0.9, 0.85, 0.8];

/**
 * Registration day of seeker i: working days of the last two years, slowly rising (year-over-year
 * growth), with the season of the month (REGISTRATION_SEASON).
 */
const dayTables = new Map<string, Float64Array>();
export function registrationDay(spec: DemoSpec, i: number): number {
  const today = dayOf(spec.today);
  let cum = dayTables.get(spec.today);
  if (!cum) {
    cum = new Float64Array(730);
    let s = 0;
    for (let k = 0; k < 730; k++) {
      const dow = (today - 729 + k + 4) % 7; // 1970-01-01 was a Thursday (4)
      const month = new Date((today - 729 + k) * DAY_MS).getUTCMonth();
      s += (dow === 0 || dow === 6 ? 0.05 : 0.9 + (0.2 * k) / 730) * (REGISTRATION_SEASON[month] as number);
      cum[k] = s;
    }
    dayTables.set(spec.today, cum);
  }
  const x = ((i + 0.5) / spec.seekers) * (cum[729] as number);
  let lo = 0;
  let hi = 729;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return today - 729 + lo;
}

/**
 * Seeker i. Registration days rise with i, so registration numbers (per centre and year) follow
 * the row order; about half of those registered long enough ago have found work.
 */
export function seekerCore(spec: DemoSpec, i: number): SeekerCore {
  const rng = new Rng(spec.seed, S.seeker, i);
  const org = buildOrg(spec);
  const { centre, region } = org.place(rng);
  const counsellor = rng.pick(centre.counsellors.length ? centre.counsellors : [0]);
  const regDay = registrationDay(spec, i);
  const regMinute = rng.int(9 * 60, 17 * 60 + 50);
  const female = rng.chance(0.53);
  const [lo, hi] = AGE_BANDS.pick(rng);
  const age = rng.int(lo, hi);
  const demand = occupations().demand;
  let first = demand.pick(rng);
  for (let k = 0; k < 4 && !rng.chance(suitability(first, age, female)); k++) first = demand.pick(rng);
  const occs = [first.code];
  const extra = rng.int(0, 2);
  if (extra > 0) occs.push(...rng.sample(relatedOccupations(first.code), extra));
  const referrals = REFERRAL_COUNTS.pick(rng);
  const today = dayOf(spec.today);
  const waited = today - regDay;
  let employedDay = -1;
  let route: SeekerCore['route'] = null;
  // Success grows with time since registration and levels off near 60 %, so that about half
  // of all registered seekers are employed (seed 002: 49.7 %).
  if (rng.chance(0.62 * Math.min(1, waited / 150))) {
    employedDay = regDay + Math.min(waited - 1, rng.int(10, 35) + Math.floor(rng.next() ** 2 * 200));
    const x = rng.next();
    route = referrals > 0 && x < 0.55 ? 'referral' : x < 0.7 ? 'self' : x < 0.85 ? 'event' : 'public_job';
  }
  let status: SeekerStatus = 'active';
  if (employedDay >= 0) status = rng.chance(0.88) ? 'employed' : 'closed';
  else if (waited > 200 && rng.chance(0.12)) status = 'closed';
  else if (rng.chance(0.06)) status = 'on_hold';
  const care = employedDay < 0 && referrals >= 3 && status === 'active' ? 'intensive' : 'general';
  const consentShare = rng.chance(0.6);
  const consentSensitive = rng.chance(0.06);
  const casework = spec.casework >= 1 || rng.chance(spec.casework);
  const id = demoId(spec.seed, S.seeker, i, regDay * 86_400_000 + regMinute * 60_000);
  return {
    i,
    id,
    rng,
    centre,
    region,
    counsellor,
    regDay,
    regMinute,
    female,
    age,
    occupations: occs,
    referrals,
    employedDay,
    route,
    status,
    care,
    consentShare,
    consentSensitive,
    casework,
  };
}

/** Occupation → postings of that occupation sorted by creation day, for referrals. */
export interface PostingIndex {
  byOcc: Map<string, { days: Int32Array; idx: Int32Array }>;
  all: number;
}

const postingIndexes = new Map<string, PostingIndex>();

/** Built once per spec (and per worker): the cores of all postings, reduced to what referrals need. */
export function postingIndex(spec: DemoSpec): PostingIndex {
  const key = JSON.stringify(spec);
  const hit = postingIndexes.get(key);
  if (hit) return hit;
  const total = spec.postingsOpen + spec.postingsPast;
  const lists = new Map<string, number[][]>();
  for (let i = 0; i < total; i++) {
    const p = postingCore(spec, i);
    memo(lists, p.occ.code, () => []).push([p.createdDay, i]);
  }
  const byOcc = new Map<string, { days: Int32Array; idx: Int32Array }>();
  for (const [code, l] of lists) {
    l.sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
    byOcc.set(code, {
      days: Int32Array.from(l, (x) => x[0] as number),
      idx: Int32Array.from(l, (x) => x[1] as number),
    });
  }
  const index = { byOcc, all: total };
  postingIndexes.set(key, index);
  return index;
}

/** A posting a seeker could have been referred to on a day: same occupation, already published. */
export function postingFor(spec: DemoSpec, rng: Rng, occ: string, day: number): number {
  const ix = postingIndex(spec);
  const list = ix.byOcc.get(occ);
  if (!list || list.days.length === 0) return rng.int(0, ix.all - 1);
  let lo = 0;
  let hi = list.days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list.days[mid] as number) <= day) lo = mid + 1;
    else hi = mid;
  }
  // One of the last few postings published on or before that day (or the first one after it).
  const k = Math.max(0, Math.min(list.days.length - 1, lo - 1 - rng.int(0, 4)));
  return list.idx[k] as number;
}
