import { describe, expect, it } from 'vitest';
import { coalesce, coalesceByKey } from './coalesce.ts';

describe('coalesce', () => {
  it('answers calls of one turn with one batch, in order, and later calls with another', async () => {
    const batches: number[][] = [];
    const double = coalesce(async (xs: number[]) => {
      batches.push(xs);
      return xs.map((x) => x * 2);
    });
    expect(await Promise.all([1, 2, 3].map(double))).toEqual([2, 4, 6]);
    expect(await double(5)).toBe(10);
    expect(batches).toEqual([[1, 2, 3], [5]]);
  });
  it('splits at maxBatch and rejects every call of a failed batch', async () => {
    const sizes: number[] = [];
    const f = coalesce(async (xs: number[]) => {
      sizes.push(xs.length);
      if (xs.includes(7)) throw new Error('bad');
      return xs;
    }, 4);
    const r = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => f(i)));
    expect(sizes).toEqual([4, 4, 2]);
    expect(r.map((x) => x.status)).toEqual([
      ...Array(4).fill('fulfilled'),
      ...Array(4).fill('rejected'),
      'fulfilled',
      'fulfilled',
    ]);
  });
  it('reads each key once per batch and gives the missing value for keys not found', async () => {
    const asked: string[][] = [];
    const load = coalesceByKey(
      async (keys: string[]) => {
        asked.push(keys);
        return new Map(keys.filter((k) => k !== 'x').map((k) => [k, k.toUpperCase()]));
      },
      null as string | null,
    );
    expect(await Promise.all(['a', 'b', 'a', 'x'].map(load))).toEqual(['A', 'B', 'A', null]);
    expect(asked).toEqual([['a', 'b', 'x']]);
  });
});
