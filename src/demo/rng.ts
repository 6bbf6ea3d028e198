/**
 * Deterministic randomness for the demo data. Every row draws from its own generator seeded by
 * (seed, stream, row index), so any row can be rebuilt on its own — in a worker thread, or when
 * a later table needs the seeker or posting it refers to — and the data never depends on the
 * order in which chunks were produced.
 * @module
 */

/** 32-bit mix (murmur3 finaliser): spreads nearby inputs over the whole range. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a seed, a stream tag and up to two row numbers. */
export function hash3(seed: number, stream: number, a: number, b = 0): number {
  // Chained, so that streams differ in every bit rather than sharing a mix of (a, b).
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(stream + 1, 0x27d4eb2f));
  h = mix32((h + Math.imul(a, 0x165667b1) + 0x3c6ef372) | 0);
  return mix32(h ^ Math.imul(b + 1, 0x61c88647));
}

/** xoshiro128**: small, fast and good enough for synthetic data (not for secrets). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0, row = 0, sub = 0) {
    const h = hash3(seed, stream, row, sub);
    this.a = mix32(h + 0x6a09e667) | 1;
    this.b = mix32(h + 0xbb67ae85);
    this.c = mix32(h + 0x3c6ef372);
    this.d = mix32(h + 0xa54ff53a);
  }

  /** Next 32-bit unsigned integer. */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** Standard normal (Box–Muller; the second value is dropped for simplicity). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Lognormal around a median with the given log-space spread. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** `k` distinct elements of a list (k ≤ length), order kept random. */
  sample<T>(list: readonly T[], k: number): T[] {
    const copy = list.slice();
    const out: T[] = [];
    for (let i = 0; i < k && copy.length > 0; i++)
      out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A weighted choice table: cumulative weights and a binary search, built once. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map((e) => e[0]);
    this.cum = new Float64Array(entries.length);
    let s = 0;
    entries.forEach(([, w], i) => {
      s += Math.max(0, w);
      this.cum[i] = s;
    });
    this.total = s;
    if (!(s > 0)) throw new Error('Weighted: no positive weight');
  }

  /** Index of a weighted draw. */
  index(rng: Rng): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** A weighted draw. */
  pick(rng: Rng): T {
    return this.items[this.index(rng)] as T;
  }
}

/** Deterministic UUIDv7-shaped id: the time part orders rows, the rest comes from the seed. */
export function demoId(seed: number, stream: number, row: number, ms: number, sub = 0): string {
  const r1 = hash3(seed, stream + 101, row, sub);
  const r2 = hash3(seed, stream + 202, row, sub);
  const r3 = hash3(seed, stream + 303, row, sub);
  const t = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  const h = (n: number, len: number) => n.toString(16).padStart(8, '0').slice(0, len);
  const v = (0x7000 | (r1 & 0x0fff)).toString(16);
  const variant = (0x8000 | ((r1 >>> 16) & 0x3fff)).toString(16);
  return `${t.slice(0, 8)}-${t.slice(8)}-${v}-${variant}-${h(r2, 8)}${h(r3, 4)}`;
}

/** The value of a key, made and stored on first use. */
export function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** A cache emptied whenever the spec key changes (one data set per process at a time). */
export function keyedCache<K, V>(): (specKey: string) => Map<K, V> {
  let current = '';
  const map = new Map<K, V>();
  return (specKey) => {
    if (specKey !== current) {
      current = specKey;
      map.clear();
    }
    return map;
  };
}
