// Per-query scratch state shared by the two queries of the matching index (one query at a
// time per thread): occupation and place points by code, touched-entry lists to reset them,
// per-시도 place maxima, "visited" stamps. Erasable TypeScript only (batch workers load it).
import { W } from './matching.constants.ts';
import { type EngineData, TopK } from './matching.score.ts';
import { occPrefix, sidoOf } from './matching.store.ts';

export const OCC = W.occupationByDepth;

/** Per-query lookup tables: occupation points by encoded code + 1, place points by region. */
export const occTab = new Uint8Array(10_000 * 8 + 8);
export const regTab = new Uint8Array(100_000);
export const wantTab = new Uint8Array(100_000);
let occTouched = new Int32Array(1024);
let nOccTouched = 0;
export let regTouched = new Int32Array(1024);
export let nRegTouched = 0;

export function touchOcc(i: number, v: number): void {
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

export function touchReg(tab: Uint8Array, r: number, v: number): void {
  if ((tab[r] as number) >= v) return;
  if (nRegTouched === regTouched.length) {
    const next = new Int32Array(regTouched.length * 2);
    next.set(regTouched);
    regTouched = next;
  }
  regTouched[nRegTouched++] = r;
  tab[r] = v;
}

export function resetTables(): void {
  for (let i = 0; i < nOccTouched; i++) occTab[occTouched[i] as number] = 0;
  for (let i = 0; i < nRegTouched; i++) {
    regTab[regTouched[i] as number] = 0;
    wantTab[regTouched[i] as number] = 0;
  }
  nOccTouched = 0;
  nRegTouched = 0;
}

/** occTab[c + 1] = occupation points of code c against the codes `codes[at..at+n)` (−1 ends). */
export function fillOcc(E: EngineData, codes: Int32Array, at: number, n: number): void {
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

export function fillSido(E: EngineData, tab: Uint8Array, sido: number, v: number): void {
  const list = E.sidoRegions.get(sido);
  if (list) for (let i = 0; i < list.length; i++) touchReg(tab, list[i] as number, v);
}

/** Per-query best place points by 시도 (over regTab), for the 시도 groups of occupation buckets. */
export const sidoTab = new Uint8Array(100);

export function fillSidoTab(): void {
  sidoTab.fill(0);
  for (let j = 0; j < nRegTouched; j++) {
    const r = regTouched[j] as number;
    const s = sidoOf(r);
    if ((regTab[r] as number) > (sidoTab[s] as number)) sidoTab[s] = regTab[r] as number;
  }
}

/**
 * Per-query occupation points a row can still gain by its code's 대분류 (encoded 1-digit
 * prefix) once the deeper matches are done: OCC[1] where the seeker has an occupation, else 0.
 */
export const majorTab = new Uint8Array(80);

export function fillMajorTab(codes: Int32Array, at: number, n: number): void {
  majorTab.fill(0);
  for (let j = 0; j < n; j++) {
    const d = codes[at + j] as number;
    if (d < 0) break;
    majorTab[occPrefix(d, 1)] = OCC[1] as number;
  }
}

/** Scratch "visited" stamps, one per direction, grown on demand. */
export let pStamp = new Uint32Array(0);
export let sStamp = new Uint32Array(0);
let epoch = 0;

export function nextEpoch(pLen: number, sLen: number): number {
  if (pStamp.length < pLen) pStamp = new Uint32Array(Math.ceil(pLen * 1.25));
  if (sStamp.length < sLen) sStamp = new Uint32Array(Math.ceil(sLen * 1.25));
  if (++epoch === 0xffffffff) {
    pStamp.fill(0);
    sStamp.fill(0);
    epoch = 1;
  }
  return epoch;
}

export function reuse(top: TopK | undefined, k: number, ids: Uint32Array): TopK {
  if (top && top.k === k) {
    top.reset(ids);
    return top;
  }
  return new TopK(k, ids);
}
