// Bloom word of a posting bucket entry: one bit per keyword token and per certificate, so a
// scan bounds the shared ones by the seeker's bits instead of by the counts alone. Pure and
// allocation-free (erasable TypeScript: batch workers load it).
import type { EngineData } from './matching.score.ts';
import type { Cols, POSTING_LAYOUT } from './matching.store.ts';

/** Bits of the bloom word given to tokens (0–25); certificates take the six above them. */
const TOKEN_BITS = 26;
const tokenBit = (t: number) => 1 << ((t >>> 0) % TOKEN_BITS);
const certBit = (c: number) => 1 << (TOKEN_BITS + (c % 6));

/**
 * Bloom word of a posting entry: one bit per keyword token and per certificate (hashed), so
 * that a scan bounds the shared ones by the seeker's tokens and certificates whose bits are set
 * instead of by the counts alone.
 */
export function postingBloomWord(P: Cols<typeof POSTING_LAYOUT>, pTok: Int32Array, pi: number): number {
  let m = 0;
  const start = P.tokStart[pi] as number;
  const end = start + (P.tokLen[pi] as number);
  for (let t = start; t < end; t++) m |= tokenBit(pTok[t] as number);
  for (let j = 0; j < 4; j++) {
    const c = P.certs[pi * 4 + j] as number;
    if (c === 0) break;
    m |= certBit(c);
  }
  return m;
}

/** Set bits of a 32-bit word. */
export function pop32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/**
 * The seeker's side of the bloom bound, in `out`: bits of its tokens by multiplicity (out[0]
 * once, out[1] twice, out[2] thrice, out[3] = tokens beyond that, always counted), then the same
 * for its certificates (out[4..7]). Tokens are distinct (sorted hashes) and so are a row's
 * certificates, so the shared tokens of a pair are at most Σ pop32(bloom & out[k]) + out[3].
 */
export function seekerBlooms(E: EngineData, si: number, out: Int32Array): void {
  out.fill(0);
  const { S, sTok } = E;
  const start = S.tokStart[si] as number;
  const end = start + (S.tokLen[si] as number);
  for (let t = start; t < end; t++) addLevel(out, 0, tokenBit(sTok[t] as number));
  for (let j = 0; j < 4; j++) {
    const c = S.certs[si * 4 + j] as number;
    if (c === 0) break;
    addLevel(out, 4, certBit(c));
  }
}

function addLevel(out: Int32Array, at: number, bit: number): void {
  for (let k = at; k < at + 3; k++) {
    if (((out[k] as number) & bit) === 0) {
      out[k] = (out[k] as number) | bit;
      return;
    }
  }
  out[at + 3] = (out[at + 3] as number) + 1;
}
