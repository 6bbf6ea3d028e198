import { describe, expect, it } from 'vitest';
import { createCountCache } from './count-cache.ts';

describe('count cache', () => {
  it('keeps a long total for its time, then counts again', async () => {
    const c = createCountCache({ ttlMs: 1000, minTotal: 100 });
    let calls = 0;
    const count = async () => {
      calls++;
      return 500 + calls;
    };
    expect(await c.get('k', count, 0)).toBe(501);
    expect(await c.get('k', count, 999)).toBe(501);
    expect(calls).toBe(1);
    expect(await c.get('k', count, 1000)).toBe(502);
    expect(await c.get('other', count, 1000)).toBe(503);
    expect(calls).toBe(3);
  });

  it('never keeps a small total or a failed count', async () => {
    const c = createCountCache({ ttlMs: 60_000, minTotal: 100 });
    let n = 5;
    expect(await c.get('k', async () => n, 0)).toBe(5);
    n = 6;
    expect(await c.get('k', async () => n, 1)).toBe(6);
    await expect(c.get('k', async () => Promise.reject(new Error('down')), 2)).rejects.toThrow('down');
    expect(c.size).toBe(0);
    expect(await c.get('k', async () => 700, 3)).toBe(700);
  });

  it('lets concurrent askers share one count', async () => {
    const c = createCountCache({ ttlMs: 60_000, minTotal: 1 });
    let calls = 0;
    let release!: (n: number) => void;
    const count = () => {
      calls++;
      return new Promise<number>((r) => {
        release = r;
      });
    };
    const all = Promise.all([c.get('k', count, 0), c.get('k', count, 1), c.get('k', count, 2)]);
    release(42);
    expect(await all).toEqual([42, 42, 42]);
    expect(calls).toBe(1);
  });

  it('holds at most maxEntries totals', async () => {
    const c = createCountCache({ ttlMs: 60_000, minTotal: 1, maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) await c.get(k, async () => 10, 0);
    expect(c.size).toBe(2);
  });
});
