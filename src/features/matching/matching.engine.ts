// The scoring loop of the matching index: candidate generation through the occupation-prefix
// and region inverted indexes, exact scoring, and pruning by an upper bound so the answer is
// the exact top-N of a full scan (the benchmark checks it against the same ranking in SQL).
// Pure and allocation-light; runs in the main thread and in the batch workers.
import { MAX_SCORE, W } from './matching.constants.ts';
import {
  ALIVE,
  type Cols,
  cmpIds,
  DISABLED_OK,
  type IntList,
  ONLY_DISABLED,
  occDepth,
  occPrefix,
  type POSTING_LAYOUT,
  SEEKER_LAYOUT,
  SHARED,
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
  /** encoded prefix → encoded codes present that start with it */
  occPrefixes: Map<number, number[]>;
  /** 시도 → region codes present in it */
  sidoRegions: Map<number, number[]>;
}

const OCC = W.occupationByDepth;

/** The best-N rows with tie-break on id, kept as a small sorted array (N ≤ 100). */
export class TopK {
  readonly rows: Int32Array;
  readonly scores: Int32Array;
  n = 0;
  readonly k: number;
  private readonly ids: Uint32Array;
  constructor(k: number, ids: Uint32Array) {
    this.k = k;
    this.ids = ids;
    this.rows = new Int32Array(k);
    this.scores = new Int32Array(k);
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

/**
 * Score of a pair without the keyword factor and the posting-only points. With `out`, each
 * factor's points are written at its FACTORS index.
 */
export function pairPoints(E: EngineData, pi: number, si: number, out?: Int16Array): number {
  const { P, S } = E;
  // occupation: deepest common KECO prefix with any desired occupation
  const po = P.occ[pi] as number;
  let depth = 0;
  for (let j = 0; j < 4; j++) {
    const d = S.occ[si * 4 + j] as number;
    if (d < 0) break;
    const k = occDepth(d, po);
    if (k > depth) depth = k;
  }
  const occ = OCC[depth] as number;
  // place
  const pr = P.region[pi] as number;
  const home = S.region[si] as number;
  let place = 0;
  if (pr === home && pr >= 100) place = W.placeSameSigungu;
  else {
    const psido = sidoOf(pr);
    for (let j = 0; j < 3; j++) {
      const r = S.regions[si * 3 + j] as number;
      if (r === 0) break;
      if (r < 100 ? r === psido : r === pr) {
        place = W.placeDesired;
        break;
      }
    }
    if (place === 0 && psido === sidoOf(home)) place = W.placeSameSido;
  }
  // wage on a monthly basis
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
  const certs = Math.min(W.certificateMax, shared * W.certificateEach);
  const pref = (P.pref[pi] as number) & (S.fit[si] as number) ? W.preference : 0;
  if (out) {
    out[0] = occ;
    out[1] = place;
    out[2] = wage;
    out[3] = emp;
    out[4] = career;
    out[5] = certs;
    out[7] = pref;
  }
  return occ + place + wage + emp + career + certs + pref;
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

function kwCap(a: number, b: number): number {
  return Math.min(W.keywordMax, W.keywordEach * (a < b ? a : b));
}

/** Row-side bound of a posting: every factor but occupation and place at its best for it. */
export function postingBound(P: Cols<typeof POSTING_LAYOUT>, pi: number): number {
  let nCerts = 0;
  while (nCerts < 4 && (P.certs[pi * 4 + nCerts] as number) !== 0) nCerts++;
  const hc = (P.headcount[pi] as number) || 1;
  const cong = Math.min(
    W.congestionMax,
    Math.floor((W.congestionPerHeadcount * (P.openRefs[pi] as number)) / hc),
  );
  return Math.max(
    0,
    W.wageMeets +
      W.employmentType +
      ((P.careerType[pi] as number) === 2 ? W.careerMeets : W.careerOpen) +
      Math.min(W.certificateMax, nCerts * W.certificateEach) +
      Math.min(W.keywordMax, (P.tokLen[pi] as number) * W.keywordEach) +
      ((P.pref[pi] as number) ? W.preference : 0) +
      W.freshWeek -
      cong,
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

/** Scratch "visited" stamps, one per direction, grown on demand. */
let pStamp = new Uint32Array(0);
let sStamp = new Uint32Array(0);
let epoch = 0;

function nextEpoch(pLen: number, sLen: number): number {
  if (pStamp.length < pLen) pStamp = new Uint32Array(Math.ceil(pLen * 1.25));
  if (sStamp.length < sLen) sStamp = new Uint32Array(Math.ceil(sLen * 1.25));
  if (++epoch === 0xffffffff) {
    pStamp.fill(0);
    sStamp.fill(0);
    epoch = 1;
  }
  return epoch;
}

/**
 * Top `k` open postings for the seeker in row `si` (row 0 = a scratch row filled by the
 * caller). Exact: the same list as scoring every posting, best first, ties by posting id.
 */
export function topPostings(E: EngineData, si: number, k: number, today: number): TopK {
  const { P, S } = E;
  const top = new TopK(k, P.id);
  const ep = nextEpoch(E.pLength, E.sLength);
  const stamp = pStamp;
  const sTokLen = S.tokLen[si] as number;
  // Upper bound of everything but occupation and place for this seeker.
  const rest = seekerBound(S, si);
  const ub = P.ub;
  // `lvl`: the most occupation + place can give at the current stage.
  let lvl = 0;

  const visit = (pi: number) => {
    if (stamp[pi] === ep) return;
    stamp[pi] = ep;
    if (top.full) {
      const u = ub[pi] as number;
      if (lvl + (u < rest ? u : rest) < top.worst) return;
    }
    if (!((P.flags[pi] as number) & ALIVE) || (P.closes[pi] as number) < today) return;
    if (!eligible(E, pi, si)) return;
    const base = pairPoints(E, pi, si) + postingPoints(P, pi, today);
    const worst = top.worst;
    if (top.full && base + kwCap(P.tokLen[pi] as number, sTokLen) < worst) return;
    top.offer(pi, base + keywordPoints(E, pi, si));
  };
  const bucket = (list: IntList | undefined) => {
    if (!list) return;
    const d = list.data;
    for (let i = 0; i < list.length; i++) visit(d[i] as number);
  };

  for (let depth = 4; depth >= 1; depth--) {
    lvl = (OCC[depth] as number) + W.placeSameSigungu;
    if (top.full && lvl + rest < top.worst) return top;
    for (let j = 0; j < 4; j++) {
      const d = S.occ[si * 4 + j] as number;
      if (d < 0) break;
      if ((d & 7) < depth) continue;
      for (const code of E.occPrefixes.get(occPrefix(d, depth)) ?? []) bucket(E.pOcc.get(code));
    }
  }
  // Every posting sharing an occupation prefix is scored; the rest can only gain on place.
  const home = S.region[si] as number;
  lvl = W.placeSameSigungu;
  if (top.full && lvl + rest < top.worst) return top;
  if (home >= 100) bucket(E.pReg.get(home));
  lvl = W.placeDesired;
  if (top.full && lvl + rest < top.worst) return top;
  for (let j = 0; j < 3; j++) {
    const r = S.regions[si * 3 + j] as number;
    if (r === 0) break;
    if (r >= 100) bucket(E.pReg.get(r));
    else for (const code of E.sidoRegions.get(r) ?? []) bucket(E.pReg.get(code));
  }
  lvl = W.placeSameSido;
  if (top.full && lvl + rest < top.worst) return top;
  for (const code of E.sidoRegions.get(sidoOf(home)) ?? []) bucket(E.pReg.get(code));
  lvl = 0;
  if (top.full && rest < top.worst) return top;
  // Broad query (few desired fields or a sparse index): fall back to a scan of everything.
  for (let pi = 1; pi < E.pLength; pi++) visit(pi);
  return top;
}

/**
 * Top `k` seekers for the posting in row `pi` that the caller may see: `visible[centre]` = 1
 * for the caller's centres (null = all centres); other centres' seekers only with consent.
 */
export function topSeekers(
  E: EngineData,
  pi: number,
  k: number,
  today: number,
  visible: Uint8Array | null,
): TopK {
  const { P, S } = E;
  const top = new TopK(k, S.id);
  const ep = nextEpoch(E.pLength, E.sLength);
  const stamp = sStamp;
  const pTokLen = P.tokLen[pi] as number;
  let nCerts = 0;
  while (nCerts < 4 && (P.certs[pi * 4 + nCerts] as number) !== 0) nCerts++;
  const own = postingPoints(P, pi, today);
  const rest =
    W.wageMeets +
    W.employmentType +
    ((P.careerType[pi] as number) === 2 ? W.careerMeets : W.careerOpen) +
    Math.min(W.certificateMax, nCerts * W.certificateEach) +
    Math.min(W.keywordMax, pTokLen * W.keywordEach) +
    ((P.pref[pi] as number) ? W.preference : 0) +
    own;

  const ub = S.ub;
  let lvl = 0;
  const visit = (si: number) => {
    if (stamp[si] === ep) return;
    stamp[si] = ep;
    if (top.full) {
      const u = (ub[si] as number) - W.freshWeek + own;
      if (lvl + (u < rest ? u : rest) < top.worst) return;
    }
    const f = S.flags[si] as number;
    if (!(f & ALIVE)) return;
    if (visible !== null && visible[S.centre[si] as number] !== 1 && !(f & SHARED)) return;
    if (!eligible(E, pi, si)) return;
    const base = pairPoints(E, pi, si) + own;
    if (top.full && base + kwCap(pTokLen, S.tokLen[si] as number) < top.worst) return;
    top.offer(si, base + keywordPoints(E, pi, si));
  };
  const bucket = (list: IntList | undefined) => {
    if (!list) return;
    const d = list.data;
    for (let i = 0; i < list.length; i++) visit(d[i] as number);
  };
  const po = P.occ[pi] as number;
  for (let depth = 4; depth >= 1; depth--) {
    lvl = (OCC[depth] as number) + W.placeSameSigungu;
    if (top.full && lvl + rest < top.worst) return top;
    if (po < 0 || (po & 7) < depth) continue;
    for (const code of E.occPrefixes.get(occPrefix(po, depth)) ?? []) bucket(E.sOcc.get(code));
  }
  const pr = P.region[pi] as number;
  const psido = sidoOf(pr);
  lvl = W.placeSameSigungu;
  if (top.full && lvl + rest < top.worst) return top;
  if (pr >= 100) bucket(E.sHome.get(pr));
  lvl = W.placeDesired;
  if (top.full && lvl + rest < top.worst) return top;
  if (pr >= 100) bucket(E.sWant.get(pr));
  bucket(E.sWant.get(psido));
  lvl = W.placeSameSido;
  if (top.full && lvl + rest < top.worst) return top;
  for (const code of E.sidoRegions.get(psido) ?? []) bucket(E.sHome.get(code));
  lvl = 0;
  if (top.full && rest < top.worst) return top;
  for (let si = 1; si < E.sLength; si++) visit(si);
  return top;
}

export { MAX_SCORE, SEEKER_LAYOUT };
