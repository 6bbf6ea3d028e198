// Posting → seekers: the top N seekers a caller may see for a posting, exact (see matching.engine.ts).
import { W } from './matching.constants.ts';
import {
  fillOcc,
  fillSido,
  nextEpoch,
  nRegTouched,
  OCC,
  occTab,
  regTab,
  regTouched,
  resetTables,
  reuse,
  sStamp,
  touchReg,
  wantTab,
} from './matching.query-state.ts';
import {
  CAREER_CLASS_MAX,
  certPoints,
  DENSE_REGIONS,
  type EngineData,
  eligible,
  keywordPoints,
  kwCap,
  postingPoints,
  seekerKeyBound,
  smallPoints,
  type TopK,
  WAGE_CLASS_FLOOR,
} from './matching.score.ts';
import { ALIVE, type IntList, occPrefix, SHARED, sidoOf } from './matching.store.ts';

/** Scores seeker `si` for posting `pi` unless visited, invisible or out of reach. */
function visitSeeker(E: EngineData, si: number, pi: number, q: SeekerQuery, top: TopK): void {
  const { P, S } = E;
  if (sStamp[si] === q.ep) return;
  sStamp[si] = q.ep;
  const f = S.flags[si] as number;
  if (!(f & ALIVE)) return;
  if (q.hidden !== null && q.hidden[si] === 1) return;
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
  hidden: Uint8Array | null;
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
 * `hidden[row]` = 1 keeps a row out whatever its score (seekers the caller may not reach).
 */
export function topSeekers(
  E: EngineData,
  pi: number,
  k: number,
  today: number,
  visible: Uint8Array | null,
  reuseTop?: TopK,
  hidden: Uint8Array | null = null,
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
  const q: SeekerQuery = { ep: nextEpoch(E.pLength, E.sLength), rest, own, visible, hidden };
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
