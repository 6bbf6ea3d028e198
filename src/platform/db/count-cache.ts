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
 * What it never does: cache a small total (below `minTotal`, where the count is cheap and a
 * person checks it against what they just saved), or a page's rows, which are always read
 * afresh. A kept total may lag a change by at most `ttlMs`: "총 14,870명" for a few seconds
 * after the 14,871st registration.
 * @module
 */

export interface CountCacheOptions {
  /** How long a total stays (ms). */
  ttlMs: number;
  /** Totals below this are never kept. */
  minTotal: number;
  /** Most entries kept; the oldest go first. */
  maxEntries?: number;
}

interface Entry {
  at: number;
  total: Promise<number>;
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
  const cache: CountCache = {
    async get(key, count, now = Date.now()) {
      const hit = entries.get(key);
      if (hit && now - hit.at < o.ttlMs) return hit.total;
      const total = count();
      const entry = { at: now, total };
      entries.set(key, entry);
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
      try {
        const n = await total;
        // Small totals are always counted afresh; a failed count is never kept.
        if (n < o.minTotal && entries.get(key) === entry) entries.delete(key);
        return n;
      } catch (e) {
        if (entries.get(key) === entry) entries.delete(key);
        throw e;
      }
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
