import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { MatchingIndex } from './matching.index.ts';
import { readUuid, seoulDay } from './matching.store.ts';
import { type BatchInput, runSlice } from './matching.worker.ts';

/** Result of a batch run: per seeker row, its top-N posting rows and scores. */
export interface BatchResult {
  seekers: Int32Array;
  postings: Int32Array;
  scores: Int32Array;
  count: number;
  n: number;
}

function inputFor(
  index: MatchingIndex,
  from: number,
  to: number,
  every: number,
  n: number,
  now: number,
): BatchInput {
  const lists = (m: MatchingIndex['pOcc']) =>
    [...m].map(
      ([k, l]) =>
        [k, l.data.slice(0, l.length), l.sorted, l.groups] as [number, Int32Array, number, Int32Array | null],
    );
  return {
    postings: index.postings.snapshot(),
    seekers: index.seekers.snapshot(),
    pTok: index.pTok.data,
    sTok: index.sTok.data,
    pOcc: lists(index.pOcc),
    pReg: lists(index.pReg),
    occPrefixes: [...index.occPrefixes],
    sidoRegions: [...index.sidoRegions],
    cells: [...index.cells],
    from,
    to,
    every,
    n,
    today: seoulDay(now),
  };
}

function inWorker(input: BatchInput): Promise<ReturnType<typeof runSlice>> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./matching.worker.ts', import.meta.url), { workerData: 'matching-batch' });
    w.once('message', (r) => {
      resolve(r);
      void w.terminate();
    });
    w.once('error', reject);
    w.postMessage(input);
  });
}

/**
 * Top-N postings for every indexed active seeker (rows [1, limit], or every `every`-th of them
 * for a sample), split over worker threads
 * that read the index's shared columns. Falls back to this thread when workers cannot start.
 */
export async function rankAllSeekers(
  index: MatchingIndex,
  opts: { n?: number; threads?: number; limit?: number; every?: number; now?: number } = {},
): Promise<BatchResult> {
  const n = opts.n ?? 20;
  const end = Math.min(index.seekers.length, 1 + (opts.limit ?? Number.POSITIVE_INFINITY));
  const threads = Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), 8));
  const now = opts.now ?? Date.now();
  const every = Math.max(1, Math.floor(opts.every ?? 1));
  const step = Math.ceil((end - 1) / threads / every) * every;
  const slices: BatchInput[] = [];
  for (let from = 1; from < end; from += step)
    slices.push(inputFor(index, from, Math.min(end, from + step), every, n, now));
  let parts: ReturnType<typeof runSlice>[];
  try {
    parts = threads === 1 ? slices.map(runSlice) : await Promise.all(slices.map(inWorker));
  } catch {
    parts = slices.map(runSlice);
  }
  const count = parts.reduce((a, p) => a + p.count, 0);
  const out: BatchResult = {
    seekers: new Int32Array(count),
    postings: new Int32Array(count * n),
    scores: new Int32Array(count * n),
    count,
    n,
  };
  let at = 0;
  for (const p of parts) {
    out.seekers.set(p.seekers.subarray(0, p.count), at);
    out.postings.set(p.postings.subarray(0, p.count * n), at * n);
    out.scores.set(p.scores.subarray(0, p.count * n), at * n);
    at += p.count;
  }
  return out;
}

/**
 * The nightly list: ranks every active seeker and stores `{postingId, score}` items in
 * seeker_recommendations (reasons are worded when read, in the reader's language).
 */
export async function computeAllTopN(db: Db, index: MatchingIndex, n = 20): Promise<number> {
  const r = await rankAllSeekers(index, { n });
  const S = index.seekers.cols;
  const P = index.postings.cols;
  const at = new Date();
  for (let i = 0; i < r.count; i += 500) {
    const rows = [];
    for (let j = i; j < Math.min(r.count, i + 500); j++) {
      const items = [];
      for (let k = 0; k < n; k++) {
        const pi = r.postings[j * n + k] as number;
        if (pi < 0) break;
        items.push({ postingId: readUuid(P.id, pi * 4), score: r.scores[j * n + k] as number });
      }
      rows.push({
        seeker_id: readUuid(S.id, (r.seekers[j] as number) * 4),
        computed_at: at,
        items: JSON.stringify(items),
      });
    }
    await db
      .insertInto('seeker_recommendations')
      .values(rows)
      .onConflict((oc) =>
        oc
          .column('seeker_id')
          .doUpdateSet({ computed_at: sql`excluded.computed_at`, items: sql`excluded.items` }),
      )
      .execute();
  }
  return r.count;
}
