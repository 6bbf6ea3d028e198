import { describe, expect, it } from 'vitest';
import { rfc3797OrderReference } from './rfc3797.reference.ts';
import { drawDigestHex, keyStringOf, MAX_DRAWS, rfc3797Order } from './rfc3797.ts';

// RFC 3797 §6 worked example (FIELD.md §f.6; richsalz/ietf-rfc3797-code ref.seeds / ref.results):
// sources 9319 / 2 5 8 10 12 / 9 18 26 34 41 45, a pool of 25 numbered 1 … 25.
const SOURCES = [[9319], [2, 5, 8, 10, 12], [9, 18, 26, 34, 41, 45]];
const KEY = '9319./2.5.8.10.12./9.18.26.34.41.45./';
const EXPECTED = [17, 7, 2, 16, 25, 23, 8, 24, 19, 13, 22, 5, 18, 9, 1, 4];
const DIGEST_PREFIXES = [
  '990DD0A5692A029A98B5E01AA28F3459',
  '3691E55C',
  'FE814EDF',
  '1863CCAC',
  'F4AB33DF',
  '13EAEB52',
  '992DB77C',
  '63AB4258',
  'DFBC5AC9',
  '31CB111C',
  '07FA46C1',
  'AC52F8D7',
  '53306F73',
  'B5D14035',
  '85B10B35',
  '3269E6CE',
];

describe('RFC 3797 verifiable random selection', () => {
  it('builds the key string of the reference vector (values sorted, "." after each, "/" after each source)', () => {
    expect(keyStringOf(SOURCES)).toBe(KEY);
    // Order inside a source does not matter; order of sources does.
    expect(keyStringOf([[9319], [12, 10, 8, 5, 2], [45, 41, 34, 26, 18, 9]])).toBe(KEY);
    expect(keyStringOf([[2, 5, 8, 10, 12], [9319]])).not.toBe(KEY);
    expect(() => keyStringOf([])).toThrow();
    expect(() => keyStringOf([[1.5]])).toThrow();
    expect(() => keyStringOf([[]])).toThrow();
  });

  it('gives the MD5 digests of the reference vector draw by draw', () => {
    DIGEST_PREFIXES.forEach((prefix, j) => {
      expect(drawDigestHex(KEY, j).startsWith(prefix)).toBe(true);
    });
  });

  it('selects 17, 7, 2, 16, 25, 23, 8, 24, 19, 13, 22, 5, 18, 9, 1, 4 from a pool of 25', () => {
    expect(rfc3797Order(KEY, 25, 16).map((i) => i + 1)).toEqual(EXPECTED);
    expect(rfc3797OrderReference(KEY, 25, 16).map((i) => i + 1)).toEqual(EXPECTED);
  });

  it('orders a whole pool as a permutation, the same as the straightforward implementation', () => {
    for (const n of [0, 1, 2, 3, 7, 64, 65, 300, 1000, 4099]) {
      const key = keyStringOf([
        [n, 3, 1203],
        [7, 11, 19, 23, 38, 42],
      ]);
      const fast = rfc3797Order(key, n);
      expect(fast).toEqual(rfc3797OrderReference(key, n));
      expect([...fast].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('stops at 65,536 draws (the RFC counter is 16 bits) and agrees with the reference past 2^16 candidates', () => {
    const key = keyStringOf([[1203], [3, 9, 14, 27, 33, 40, 45]]);
    const order = rfc3797Order(key, 70_000, 70_000);
    expect(order).toHaveLength(MAX_DRAWS);
    expect(new Set(order).size).toBe(MAX_DRAWS);
    expect(order.slice(0, 500)).toEqual(rfc3797OrderReference(key, 70_000, 500));
  });

  it('takes the remainder with BigInt for pools too large for doubles', () => {
    const key = keyStringOf([[1], [2]]);
    expect(rfc3797Order(key, 2_200_000, 20)).toEqual(rfc3797OrderReference(key, 2_200_000, 20));
  });
});
