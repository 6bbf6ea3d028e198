// Seeker → postings: the top N open postings for a seeker, exact (see matching.engine.ts).
import { pop32, seekerBlooms } from './matching.bloom.ts';
import { W } from './matching.constants.ts';
import {
  fillMajorTab,
  fillOcc,
  fillSido,
  fillSidoTab,
  majorTab,
  nextEpoch,
  OCC,
  occTab,
  pStamp,
  regTab,
  resetTables,
  reuse,
  sidoTab,
  touchReg,
} from './matching.query-state.ts';
import {
  certPoints,
  type EngineData,
  eligible,
  keywordPoints,
  kwCap,
  P_ENTRY,
  placePoints,
  postingPoints,
  seekerBound,
  smallPoints,
  type TopK,
} from './matching.score.ts';
import { ALIVE, DISABLED_OK, type IntList, occPrefix, sidoOf } from './matching.store.ts';

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

/** The current seeker's bloom levels (seekerBlooms). */
const sBloom = new Int32Array(8);

/**
 * Visits the entries of a posting bucket whose bound reaches the current N-th score. An entry
 * (P_ENTRY ints) carries what bounds the pair without touching the posting's columns: the
 * other dimension (region in by-occupation buckets, occupation + 1 in by-region ones), the
 * preference mask, employment type and row bound (postingTail), the wage word, the day word and
 * the bloom word. Occupation, place, wage, employment type, career, preference and freshness
 * are exact; certificates and keywords are bounded by their counts and then by the bloom
 * word's bits; congestion only lowers a score. The
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
  // In an occupation bucket, the best place points of the current 시도 group. Rows reached
  // through a region bucket share at most a 대분류 with the seeker unless an occupation bucket
  // already visited them (or proved them out of reach): OCC[1] in a group of a 대분류 of the
  // seeker's, 0 in the others.
  const groups = l.groups;
  const gTab = byOcc ? sidoTab : majorTab;
  let g = 0;
  let groupEnd = l.sorted;
  let maxOther: number = byOcc ? W.placeSameSigungu : OCC[1];
  if (groups && groups.length > 0) {
    maxOther = gTab[groups[0] as number] as number;
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
  const tb0 = sBloom[0] as number;
  const tb1 = sBloom[1] as number;
  const tb2 = sBloom[2] as number;
  const tbX = sBloom[3] as number;
  const cb0 = sBloom[4] as number;
  const cb1 = sBloom[5] as number;
  const cb2 = sBloom[6] as number;
  const cbX = sBloom[7] as number;
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
      maxOther = gTab[groups[g] as number] as number;
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
    const certs = Math.min(W.certificateMax, W.certificateEach * (nc < sCerts ? nc : sCerts));
    const words = W.keywordEach * (nk < sTok ? nk : sTok);
    if (b + certs + words < worst) continue;
    // By counts the pair is in reach: bound the shared ones by the bloom word.
    const m = d[i + 4] as number;
    const c2 = W.certificateEach * (pop32(m & cb0) + pop32(m & cb1) + pop32(m & cb2) + cbX);
    const k2 = W.keywordEach * (pop32(m & tb0) + pop32(m & tb1) + pop32(m & tb2) + tbX);
    if (b + (c2 < certs ? c2 : certs) + (k2 < words ? k2 : words) >= worst) {
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
  seekerBlooms(E, si, sBloom);
  fillOcc(E, S.occ, si * 4, 4);
  fillMajorTab(S.occ, si * 4, 4);
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
