import { createHash, hash } from 'node:crypto';

// RFC 3797 "Publicly Verifiable Nominations Committee (NomCom) Random Selection", written from
// the RFC: the candidates are listed and numbered in advance, the random sources are public
// numbers that do not exist yet when the list is frozen (e.g. a named 로또 6/45 round), and
// anyone can recompute the selection from the list and the numbers.
//
// - Key string: for each source in the announced order, its values sorted ascending, each
//   followed by "."; then "/" after the source (`9319./2.5.8.10.12./9.18.26.34.41.45./`).
// - Draw j (j = 0, 1, …): MD5 over uint16be(j) ‖ key ‖ uint16be(j), read as a 128-bit unsigned
//   integer, modulo the number of candidates left; that (0-based) position of the remaining
//   list, in its original order, is selected and removed.
// The RFC's counter is two bytes, so it defines 65,536 draws. ilteo ranks any pool: from draw
// 65,536 on, the counter is written in four bytes, uint32be(j) ‖ key ‖ uint32be(j) (a longer
// input, so never the same as an RFC draw). Every draw below 65,536 — so every pool of at most
// 65,536 and the RFC's reference vector — is exactly the RFC's; the public page and verify.py
// state the extension with the algorithm.

/** Draws 0 … 65,535 use the RFC's two-byte counter; later draws a four-byte one. */
export const RFC_COUNTER_DRAWS = 65_536;
/** Largest pool one run ranks (the four-byte counter). */
export const MAX_POOL = 2 ** 32;

/** Largest pool where the 128-bit remainder is computed in doubles (r · 2^32 + w < 2^53). */
const DOUBLE_SAFE_POOL = 2 ** 21;

/**
 * The key string of RFC 3797 §4 from the announced sources, each a list of non-negative
 * integers (e.g. the six numbers and the bonus of a lottery round). Throws on an empty source
 * or a value that is not a non-negative safe integer.
 */
export function keyStringOf(sources: readonly (readonly number[])[]): string {
  if (sources.length === 0) throw new RangeError('at least one source is needed');
  let key = '';
  for (const source of sources) {
    if (source.length === 0) throw new RangeError('a source without values');
    for (const v of source) {
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`not a non-negative integer: ${v}`);
    }
    for (const v of [...source].sort((a, b) => a - b)) key += `${v}.`;
    key += '/';
  }
  return key;
}

/** Bytes of draw j's counter: two (the RFC's) below 65,536, four from there on. */
export function counterBytes(j: number): 2 | 4 {
  return j < RFC_COUNTER_DRAWS ? 2 : 4;
}

/** The bytes MD5 reads for draw j: counter(j) ‖ key ‖ counter(j), big-endian. */
function drawInput(key: Buffer, j: number, into?: Buffer): Buffer {
  const w = counterBytes(j);
  const buf = into && into.length === key.length + 2 * w ? into : Buffer.allocUnsafe(key.length + 2 * w);
  if (w === 2) {
    buf.writeUInt16BE(j, 0);
    key.copy(buf, 2);
    buf.writeUInt16BE(j, key.length + 2);
  } else {
    buf.writeUInt32BE(j, 0);
    key.copy(buf, 4);
    buf.writeUInt32BE(j, key.length + 4);
  }
  return buf;
}

/** The MD5 of draw j as upper-case hex (what RFC 3797's worked example prints). */
export function drawDigestHex(key: string, j: number): string {
  return createHash('md5')
    .update(drawInput(Buffer.from(key, 'utf8'), j))
    .digest('hex')
    .toUpperCase();
}

/** (128-bit big-endian digest) mod m, in doubles while every step stays below 2^53. */
function digestMod(d: Buffer, m: number): number {
  if (m <= DOUBLE_SAFE_POOL) {
    let r = 0;
    for (let o = 0; o < 16; o += 4) r = (r * 4_294_967_296 + d.readUInt32BE(o)) % m;
    return r;
  }
  return Number(BigInt(`0x${d.toString('hex')}`) % BigInt(m));
}

/**
 * RFC 3797 over a pool of `poolSize` candidates (numbered 0 … poolSize − 1 in the frozen
 * list's order): the positions selected by draws 0, 1, … in draw order, `draws` of them
 * (default: the whole pool, whatever its size — past 65,536 with the four-byte counter above).
 * Finding the k-th candidate still in the pool is a Fenwick-tree descent, so a run costs
 * O(n log n), not the O(n²) of removing from an array.
 */
export function rfc3797Order(key: string, poolSize: number, draws = poolSize): number[] {
  if (!Number.isInteger(poolSize) || poolSize < 0 || poolSize > MAX_POOL) throw new RangeError('poolSize');
  const n = Math.min(draws, poolSize);
  const keyBuf = Buffer.from(key, 'utf8');
  let input: Buffer = Buffer.allocUnsafe(keyBuf.length + 4);
  // Fenwick tree over "still in the pool" flags, all 1 at the start: tree[i] = lowbit(i).
  const tree = new Int32Array(poolSize + 1);
  for (let i = 1; i <= poolSize; i++) tree[i] = i & -i;
  let top = 1;
  while (top * 2 <= poolSize) top *= 2;
  const out: number[] = new Array(n);
  for (let j = 0; j < n; j++) {
    input = drawInput(keyBuf, j, input);
    const digest = hash('md5', input, 'buffer') as unknown as Buffer;
    let k = digestMod(digest, poolSize - j); // 0-based rank among those left
    // Descend to the smallest index whose prefix sum is k + 1.
    let pos = 0;
    for (let step = top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= poolSize && (tree[next] as number) <= k) {
        pos = next;
        k -= tree[next] as number;
      }
    }
    out[j] = pos; // the descent stops just below the selected 1-based index: pos is its 0-based one
    for (let i = pos + 1; i <= poolSize; i += i & -i) tree[i] = (tree[i] as number) - 1;
  }
  return out;
}
