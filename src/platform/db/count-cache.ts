/**
 * Totals of long lists, remembered for a few seconds (issue 23 item 8).
 *
 * A list page answers `{items, total}`. The page itself is cheap (an index walk that stops after
 * `pageSize` rows), but the exact total of a list that matches thousands of rows means visiting
 * every one of them, and a counsellor paging through "우리 센터 구직자" (14,870 rows in the demo
 * centre) asked for the same total on every page. This keeps such a total for `ttlMs` per exact
 * query (the compiled SQL and its parameters, which hold the actor's scope and every filter),
 * so only the first page view in a window pays for the count; concurrent askers of the same
 * total share one count (no stampede when it runs out).
 *
 * Past `ttlMs` and up to `staleMs`, a kept total is still answered at once while one count runs
 * in the background to replace it: a request never waits for a long count that a few seconds
 * earlier had an answer (under 50 concurrent lists, the requests that waited for a 30 ms count
 * were the slowest one in a hundred). Past `staleMs` the caller waits for a fresh count.
 *
 * What it never does: cache a small total (below `minTotal`, where the count is cheap and a
 * person checks it against what they just saved), or a page's rows, which are always read
 * afresh. A kept total may lag a change by `ttlMs` plus one count's time while the list is in
 * use, and by at most `staleMs` after a pause: "총 14,870명" for a few seconds after the
 * 14,871st registration.
 * @module
 */

export interface CountCacheOptions {
  /** How long a total stays fresh (ms). */
  ttlMs: number;
  /** Until this age (ms) a kept total is answered while a fresh one is counted; default `ttlMs`. */
  staleMs?: number;
  /** Totals below this are never kept. */
  minTotal: number;
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
}

interface Entry {
  at: number;
  total: Promise<number>;
  /** A fresh count under way for this key (stale-while-revalidate). */
  refreshing?: boolean;
}

export interface CountCache {
  /** The total for `key`: a fresh one kept within `ttlMs`, or `count()` (shared while it runs). */
  get(key: string, count: () => Promise<number>, now?: number): Promise<number>;
  /** Drops every kept total. */
  clear(): void;
  readonly size: number;
}

export function createCountCache(o: CountCacheOptions): CountCache {
  const entries = new Map<string, Entry>();
  const max = o.maxEntries ?? 2000;
  const staleMs = Math.max(o.staleMs ?? o.ttlMs, o.ttlMs);
  /** Counts and keeps the total; a small or failed one is dropped again. */
  async function fresh(key: string, count: () => Promise<number>, now: number) {
    const total = count();
    const entry: Entry = { at: now, total };
    entries.set(key, entry);
    if (entries.size > max) entries.delete(entries.keys().next().value as string);
    try {
      const n = await total;
      if (n < o.minTotal && entries.get(key) === entry) entries.delete(key);
      return n;
    } catch (e) {
      if (entries.get(key) === entry) entries.delete(key);
      throw e;
    }
  }
  /** Counts in the background and replaces the kept `hit` (or drops it when now small). */
  function refresh(key: string, hit: Entry, count: () => Promise<number>, now: number) {
    hit.refreshing = true;
    count().then(
      (n) => {
        if (entries.get(key) !== hit) return;
        if (n >= o.minTotal) entries.set(key, { at: now, total: Promise.resolve(n) });
        else entries.delete(key);
      },
      () => {
        hit.refreshing = false;
      },
    );
  }
  const cache: CountCache = {
    async get(key, count, now = Date.now()) {
      const hit = entries.get(key);
      if (hit && now - hit.at < o.ttlMs) return hit.total;
      if (hit && now - hit.at < staleMs) {
        // The kept total answers now; the fresh one replaces it when it is counted.
        if (!hit.refreshing) refresh(key, hit, count, now);
        return hit.total;
      }
      return fresh(key, count, now);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
  return cache;
}
