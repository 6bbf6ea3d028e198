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
  CAREER_CLASS_MAX,
  certPoints,
  DENSE_REGIONS,
  type EngineData,
  eligible,
  keywordPoints,
  kwCap,
  P_ENTRY,
  placePoints,
  postingPoints,
  seekerBound,
  seekerKeyBound,
  smallPoints,
  TopK,
  WAGE_CLASS_FLOOR,
} from './matching.score.ts';
import {
  ALIVE,
  DISABLED_OK,
  type IntList,
  occPrefix,
  SEEKER_LAYOUT,
  SHARED,
  sidoOf,
} from './matching.store.ts';

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
  seekerKey,
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

/** Per-query best place points by 시도 (over regTab), for the 시도 groups of occupation buckets. */
const sidoTab = new Uint8Array(100);

function fillSidoTab(): void {
  sidoTab.fill(0);
  for (let j = 0; j < nRegTouched; j++) {
    const r = regTouched[j] as number;
    const s = sidoOf(r);
    if ((regTab[r] as number) > (sidoTab[s] as number)) sidoTab[s] = regTab[r] as number;
  }
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

/**
 * Scores posting `pi` for seeker `si` unless visited or out of reach. Everything is read from
 * the columns: the entry that led here may be stale (a row gets a new entry when it changes).
 */
function visitPosting(E: EngineData, pi: number, si: number, today: number, ep: number, top: TopK): void {
  const { P, S } = E;
  if (pStamp[pi] === ep) return;
  pStamp[pi] = ep;
  if (!((P.flags[pi] as number) & ALIVE) || (P.closes[pi] as number) < today) return;
  if (!eligible(E, pi, si)) return;
  const big = (occTab[(P.occ[pi] as number) + 1] as number) + (regTab[P.region[pi] as number] as number);
  // Exact O(1) factors first; certificates and keywords (loops) only if still in reach.
  const base = big + smallPoints(E, pi, si) + postingPoints(P, pi, today);
  if (base + W.certificateMax + kwCap(P.tokLen[pi] as number, S.tokLen[si] as number) < top.worst) return;
  top.offer(pi, base + certPoints(E, pi, si) + keywordPoints(E, pi, si));
}

/**
 * Visits the entries of a posting bucket whose bound reaches the current N-th score. An entry
 * (P_ENTRY ints) carries what bounds the pair without touching the posting's columns: the
 * other dimension (region in by-occupation buckets, occupation + 1 in by-region ones), the
 * preference mask, employment type and row bound (postingTail), the wage word and the day
 * word. Occupation, place, wage, employment type, career, preference and freshness are exact;
 * certificates and keywords are bounded by their counts; congestion only lowers a score. The
 * sorted part of a bucket is in descending row bound, so the scan stops where even the best
 * unvisited row (`maxOther` on the other dimension) is out of reach.
 */
function postingBucket(
  E: EngineData,
  l: IntList | undefined,
  bucket: number,
  byOcc: boolean,
  si: number,
  rest: number,
  today: number,
  ep: number,
  top: TopK,
): void {
  if (!l) return;
  const { S } = E;
  const d = l.data;
  const fixed = byOcc ? (occTab[bucket + 1] as number) : (regTab[bucket] as number);
  const tab = byOcc ? regTab : occTab;
  // Rows reached through a region bucket share at most a 대분류 with the seeker unless an
  // occupation bucket already visited them (or proved them out of reach); in an occupation
  // bucket, the best place points of the current 시도 group.
  const groups = byOcc ? l.groups : null;
  let g = 0;
  let groupEnd = l.sorted;
  let maxOther: number = byOcc ? W.placeSameSigungu : OCC[1];
  if (groups && groups.length > 0) {
    maxOther = sidoTab[groups[0] as number] as number;
    groupEnd = groups.length > 2 ? (groups[3] as number) : l.sorted;
  }
  const empMask = S.empMask[si] as number;
  const fit = S.fit[si] as number;
  const want = S.wage[si] as number;
  const months = S.careerMonths[si] as number;
  const sTok = S.tokLen[si] as number;
  const edu = S.edu[si] as number;
  const disabledOk = ((S.flags[si] as number) & DISABLED_OK) !== 0;
  let sCerts = 0;
  while (sCerts < 4 && (S.certs[si * 4 + sCerts] as number) !== 0) sCerts++;
  // The seeker's bound without its employment-type and preference maxima.
  const restX = rest - (empMask ? W.employmentType : 0) - (fit ? W.preference : 0);
  // offer ≥ want ⇔ ⌈offer/100⌉·100 ≥ want may only overstate: the bound stays an upper bound.
  // (a saturated 0xffffff offer word meets any wish).
  const wantMeets = Math.min(0xffffff, Math.ceil(want / 100));
  const wantNear = Math.min(0xffffff, Math.ceil((want * 9) / 1000));
  const sorted = l.sorted;
  const n = l.length;
  let worst = top.worst;
  for (let i = 0; i < n; i += P_ENTRY) {
    if (i === groupEnd && i < sorted && groups) {
      g += 2;
      maxOther = sidoTab[groups[g] as number] as number;
      groupEnd = g + 3 < groups.length ? (groups[g + 3] as number) : sorted;
    }
    const key = d[i + 1] as number;
    if (i < sorted && fixed + maxOther + Math.min(key & 127, rest) < worst) {
      i = groupEnd - P_ENTRY;
      continue;
    }
    const t = tab[key >> 14] as number;
    // Cheap bound first (exact place, occupation, employment type and preference), then the
    // entry's other words.
    const pref = (key >> 10) & 15;
    let b = fixed + t;
    if ((empMask >> ((key >> 7) & 7)) & 1) b += W.employmentType;
    if (pref & fit) b += W.preference;
    const capX = (key & 127) - W.employmentType - (pref ? W.preference : 0);
    if (b + (capX < restX ? capX : restX) < worst) continue;
    const w = d[i + 2] as number;
    if (want > 0) {
      // In hundreds of won (rounded up): meets when ≥ ⌈want/100⌉, near when ≥ 90 % of it.
      const hundreds = w & 0xffffff;
      b += hundreds >= wantMeets ? W.wageMeets : hundreds >= wantNear ? W.wageNear : 0;
    }
    const day = d[i + 3] as number;
    if (((day >>> 28) & 7) > edu || (day < 0 && !disabledOk)) continue;
    if (((day >>> 26) & 3) !== 2) b += W.careerOpen;
    else if (months >= ((day >>> 16) & 1023)) b += W.careerMeets;
    else if (months > 0) b += W.careerPartial;
    const age = today - (day & 0xffff);
    b += age <= 7 ? W.freshWeek : age <= 30 ? W.freshMonth : 0;
    const nc = (w >>> 24) & 7;
    const nk = (w >>> 27) & 7;
    b += Math.min(W.certificateMax, W.certificateEach * (nc < sCerts ? nc : sCerts));
    b += W.keywordEach * (nk < sTok ? nk : sTok);
    if (b >= worst) {
      visitPosting(E, d[i] as number, si, today, ep, top);
      worst = top.worst;
    }
  }
}

/** Scores the run of rows with occupation `occ` in `region` that starts at E.cells' entry. */
function visitCell(
  E: EngineData,
  occ: number,
  region: number,
  si: number,
  today: number,
  ep: number,
  top: TopK,
) {
  const { P } = E;
  const start = E.cells.get(occ * 100_000 + region);
  if (start === undefined) return;
  for (let pi = start; pi < E.pLength && P.occ[pi] === occ && P.region[pi] === region; pi++)
    visitPosting(E, pi, si, today, ep, top);
}

/**
 * Top `k` open postings for the seeker in row `si` (row 0 = a scratch row filled by the
 * caller). Exact: the same list as scoring every posting, best first, ties by posting id.
 * `reuseTop` (same k) avoids an allocation per query in batch mode; `hints` are rows likely to
 * rank high (scored first, so that the scans prune from the start; the answer is the same).
 */
export function topPostings(
  E: EngineData,
  si: number,
  k: number,
  today: number,
  reuseTop?: TopK,
  hints?: Int32Array,
  nHints = 0,
): TopK {
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
  fillSidoTab();
  const stop = (lvl: number) => top.full && lvl + rest < top.worst;

  // Hints (batch mode: the previous, similar seeker's answer) are scored first.
  for (let j = 0; j < nHints; j++) visitPosting(E, (hints as Int32Array)[j] as number, si, today, ep, top);
  // Warm-up: the same occupations in the seeker's places fill the top-N with high scores, so
  // the stages below prune from the start. Rows are in (occupation, region) order since the
  // build, so each such cell is a run of rows (rows added later are found by the stages).
  for (let j = 0; j < 4; j++) {
    const d = S.occ[si * 4 + j] as number;
    if (d < 0) break;
    if (home >= 100) visitCell(E, d, home, si, today, ep, top);
    for (let k = 0; k < 3; k++) {
      const r = S.regions[si * 3 + k] as number;
      if (r === 0) break;
      if (r >= 100) visitCell(E, d, r, si, today, ep, top);
      else for (const code of E.sidoRegions.get(r) ?? []) visitCell(E, d, code, si, today, ep, top);
    }
  }
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
          postingBucket(E, E.pOcc.get(code), code, true, si, rest, today, ep, top);
      }
    }
  }
  // Stage 2: the rest gain at most OCC[1] on occupation: by place, best first.
  if (stop(OCC[1] + W.placeSameSigungu)) return top;
  if (home >= 100) postingBucket(E, E.pReg.get(home), home, false, si, rest, today, ep, top);
  if (stop(OCC[1] + W.placeDesired)) return top;
  for (let j = 0; j < 3; j++) {
    const r = S.regions[si * 3 + j] as number;
    if (r === 0) break;
    if (r >= 100) postingBucket(E, E.pReg.get(r), r, false, si, rest, today, ep, top);
    else
      for (const code of E.sidoRegions.get(r) ?? [])
        postingBucket(E, E.pReg.get(code), code, false, si, rest, today, ep, top);
  }
  if (stop(OCC[1] + W.placeSameSido)) return top;
  for (const code of E.sidoRegions.get(sidoOf(home)) ?? [])
    postingBucket(E, E.pReg.get(code), code, false, si, rest, today, ep, top);
  // Stage 3: everything else (at most OCC[1] + nothing on place, but region 0 may get the
  // 시도 points of a seeker without a valid home), every region bucket in bound order.
  if (stop(OCC[1] + (regTab[0] as number))) return top;
  for (const [code, l] of E.pReg) postingBucket(E, l, code, false, si, rest, today, ep, top);
  return top;
}

/** Scores seeker `si` for posting `pi` unless visited, invisible or out of reach. */
function visitSeeker(E: EngineData, si: number, pi: number, q: SeekerQuery, top: TopK): void {
  const { P, S } = E;
  if (sStamp[si] === q.ep) return;
  sStamp[si] = q.ep;
  const f = S.flags[si] as number;
  if (!(f & ALIVE)) return;
  const worst = top.worst;
  const rest = q.rest;
  const u = (S.ub[si] as number) + q.own - W.freshWeek;
  const small = u < rest ? u : rest;
  const occ = S.occ;
  let o = occTab[(occ[si * 4] as number) + 1] as number;
  for (let j = 1; j < 4; j++) {
    const v = occTab[(occ[si * 4 + j] as number) + 1] as number;
    if (v > o) o = v;
  }
  if (o + W.placeSameSigungu + small < worst) return;
  let place = regTab[S.region[si] as number] as number;
  for (let j = 0; j < 3; j++) {
    const v = wantTab[S.regions[si * 3 + j] as number] as number;
    if (v > place) place = v;
  }
  if (o + place + small < worst) return;
  if (q.visible !== null && q.visible[S.centre[si] as number] !== 1 && !(f & SHARED)) return;
  if (!eligible(E, pi, si)) return;
  const base = o + place + smallPoints(E, pi, si) + q.own;
  if (base + W.certificateMax + kwCap(P.tokLen[pi] as number, S.tokLen[si] as number) < worst) return;
  top.offer(si, base + certPoints(E, pi, si) + keywordPoints(E, pi, si));
}

interface SeekerQuery {
  ep: number;
  rest: number;
  own: number;
  visible: Uint8Array | null;
}

/** Most rows the warm-up of topSeekers scores. */
const WARM_UP_ROWS = 2_000;

/** Per-query tables of seekerBucket: home place by dense region; points by key bits 10–20 and 21–30. */
const denseTab = new Uint8Array(DENSE_REGIONS + 1);
const keyLow = new Uint8Array(2048);
const keyHigh = new Uint8Array(1024);

/**
 * Fills the key tables for posting `pi`: each entry is the best its factor can give any
 * seeker with those key bits (exact for employment type and preference, bounded for the rest).
 */
function fillKeyTables(E: EngineData, pi: number): void {
  const { P } = E;
  const e = P.emp[pi] as number;
  const empBit = 1 << (e < 6 ? e : 6);
  const pref = P.pref[pi] as number;
  for (let x = 0; x < 2048; x++)
    keyLow[x] = (x & 127 & empBit ? W.employmentType : 0) + ((x >> 7) & 15 & pref ? W.preference : 0);
  const offer = P.wage[pi] as number;
  const careerE = (P.careerType[pi] as number) === 2;
  const need = P.careerMin[pi] as number;
  let nCerts = 0;
  while (nCerts < 4 && (P.certs[pi * 4 + nCerts] as number) !== 0) nCerts++;
  const nTok = Math.min(6, P.tokLen[pi] as number);
  for (let x = 0; x < 1024; x++) {
    const wc = x & 3;
    const floor = WAGE_CLASS_FLOOR[wc] as number;
    const wage = wc === 0 ? 0 : offer >= floor ? W.wageMeets : offer * 10 >= floor * 9 ? W.wageNear : 0;
    const cc = (x >> 2) & 3;
    // The most months of the class against the requirement (class 0 = none: meets only 0).
    const career = !careerE
      ? W.careerOpen
      : cc === 0
        ? need === 0
          ? W.careerMeets
          : 0
        : (CAREER_CLASS_MAX[cc] as number) >= need
          ? W.careerMeets
          : W.careerPartial;
    const c = (x >> 4) & 7;
    const k = (x >> 7) & 7;
    keyHigh[x] =
      wage +
      career +
      Math.min(W.certificateMax, W.certificateEach * (c < nCerts ? c : nCerts)) +
      W.keywordEach * (k < nTok ? k : nTok);
  }
}

/**
 * Visits the entries of a seeker bucket whose key bound reaches the current N-th score: `occ`
 * bounds the occupation points of rows not decided by an earlier bucket, `maxPlace` the place
 * points of rows no earlier bucket reached (for the stop in the sorted part).
 */
function seekerBucket(
  E: EngineData,
  l: IntList | undefined,
  occ: number,
  pi: number,
  q: SeekerQuery,
  top: TopK,
  maxPlace: number = W.placeSameSigungu,
  placeFloor = 0,
): void {
  if (!l) return;
  const d = l.data;
  const own = q.own;
  const sorted = l.sorted;
  // Groups (occupation buckets): the home region's dense id, whose place points bound every
  // row of the group. `placeFloor`: the bucket's rows have a desired region there.
  const groups = l.groups;
  let g = 0;
  let groupEnd = sorted;
  if (groups && groups.length > 0) {
    maxPlace = denseTab[groups[0] as number] as number;
    groupEnd = groups.length > 2 ? (groups[3] as number) : sorted;
  }
  const n = l.length;
  let worst = top.worst;
  for (let i = 0; i < n; i += 2) {
    if (i === groupEnd && i < sorted && groups) {
      g += 2;
      maxPlace = denseTab[groups[g] as number] as number;
      groupEnd = g + 3 < groups.length ? (groups[g + 3] as number) : sorted;
    }
    const key = d[i + 1] as number;
    if (i < sorted && occ + maxPlace + own + seekerKeyBound(key) - W.freshWeek < worst) {
      i = groupEnd - 2;
      continue;
    }
    let place = denseTab[key & 511] as number;
    if (place < placeFloor) place = placeFloor;
    if (
      occ + place + own + (keyLow[(key >> 10) & 2047] as number) + (keyHigh[key >>> 21] as number) >=
      worst
    ) {
      visitSeeker(E, d[i] as number, pi, q, top);
      worst = top.worst;
    }
  }
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
  // Home place by dense region id; the overflow id (regions past DENSE_REGIONS) gets the most.
  denseTab.fill(0);
  for (let j = 0; j < nRegTouched; j++) {
    const r = regTouched[j] as number;
    const dr = r === 0 ? 0 : Math.min(E.regionDense[r] as number, DENSE_REGIONS);
    // A home in the posting's 시도 may have a desired region there too (+15, not in the key).
    const h = regTab[r] as number;
    const v = h > 0 && h < W.placeDesired ? W.placeDesired : h;
    if (v > (denseTab[dr] as number)) denseTab[dr] = v;
  }
  denseTab[DENSE_REGIONS] = W.placeSameSigungu;
  fillKeyTables(E, pi);
  const stop = (lvl: number) => top.full && lvl + rest < top.worst;

  // Warm-up: seekers whose first wish is this occupation and who live in this 시군구 are one
  // run of rows since the build; scoring the start of it fills the top-N with high scores.
  const run = E.seekerCells.get(po * 100_000 + pr);
  if (run !== undefined) {
    const S = E.S;
    const end = Math.min(E.sLength, run + WARM_UP_ROWS);
    for (let si = run; si < end && S.occ[si * 4] === po && S.region[si] === pr; si++)
      visitSeeker(E, si, pi, q, top);
  }
  // Stage 1: seekers wanting an occupation that shares a prefix of depth 4..2, deepest first.
  for (let depth = 4; depth >= 2; depth--) {
    if (stop((OCC[depth] as number) + W.placeSameSigungu)) return top;
    if (po < 0 || (po & 7) < depth) continue;
    for (const code of E.occPrefixes.get(occPrefix(po, depth)) ?? []) {
      const v = occTab[code + 1] as number;
      if (v !== OCC[depth]) continue;
      seekerBucket(E, E.sOcc.get(code), v, pi, q, top);
      // Those whose desired region away from home lies in the posting's 시도 (place ≤ 15).
      if (psido > 0) {
        const away = E.sOccAway.get(code * 100 + psido);
        seekerBucket(E, away, v, pi, q, top, W.placeDesired, W.placeDesired);
      }
    }
  }
  // Stage 2: by place, best first (occupation gives at most OCC[1] from here on).
  if (stop(OCC[1] + W.placeSameSigungu)) return top;
  if (pr >= 100) seekerBucket(E, E.sHome.get(pr), OCC[1], pi, q, top);
  if (stop(OCC[1] + W.placeDesired)) return top;
  if (pr >= 100) seekerBucket(E, E.sWant.get(pr), OCC[1], pi, q, top, W.placeSameSigungu, W.placeDesired);
  seekerBucket(E, E.sWant.get(psido), OCC[1], pi, q, top, W.placeSameSigungu, W.placeDesired);
  if (stop(OCC[1] + W.placeSameSido)) return top;
  for (const code of E.sidoRegions.get(psido) ?? []) seekerBucket(E, E.sHome.get(code), OCC[1], pi, q, top);
  // Stage 3: everything else by home region, in bound order (region 0 homes may hold 시도
  // points; every other row here is out of the posting's 시도 and wants none of its places).
  if (stop(OCC[1] + (regTab[0] as number))) return top;
  for (const l of E.sHome.values()) seekerBucket(E, l, OCC[1], pi, q, top, regTab[0] as number);
  return top;
}

export { SEEKER_LAYOUT };
