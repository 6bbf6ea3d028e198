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

describe('count cache past its time (stale while revalidating)', () => {
  it('answers the kept total at once and counts once in the background', async () => {
    const c = createCountCache({ ttlMs: 1000, staleMs: 60_000, minTotal: 100 });
    let calls = 0;
    let release!: (n: number) => void;
    expect(await c.get('k', async () => 500, 0)).toBe(500);
    const slow = () => {
      calls++;
      return new Promise<number>((r) => {
        release = r;
      });
    };
    // Past ttl: the old total, at once, from two askers; one count runs.
    expect(await c.get('k', slow, 1500)).toBe(500);
    expect(await c.get('k', slow, 1600)).toBe(500);
    expect(calls).toBe(1);
    release(650);
    await new Promise((r) => setTimeout(r, 0));
    expect(await c.get('k', slow, 1700)).toBe(650);
    expect(calls).toBe(1);
  });

  it('waits for a fresh count past staleMs, and drops a total that became small', async () => {
    const c = createCountCache({ ttlMs: 1000, staleMs: 5000, minTotal: 100 });
    expect(await c.get('k', async () => 500, 0)).toBe(500);
    expect(await c.get('k', async () => 700, 6000)).toBe(700);
    expect(await c.get('k', async () => 5, 7500)).toBe(700);
    await new Promise((r) => setTimeout(r, 0));
    expect(c.size).toBe(0);
    expect(await c.get('k', async () => 6, 7600)).toBe(6);
  });

  it('keeps answering the kept total when a background count fails, and tries again', async () => {
    const c = createCountCache({ ttlMs: 1000, staleMs: 60_000, minTotal: 100 });
    expect(await c.get('k', async () => 500, 0)).toBe(500);
    expect(await c.get('k', async () => Promise.reject(new Error('down')), 2000)).toBe(500);
    await new Promise((r) => setTimeout(r, 0));
    expect(await c.get('k', async () => 800, 3000)).toBe(500);
    await new Promise((r) => setTimeout(r, 0));
    expect(await c.get('k', async () => 900, 3100)).toBe(800);
  });
});
