// The two queries of the matching index, exact top-N by upper-bound pruning. Candidates are
// visited in stages of decreasing occupation + place points (the big factors): the seeker's
// occupation buckets by depth, then the region buckets, then (rarely) every row. Each row is
// first bounded exactly on occupation + place (per-query lookup tables) plus its precomputed
// maximum of the small factors; it is scored only when that bound can still reach the current
// N-th score, and a stage is skipped, with every later one, when its bound cannot. The answer
// is the same list as scoring every row, best first, ties by id (see matching.engine.test.ts).
// Allocation-free per candidate; runs in the main thread and in the batch workers.
import { W } from './matching.constants.ts';
import {
  certPoints,
  type EngineData,
  eligible,
  keywordPoints,
  kwCap,
  placePoints,
  postingPoints,
  seekerBound,
  smallPoints,
  TopK,
} from './matching.score.ts';
import { ALIVE, type IntList, occPrefix, SEEKER_LAYOUT, SHARED, sidoOf } from './matching.store.ts';

export {
  type EngineData,
  eligible,
  FACTORS,
  type Factor,
  keywordPoints,
  pairPoints,
  postingBound,
  postingPoints,
  scorePair,
  seekerBound,
  TopK,
} from './matching.score.ts';

const OCC = W.occupationByDepth;

/** Per-query lookup tables: occupation points by encoded code + 1, place points by region. */
const occTab = new Uint8Array(10_000 * 8 + 8);
const regTab = new Uint8Array(100_000);
const wantTab = new Uint8Array(100_000);
let occTouched = new Int32Array(1024);
let nOccTouched = 0;
let regTouched = new Int32Array(1024);
let nRegTouched = 0;

function touchOcc(i: number, v: number): void {
  if ((occTab[i] as number) >= v) return;
  if ((occTab[i] as number) === 0) {
    if (nOccTouched === occTouched.length) {
      const next = new Int32Array(occTouched.length * 2);
      next.set(occTouched);
      occTouched = next;
    }
    occTouched[nOccTouched++] = i;
  }
  occTab[i] = v;
}

function touchReg(tab: Uint8Array, r: number, v: number): void {
  if ((tab[r] as number) >= v) return;
  if (nRegTouched === regTouched.length) {
    const next = new Int32Array(regTouched.length * 2);
    next.set(regTouched);
    regTouched = next;
  }
  regTouched[nRegTouched++] = r;
  tab[r] = v;
}

function resetTables(): void {
  for (let i = 0; i < nOccTouched; i++) occTab[occTouched[i] as number] = 0;
  for (let i = 0; i < nRegTouched; i++) {
    regTab[regTouched[i] as number] = 0;
    wantTab[regTouched[i] as number] = 0;
  }
  nOccTouched = 0;
  nRegTouched = 0;
}

/** occTab[c + 1] = occupation points of code c against the codes `codes[at..at+n)` (−1 ends). */
function fillOcc(E: EngineData, codes: Int32Array, at: number, n: number): void {
  for (let depth = 1; depth <= 4; depth++) {
    const v = OCC[depth] as number;
    for (let j = 0; j < n; j++) {
      const d = codes[at + j] as number;
      if (d < 0) break;
      if ((d & 7) < depth) continue;
      const list = E.occPrefixes.get(occPrefix(d, depth));
      if (list) for (let i = 0; i < list.length; i++) touchOcc((list[i] as number) + 1, v);
    }
  }
}

function fillSido(E: EngineData, tab: Uint8Array, sido: number, v: number): void {
  const list = E.sidoRegions.get(sido);
  if (list) for (let i = 0; i < list.length; i++) touchReg(tab, list[i] as number, v);
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

function reuse(top: TopK | undefined, k: number, ids: Uint32Array): TopK {
  if (top && top.k === k) {
    top.reset(ids);
    return top;
  }
  return new TopK(k, ids);
}

/** Scores the not-yet-visited postings of `list` for seeker `si` (bounds first). */
function visitPostings(
  E: EngineData,
  list: Int32Array,
  len: number,
  si: number,
  rest: number,
  today: number,
  ep: number,
  top: TopK,
): void {
  const { P, S } = E;
  const stamp = pStamp;
  const ub = P.ub;
  const sTokLen = S.tokLen[si] as number;
  for (let i = 0; i < len; i++) {
    const pi = list[i] as number;
    if (stamp[pi] === ep) continue;
    stamp[pi] = ep;
    if (!((P.flags[pi] as number) & ALIVE) || (P.closes[pi] as number) < today) continue;
    const worst = top.worst;
    const u = ub[pi] as number;
    const big = (occTab[(P.occ[pi] as number) + 1] as number) + (regTab[P.region[pi] as number] as number);
    if (big + (u < rest ? u : rest) < worst) continue;
    if (!eligible(E, pi, si)) continue;
    // Exact O(1) factors next; certificates and keywords (loops) only if still in reach.
    const base = big + smallPoints(E, pi, si) + postingPoints(P, pi, today);
    if (base + W.certificateMax + kwCap(P.tokLen[pi] as number, sTokLen) < worst) continue;
    top.offer(pi, base + certPoints(E, pi, si) + keywordPoints(E, pi, si));
  }
}

function postingBucket(
  E: EngineData,
  l: IntList | undefined,
  si: number,
  rest: number,
  today: number,
  ep: number,
  top: TopK,
): void {
  if (l) visitPostings(E, l.data, l.length, si, rest, today, ep, top);
}

/** Row numbers 0..n−1 for the final full pass (grown on demand). */
let allRows = new Int32Array(0);
function rowsUpTo(n: number): Int32Array {
  if (allRows.length < n) {
    allRows = new Int32Array(Math.ceil(n * 1.25));
    for (let i = 0; i < allRows.length; i++) allRows[i] = i;
  }
  return allRows;
}

/**
 * Top `k` open postings for the seeker in row `si` (row 0 = a scratch row filled by the
 * caller). Exact: the same list as scoring every posting, best first, ties by posting id.
 * `reuseTop` (same k) avoids an allocation per query in batch mode.
 */
export function topPostings(E: EngineData, si: number, k: number, today: number, reuseTop?: TopK): TopK {
  const { P, S } = E;
  const top = reuse(reuseTop, k, P.id);
  const ep = nextEpoch(E.pLength, E.sLength);
  const rest = seekerBound(S, si);
  resetTables();
  fillOcc(E, S.occ, si * 4, 4);
  const home = S.region[si] as number;
  fillSido(E, regTab, sidoOf(home), W.placeSameSido);
  for (let j = 0; j < 3; j++) {
    const r = S.regions[si * 3 + j] as number;
    if (r === 0) break;
    if (r >= 100) touchReg(regTab, r, W.placeDesired);
    else fillSido(E, regTab, r, W.placeDesired);
  }
  if (home >= 100) touchReg(regTab, home, W.placeSameSigungu);
  touchReg(regTab, 0, placePoints(S, si, 0));
  const stop = (lvl: number) => top.full && lvl + rest < top.worst;

  // Stage 1: postings sharing an occupation prefix of depth 4..2, deepest first.
  for (let depth = 4; depth >= 2; depth--) {
    if (stop((OCC[depth] as number) + W.placeSameSigungu)) return top;
    for (let j = 0; j < 4; j++) {
      const d = S.occ[si * 4 + j] as number;
      if (d < 0) break;
      if ((d & 7) < depth) continue;
      const codes = E.occPrefixes.get(occPrefix(d, depth));
      if (!codes) continue;
      for (const code of codes) {
        if ((occTab[code + 1] as number) === OCC[depth])
          postingBucket(E, E.pOcc.get(code), si, rest, today, ep, top);
      }
    }
  }
  // Stage 2: the rest gain at most OCC[1] on occupation: by place, best first.
  if (stop(OCC[1] + W.placeSameSigungu)) return top;
  if (home >= 100) postingBucket(E, E.pReg.get(home), si, rest, today, ep, top);
  if (stop(OCC[1] + W.placeDesired)) return top;
  for (let j = 0; j < 3; j++) {
    const r = S.regions[si * 3 + j] as number;
    if (r === 0) break;
    if (r >= 100) postingBucket(E, E.pReg.get(r), si, rest, today, ep, top);
    else
      for (const code of E.sidoRegions.get(r) ?? [])
        postingBucket(E, E.pReg.get(code), si, rest, today, ep, top);
  }
  if (stop(OCC[1] + W.placeSameSido)) return top;
  for (const code of E.sidoRegions.get(sidoOf(home)) ?? [])
    postingBucket(E, E.pReg.get(code), si, rest, today, ep, top);
  // Stage 3: everything else (at most OCC[1] + nothing on place, but region 0 may get the
  // 시도 points of a seeker without a valid home), still bounded per row.
  if (stop(OCC[1] + (regTab[0] as number))) return top;
  visitPostings(E, rowsUpTo(E.pLength), E.pLength, si, rest, today, ep, top);
  return top;
}

/** Scores the not-yet-visited seekers of `list[from..len)` for posting `pi` (bounds first). */
function visitSeekers(
  E: EngineData,
  list: Int32Array,
  from: number,
  len: number,
  pi: number,
  q: SeekerQuery,
  top: TopK,
): void {
  const { P, S } = E;
  const stamp = sStamp;
  const { ep, rest, own, visible } = q;
  const ub = S.ub;
  const occ = S.occ;
  const regions = S.regions;
  const pTokLen = P.tokLen[pi] as number;
  const shift = own - W.freshWeek;
  for (let i = from; i < len; i++) {
    const si = list[i] as number;
    if (stamp[si] === ep) continue;
    stamp[si] = ep;
    const f = S.flags[si] as number;
    if (!(f & ALIVE)) continue;
    const worst = top.worst;
    const u = (ub[si] as number) + shift;
    const small = u < rest ? u : rest;
    let o = occTab[(occ[si * 4] as number) + 1] as number;
    for (let j = 1; j < 4; j++) {
      const v = occTab[(occ[si * 4 + j] as number) + 1] as number;
      if (v > o) o = v;
    }
    if (o + W.placeSameSigungu + small < worst) continue;
    let place = regTab[S.region[si] as number] as number;
    for (let j = 0; j < 3; j++) {
      const v = wantTab[regions[si * 3 + j] as number] as number;
      if (v > place) place = v;
    }
    if (o + place + small < worst) continue;
    if (visible !== null && visible[S.centre[si] as number] !== 1 && !(f & SHARED)) continue;
    if (!eligible(E, pi, si)) continue;
    const base = o + place + smallPoints(E, pi, si) + own;
    if (base + W.certificateMax + kwCap(pTokLen, S.tokLen[si] as number) < worst) continue;
    top.offer(si, base + certPoints(E, pi, si) + keywordPoints(E, pi, si));
  }
}

interface SeekerQuery {
  ep: number;
  rest: number;
  own: number;
  visible: Uint8Array | null;
}

function seekerBucket(E: EngineData, l: IntList | undefined, pi: number, q: SeekerQuery, top: TopK): void {
  if (l) visitSeekers(E, l.data, 0, l.length, pi, q, top);
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
  reuseTop?: TopK,
): TopK {
  const { P } = E;
  const top = reuse(reuseTop, k, E.S.id);
  let nCerts = 0;
  while (nCerts < 4 && (P.certs[pi * 4 + nCerts] as number) !== 0) nCerts++;
  const own = postingPoints(P, pi, today);
  const rest =
    W.wageMeets +
    W.employmentType +
    ((P.careerType[pi] as number) === 2 ? W.careerMeets : W.careerOpen) +
    Math.min(W.certificateMax, nCerts * W.certificateEach) +
    Math.min(W.keywordMax, (P.tokLen[pi] as number) * W.keywordEach) +
    ((P.pref[pi] as number) ? W.preference : 0) +
    own;
  const q: SeekerQuery = { ep: nextEpoch(E.pLength, E.sLength), rest, own, visible };
  const po = P.occ[pi] as number;
  const pr = P.region[pi] as number;
  const psido = sidoOf(pr);
  resetTables();
  fillOcc(E, P.occ, pi, 1);
  fillSido(E, regTab, psido, W.placeSameSido);
  if (psido === 0) touchReg(regTab, 0, W.placeSameSido);
  if (pr >= 100) {
    touchReg(regTab, pr, W.placeSameSigungu);
    touchReg(wantTab, pr, W.placeDesired);
  }
  if (psido > 0) touchReg(wantTab, psido, W.placeDesired);
  const stop = (lvl: number) => top.full && lvl + rest < top.worst;

  // Stage 1: seekers wanting an occupation that shares a prefix of depth 4..2, deepest first.
  for (let depth = 4; depth >= 2; depth--) {
    if (stop((OCC[depth] as number) + W.placeSameSigungu)) return top;
    if (po < 0 || (po & 7) < depth) continue;
    for (const code of E.occPrefixes.get(occPrefix(po, depth)) ?? []) {
      if ((occTab[code + 1] as number) === OCC[depth]) seekerBucket(E, E.sOcc.get(code), pi, q, top);
    }
  }
  // Stage 2: by place, best first (occupation gives at most OCC[1] from here on).
  if (stop(OCC[1] + W.placeSameSigungu)) return top;
  if (pr >= 100) seekerBucket(E, E.sHome.get(pr), pi, q, top);
  if (stop(OCC[1] + W.placeDesired)) return top;
  if (pr >= 100) seekerBucket(E, E.sWant.get(pr), pi, q, top);
  seekerBucket(E, E.sWant.get(psido), pi, q, top);
  if (stop(OCC[1] + W.placeSameSido)) return top;
  for (const code of E.sidoRegions.get(psido) ?? []) seekerBucket(E, E.sHome.get(code), pi, q, top);
  // Stage 3: everything else, bounded per row (region 0 homes may hold 시도 points).
  if (stop(OCC[1] + (regTab[0] as number))) return top;
  visitSeekers(E, rowsUpTo(E.sLength), 1, E.sLength, pi, q, top);
  return top;
}

export { SEEKER_LAYOUT };
