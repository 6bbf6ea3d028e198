import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rfc3797OrderReference } from './rfc3797.reference.ts';
import { drawDigestHex, keyStringOf, RFC_COUNTER_DRAWS, rfc3797Order } from './rfc3797.ts';
import { candidateListText, rankCandidates, sha256Hex } from './selection.ts';
import { VERIFY_SCRIPT } from './verify-script.ts';

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

  it('ranks a pool past 65,536: the RFC two-byte counter up to draw 65,535, four bytes after, same as the reference', () => {
    const key = keyStringOf([[1203], [3, 9, 14, 27, 33, 40, 45]]);
    const n = 70_000;
    const order = rfc3797Order(key, n);
    expect(order).toHaveLength(n);
    expect(new Set(order).size).toBe(n);
    expect(order).toEqual(rfc3797OrderReference(key, n));
    // Draw 65,536 hashes uint32be(65536) ‖ key ‖ uint32be(65536); draw 65,535 the RFC's uint16be.
    const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex').toUpperCase();
    const k = Buffer.from(key, 'utf8');
    const four = Buffer.from([0, 1, 0, 0]);
    const two = Buffer.from([0xff, 0xff]);
    expect(drawDigestHex(key, RFC_COUNTER_DRAWS)).toBe(md5(Buffer.concat([four, k, four])));
    expect(drawDigestHex(key, RFC_COUNTER_DRAWS - 1)).toBe(md5(Buffer.concat([two, k, two])));
    // The first 65,536 draws of a larger pool are the RFC's own, whatever follows.
    expect(order.slice(0, 300)).toEqual(rfc3797Order(key, n, 300));
  });

  it('takes the remainder with BigInt for pools too large for doubles', () => {
    const key = keyStringOf([[1], [2]]);
    expect(rfc3797Order(key, 2_200_000, 20)).toEqual(rfc3797OrderReference(key, 2_200_000, 20));
  });

  it('the published verify.py ranks the same 70,000 candidates as the service', (ctx) => {
    try {
      execFileSync('python3', ['--version']);
    } catch {
      ctx.skip(); // the script is Python; the test above checks the same algorithm in TypeScript
    }
    const n = 70_000;
    const nos = Array.from({ length: n }, (_, i) => 1000 + i * 3);
    const scores = nos.map((no) => no % 4);
    const key = keyStringOf([[1204], [2, 13, 21, 30, 37, 44], [9]]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pj-verify-big-'));
    try {
      fs.writeFileSync(path.join(dir, 'verify.py'), VERIFY_SCRIPT);
      const list = candidateListText(nos, scores);
      fs.writeFileSync(path.join(dir, 'candidates.txt'), list);
      const out = execFileSync('python3', ['verify.py', 'candidates.txt', key, 'score_then_lottery'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      }).split('\n');
      expect(out[0]).toBe(`SHA-256 ${sha256Hex(list)}`);
      const ranked = rankCandidates('score_then_lottery', scores, key).ranked;
      expect(ranked).toHaveLength(n);
      expect(out[1]).toBe(ranked.map((i) => nos[i]).join(' '));
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  }, 60_000);
});
