import { createHash } from 'node:crypto';

/**
 * RFC 3797 the straightforward way, as the RFC's own example code does it: a BigInt of the
 * MD5 hex, modulo the remaining count, and the selected entry spliced out of an array. The
 * peer of `rfc3797Order` in tests (same answers) and in `bench/public-jobs.ts` (its speed).
 */
export function rfc3797OrderReference(key: string, poolSize: number, draws = poolSize): number[] {
  const remaining = Array.from({ length: poolSize }, (_, i) => i);
  const out: number[] = [];
  const n = Math.min(draws, poolSize);
  for (let j = 0; j < n; j++) {
    // The RFC's two-byte counter; ilteo's four bytes from draw 65,536 on (see rfc3797.ts).
    const counter = Buffer.alloc(j < 65_536 ? 2 : 4);
    counter.writeUIntBE(j, 0, counter.length);
    const hex = createHash('md5').update(counter).update(key, 'utf8').update(counter).digest('hex');
    const index = Number(BigInt(`0x${hex}`) % BigInt(remaining.length));
    out.push(remaining.splice(index, 1)[0] as number);
  }
  return out;
}
