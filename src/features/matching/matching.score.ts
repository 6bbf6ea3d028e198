// Exact scoring of one pair (the same points as the SQL peer in bench/_matching.sql.ts), the
// per-row upper bounds used for pruning, and the top-N holder. Pure and allocation-free; runs in
// the main thread and in the batch workers (erasable TypeScript only).
import { W } from './matching.constants.ts';
import {
  type Cols,
  cmpIds,
  DISABLED_OK,
  type IntList,
  ONLY_DISABLED,
  occDepth,
  type POSTING_LAYOUT,
  type SEEKER_LAYOUT,
  sidoOf,
} from './matching.store.ts';

/** Factor order of the per-pair detail array (and of the reasons). */
export const FACTORS = [
  'occupation',
  'place',
  'wage',
  'employmentType',
  'career',
  'certificates',
  'keywords',
  'preference',
  'freshness',
  'congestion',
] as const;
export type Factor = (typeof FACTORS)[number];

/** The arrays the queries read; a worker gets the same shape rebuilt from shared buffers. */
export interface EngineData {
  P: Cols<typeof POSTING_LAYOUT>;
  pLength: number;
  pTok: Int32Array;
  S: Cols<typeof SEEKER_LAYOUT>;
  sLength: number;
  sTok: Int32Array;
  /** encoded occupation → posting rows / seeker rows (by desired occupation) */
  pOcc: Map<number, IntList>;
  sOcc: Map<number, IntList>;
  /** region → posting rows; seekers by home region and by desired region (시군구 or 시도) */
  pReg: Map<number, IntList>;
  sHome: Map<number, IntList>;
  sWant: Map<number, IntList>;
  /** occupation · 100 + 시도 → seekers wishing for it with a desired region there, away from home */
  sOccAway: Map<number, IntList>;
  /** encoded prefix → encoded codes present that start with it */
  occPrefixes: Map<number, number[]>;
  /** 시도 → region codes present in it */
  sidoRegions: Map<number, number[]>;
  /** occupation · 100,000 + region → first row of that run of posting rows (since the build) */
  cells: Map<number, number>;
  /** the same for seekers by first desired occupation and home (empty in batch workers) */
  seekerCells: Map<number, number>;
  /** region code → dense id of seeker keys (empty in batch workers, which rank postings only) */
  regionDense: Uint16Array;
}

const OCC = W.occupationByDepth;

/** The best-N rows with tie-break on id, kept as a small sorted array (N ≤ 100). */
export class TopK {
  readonly rows: Int32Array;
  readonly scores: Int32Array;
  n = 0;
  readonly k: number;
  private ids: Uint32Array;
  constructor(k: number, ids: Uint32Array) {
    this.k = k;
    this.ids = ids;
    this.rows = new Int32Array(k);
    this.scores = new Int32Array(k);
  }
  /** Empties the holder for another query (batch mode reuses one per worker). */
  reset(ids: Uint32Array): void {
    this.ids = ids;
    this.n = 0;
  }
  get full(): boolean {
    return this.n === this.k;
  }
  /** The score a newcomer must reach (ties then compete on id). */
  get worst(): number {
    return this.n === this.k ? (this.scores[this.k - 1] as number) : -0x7fffffff;
  }
  offer(row: number, score: number): void {
    const { rows, scores, ids } = this;
    let i = this.n;
    if (i === this.k) {
      const ws = scores[i - 1] as number;
      if (score < ws || (score === ws && cmpIds(ids, row, ids, rows[i - 1] as number) > 0)) return;
      i--;
    } else {
      this.n++;
    }
    while (i > 0) {
      const s = scores[i - 1] as number;
      if (s > score || (s === score && cmpIds(ids, rows[i - 1] as number, ids, row) < 0)) break;
      rows[i] = rows[i - 1] as number;
      scores[i] = s;
      i--;
    }
    rows[i] = row;
    scores[i] = score;
  }
}

function intersectCount(
  tok: Int32Array,
  a: number,
  aEnd: number,
  tok2: Int32Array,
  b: number,
  bEnd: number,
): number {
  let n = 0;
  while (a < aEnd && b < bEnd) {
    const x = tok[a] as number;
    const y = tok2[b] as number;
    if (x === y) {
      n++;
      a++;
      b++;
    } else if (x < y) a++;
    else b++;
  }
  return n;
}

/** Points of the posting alone (freshness and congestion), the same for every seeker. */
export function postingPoints(
  P: Cols<typeof POSTING_LAYOUT>,
  pi: number,
  today: number,
  out?: Int16Array,
): number {
  const age = today - (P.created[pi] as number);
  const fresh = age <= 7 ? W.freshWeek : age <= 30 ? W.freshMonth : 0;
  const hc = (P.headcount[pi] as number) || 1;
  const cong = -Math.min(
    W.congestionMax,
    Math.floor((W.congestionPerHeadcount * (P.openRefs[pi] as number)) / hc),
  );
  if (out) {
    out[8] = fresh;
    out[9] = cong;
  }
  return fresh + cong;
}

/** Hard filters of the pair (PRODUCT.md 5): education, 장애인만. Liveness is checked by callers. */
export function eligible(E: EngineData, pi: number, si: number): boolean {
  const { P, S } = E;
  const eduMin = P.edu[pi] as number;
  if (eduMin !== 0 && (S.edu[si] as number) < eduMin) return false;
  if ((P.flags[pi] as number) & ONLY_DISABLED && !((S.flags[si] as number) & DISABLED_OK)) return false;
  return true;
}

/** Occupation points of a posting code for the seeker in row `si` (deepest common prefix). */
export function occPoints(S: Cols<typeof SEEKER_LAYOUT>, si: number, po: number): number {
  let depth = 0;
  for (let j = 0; j < 4; j++) {
    const d = S.occ[si * 4 + j] as number;
    if (d < 0) break;
    const k = occDepth(d, po);
    if (k > depth) depth = k;
  }
  return OCC[depth] as number;
}

/** Place points of a posting region for the seeker in row `si`. */
export function placePoints(S: Cols<typeof SEEKER_LAYOUT>, si: number, pr: number): number {
  const home = S.region[si] as number;
  if (pr === home && pr >= 100) return W.placeSameSigungu;
  const psido = sidoOf(pr);
  for (let j = 0; j < 3; j++) {
    const r = S.regions[si * 3 + j] as number;
    if (r === 0) break;
    if (r < 100 ? r === psido : r === pr) return W.placeDesired;
  }
  return psido === sidoOf(home) ? W.placeSameSido : 0;
}

/**
 * Score of a pair without the keyword factor and the posting-only points. With `out`, each
 * factor's points are written at its FACTORS index.
 */
export function pairPoints(E: EngineData, pi: number, si: number, out?: Int16Array): number {
  const { P, S } = E;
  const occ = occPoints(S, si, P.occ[pi] as number);
  const place = placePoints(S, si, P.region[pi] as number);
  const small = smallPoints(E, pi, si, out);
  const certs = certPoints(E, pi, si);
  if (out) {
    out[0] = occ;
    out[1] = place;
    out[5] = certs;
  }
  return occ + place + small + certs;
}

/** Wage, employment type, career and preference points of a pair (each O(1)). */
export function smallPoints(E: EngineData, pi: number, si: number, out?: Int16Array): number {
  const { P, S } = E;
  const want = S.wage[si] as number;
  const offer = P.wage[pi] as number;
  const wage = want <= 0 ? 0 : offer >= want ? W.wageMeets : offer * 10 >= want * 9 ? W.wageNear : 0;
  const emp = (S.empMask[si] as number) & (1 << (P.emp[pi] as number)) ? W.employmentType : 0;
  let career: number;
  if ((P.careerType[pi] as number) !== 2) career = W.careerOpen;
  else {
    const have = S.careerMonths[si] as number;
    career = have >= (P.careerMin[pi] as number) ? W.careerMeets : have > 0 ? W.careerPartial : 0;
  }
  const pref = (P.pref[pi] as number) & (S.fit[si] as number) ? W.preference : 0;
  if (out) {
    out[2] = wage;
    out[3] = emp;
    out[4] = career;
    out[7] = pref;
  }
  return wage + emp + career + pref;
}

/** Shared-certificate points of a pair. */
export function certPoints(E: EngineData, pi: number, si: number): number {
  const { P, S } = E;
  let shared = 0;
  for (let a = 0; a < 4; a++) {
    const c = P.certs[pi * 4 + a] as number;
    if (c === 0) break;
    for (let b = 0; b < 4; b++) {
      const d = S.certs[si * 4 + b] as number;
      if (d === 0) break;
      if (c === d) shared++;
    }
  }
  return Math.min(W.certificateMax, shared * W.certificateEach);
}

/** Keyword points: shared hashed tokens of the posting text and the seeker's keywords/careers. */
export function keywordPoints(E: EngineData, pi: number, si: number): number {
  const { P, S } = E;
  const ps = P.tokStart[pi] as number;
  const ss = S.tokStart[si] as number;
  const n = intersectCount(
    E.pTok,
    ps,
    ps + (P.tokLen[pi] as number),
    E.sTok,
    ss,
    ss + (S.tokLen[si] as number),
  );
  return Math.min(W.keywordMax, n * W.keywordEach);
}

/** Full score of a pair with the factor breakdown in `out` (length FACTORS.length). */
export function scorePair(E: EngineData, pi: number, si: number, today: number, out: Int16Array): number {
  const kw = keywordPoints(E, pi, si);
  out[6] = kw;
  return pairPoints(E, pi, si, out) + kw + postingPoints(E.P, pi, today, out);
}

export function kwCap(a: number, b: number): number {
  return Math.min(W.keywordMax, W.keywordEach * (a < b ? a : b));
}

/**
 * Row-side bound of a posting: every factor but occupation and place at its best for it
 * (congestion only lowers a score, so it stays out: the bound changes only when the posting is
 * edited, and bucket entries keep it).
 */
export function postingBound(P: Cols<typeof POSTING_LAYOUT>, pi: number): number {
  let nCerts = 0;
  while (nCerts < 4 && (P.certs[pi * 4 + nCerts] as number) !== 0) nCerts++;
  return (
    W.wageMeets +
    W.employmentType +
    ((P.careerType[pi] as number) === 2 ? W.careerMeets : W.careerOpen) +
    Math.min(W.certificateMax, nCerts * W.certificateEach) +
    Math.min(W.keywordMax, (P.tokLen[pi] as number) * W.keywordEach) +
    ((P.pref[pi] as number) ? W.preference : 0) +
    W.freshWeek
  );
}

/** Row-side bound of a seeker, the same idea. */
export function seekerBound(S: Cols<typeof SEEKER_LAYOUT>, si: number): number {
  let nCerts = 0;
  while (nCerts < 4 && (S.certs[si * 4 + nCerts] as number) !== 0) nCerts++;
  return (
    ((S.wage[si] as number) > 0 ? W.wageMeets : 0) +
    ((S.empMask[si] as number) ? W.employmentType : 0) +
    W.careerMeets +
    Math.min(W.certificateMax, nCerts * W.certificateEach) +
    Math.min(W.keywordMax, (S.tokLen[si] as number) * W.keywordEach) +
    ((S.fit[si] as number) ? W.preference : 0) +
    W.freshWeek
  );
}

/** Most distinct home regions a seeker key tells apart; later ones share the last id. */
export const DENSE_REGIONS = 511;

/** Upper limits of a seeker's desired-wage class (key bits 21–22); class 0 = no wish. */
export const WAGE_CLASS_FLOOR = [0, 1, 2_000_001, 3_000_001] as const;
/** Most career months of each career class (key bits 23–24). */
export const CAREER_CLASS_MAX = [0, 11, 35, 0xffff] as const;

/**
 * Bucket key of a seeker (31 bits): its home region's dense id (bits 0–8), bit 9 unused, employment types (10–16, Worknet bits 0–5 and one for the rest),
 * preference fit (17–20), desired-wage class (21–22), career class (23–24), certificate
 * count (25–27) and token count capped at 6 (28–30). Enough to bound every factor of a pair
 * on its own without reading the seeker's columns (matching.engine.ts seekerBucket).
 */
export function seekerKey(S: Cols<typeof SEEKER_LAYOUT>, si: number, denseHome: number): number {
  const emp = S.empMask[si] as number;
  const want = S.wage[si] as number;
  const wage = want <= 0 ? 0 : want < WAGE_CLASS_FLOOR[2] ? 1 : want < WAGE_CLASS_FLOOR[3] ? 2 : 3;
  const months = S.careerMonths[si] as number;
  const career = months === 0 ? 0 : months <= CAREER_CLASS_MAX[1] ? 1 : months <= CAREER_CLASS_MAX[2] ? 2 : 3;
  let nCerts = 0;
  while (nCerts < 4 && (S.certs[si * 4 + nCerts] as number) !== 0) nCerts++;
  return (
    Math.min(denseHome, DENSE_REGIONS) |
    (((emp & 63) | (emp & 192 ? 64 : 0)) << 10) |
    ((S.fit[si] as number) << 17) |
    (wage << 21) |
    (career << 23) |
    (nCerts << 25) |
    (Math.min(6, S.tokLen[si] as number) << 28)
  );
}

/** The seeker's row bound (seekerBound) as far as its key tells: the sort rank of seeker buckets. */
export function seekerKeyBound(key: number): number {
  return (
    ((key >> 21) & 3 ? W.wageMeets : 0) +
    ((key >> 10) & 127 ? W.employmentType : 0) +
    W.careerMeets +
    Math.min(W.certificateMax, ((key >> 25) & 7) * W.certificateEach) +
    ((key >> 28) & 7) * W.keywordEach +
    ((key >> 17) & 15 ? W.preference : 0) +
    W.freshWeek
  );
}

/** Ints per posting bucket entry: row, key (see postingTail), wage word, day word, bloom word. */
export const P_ENTRY = 5;

/** Low bits of a posting key: preference mask · 2^10 + employment type · 2^7 + bound (≤ 69). */
export function postingTail(P: Cols<typeof POSTING_LAYOUT>, pi: number): number {
  return ((P.pref[pi] as number) << 10) | ((P.emp[pi] as number) << 7) | postingBound(P, pi);
}

/**
 * Wage word of a posting entry: the monthly wage in hundreds of won rounded up (24 bits,
 * 0xffffff = more), the certificate count · 2^24 and the token count (capped at 6) · 2^27.
 * Everything rounds upwards, so the points a scan derives from it bound the exact ones.
 */
export function postingWageWord(P: Cols<typeof POSTING_LAYOUT>, pi: number): number {
  let nCerts = 0;
  while (nCerts < 4 && (P.certs[pi * 4 + nCerts] as number) !== 0) nCerts++;
  const w = Math.max(0, P.wage[pi] as number);
  const hundreds = Math.min(0xffffff, Math.ceil(w / 100));
  return hundreds | (nCerts << 24) | (Math.min(6, P.tokLen[pi] as number) << 27);
}

/**
 * Day word of a posting entry: created day + required career months (≤ 1023) · 2^16 + career
 * type · 2^26 + minimum education (≤ 7) · 2^28 + 장애인만 · 2^31 (the hard filters, so a scan
 * skips ineligible rows without visiting them).
 */
export function postingDayWord(P: Cols<typeof POSTING_LAYOUT>, pi: number): number {
  return (
    (P.created[pi] as number) |
    (Math.min(1023, P.careerMin[pi] as number) << 16) |
    ((P.careerType[pi] as number) << 26) |
    (Math.min(7, P.edu[pi] as number) << 28) |
    ((P.flags[pi] as number) & ONLY_DISABLED ? 1 << 31 : 0)
  );
}
