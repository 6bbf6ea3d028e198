import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { MatchingIndex } from './matching.index.ts';
import { readUuid, seoulDay } from './matching.store.ts';
import { type BatchInput, runChunks, UNRANKED } from './matching.worker.ts';

/** Result of a batch run: per seeker row, its top-N posting rows and scores. */
export interface BatchResult {
  seekers: Int32Array;
  postings: Int32Array;
  scores: Int32Array;
  count: number;
  n: number;
}

/** Slots per chunk a worker takes at a time: long enough runs for the hints, many chunks. */
const CHUNK = 256;

const shared = (length: number) => new Int32Array(new SharedArrayBuffer(length * 4));

function inputFor(index: MatchingIndex, slots: number, every: number, n: number, now: number): BatchInput {
  const lists = (m: MatchingIndex['pOcc']) =>
    [...m].map(
      ([k, l]) =>
        [k, l.data.slice(0, l.length), l.sorted, l.groups] as [number, Int32Array, number, Int32Array | null],
    );
  const postings = shared(slots * n);
  postings.fill(-1);
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
    slots,
    every,
    chunk: CHUNK,
    n,
    today: seoulDay(now),
    out: { next: shared(1), seekers: shared(slots).fill(UNRANKED), postings, scores: shared(slots * n) },
  };
}

function inWorker(input: BatchInput): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./matching.worker.ts', import.meta.url), { workerData: 'matching-batch' });
    w.once('message', (done: number) => {
      resolve(done);
      void w.terminate();
    });
    w.once('error', reject);
    w.postMessage(input);
  });
}

/**
 * Top-N postings for every indexed active seeker (rows [1, limit], or every `every`-th of them
 * for a sample), on worker threads that read the index's shared columns and take chunks of
 * rows from a shared counter.
 */
export async function rankAllSeekers(
  index: MatchingIndex,
  opts: { n?: number; threads?: number; limit?: number; every?: number; now?: number } = {},
): Promise<BatchResult> {
  const n = opts.n ?? 20;
  const end = Math.min(index.seekers.length, 1 + (opts.limit ?? Number.POSITIVE_INFINITY));
  const threads = Math.max(1, Math.min(opts.threads ?? os.availableParallelism(), 8));
  const every = Math.max(1, Math.floor(opts.every ?? 1));
  const slots = Math.max(0, Math.ceil((end - 1) / every));
  const input = inputFor(index, slots, every, n, opts.now ?? Date.now());
  if (threads > 1) await Promise.allSettled(Array.from({ length: threads }, () => inWorker(input)));
  // Whatever no worker ranked (one thread asked for, workers that could not start or failed
  // mid-chunk) is ranked here.
  if (input.out.seekers.includes(UNRANKED)) {
    Atomics.store(input.out.next, 0, 0);
    runChunks(input);
  }
  const { out } = input;
  let count = 0;
  for (let s = 0; s < slots; s++) if ((out.seekers[s] as number) >= 0) count++;
  const r: BatchResult = {
    seekers: new Int32Array(count),
    postings: new Int32Array(count * n),
    scores: new Int32Array(count * n),
    count,
    n,
  };
  let at = 0;
  for (let s = 0; s < slots; s++) {
    if ((out.seekers[s] as number) < 0) continue;
    r.seekers[at] = out.seekers[s] as number;
    r.postings.set(out.postings.subarray(s * n, s * n + n), at * n);
    r.scores.set(out.scores.subarray(s * n, s * n + n), at * n);
    at++;
  }
  return r;
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
