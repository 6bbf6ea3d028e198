import os from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { type Db, databaseUrlOf } from '../../platform/db/pool.ts';
import { SEEKER_CENTRES_SQL } from '../seekers/seekers.relations.service.ts';
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
    // A worker that ends without answering (killed, out of memory) leaves its slots unranked.
    w.once('exit', (code) => reject(new Error(`matching worker exited (${code})`)));
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

/** Rows of the nightly list as COPY text lines (seeker id, posting ids, scores), ~1,000 a chunk. */
function* nightlyLines(index: MatchingIndex, r: BatchResult): Generator<string> {
  const S = index.seekers.cols;
  const P = index.postings.cols;
  // Each posting's id text once: 1,000,000 lists name ~20,000,000 postings, of 200,000.
  const postingIds: (string | undefined)[] = new Array(index.postings.length);
  let chunk: string[] = [];
  for (let j = 0; j < r.count; j++) {
    const ids: string[] = [];
    const scores: number[] = [];
    for (let k = 0; k < r.n; k++) {
      const pi = r.postings[j * r.n + k] as number;
      if (pi < 0) break;
      let id = postingIds[pi];
      if (id === undefined) {
        id = readUuid(P.id, pi * 4);
        postingIds[pi] = id;
      }
      ids.push(id);
      scores.push(r.scores[j * r.n + k] as number);
    }
    chunk.push(
      `${readUuid(S.id, (r.seekers[j] as number) * 4)}\t{${ids.join(',')}}\t{${scores.join(',')}}\n`,
    );
    if (chunk.length === 1000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join('');
}

/**
 * The nightly list: ranks every active seeker and replaces seeker_recommendations with their
 * top posting ids and scores (reasons are worded when read, in the reader's language), in one
 * transaction: COPY into a temporary table, one upsert (seekers deleted since the index was
 * built are left out), and the lists of seekers no longer ranked (employed, closed, suspended)
 * are removed.
 */
export async function computeAllTopN(db: Db, index: MatchingIndex, n = 20): Promise<number> {
  const url = databaseUrlOf(db);
  if (!url) throw new Error('the nightly list needs a database opened by createDb (its URL)');
  const r = await rankAllSeekers(index, { n });
  const at = new Date();
  const client = new pg.Client({ connectionString: url, application_name: 'ilteo-matching-nightly' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'CREATE TEMP TABLE nightly_recommendations (seeker_id uuid NOT NULL, posting_ids uuid[] NOT NULL, scores smallint[] NOT NULL) ON COMMIT DROP',
    );
    await pipeline(
      Readable.from(nightlyLines(index, r)),
      client.query(copyStreams.from('COPY nightly_recommendations FROM STDIN')),
    );
    await client.query(
      `INSERT INTO seeker_recommendations (seeker_id, centre_id, computed_at, posting_ids, scores)
       SELECT n.seeker_id, s.centre_id, $1, n.posting_ids, n.scores
       FROM nightly_recommendations n JOIN ${SEEKER_CENTRES_SQL} s ON s.id = n.seeker_id
       ON CONFLICT (seeker_id) DO UPDATE
       SET centre_id = excluded.centre_id, computed_at = excluded.computed_at,
         posting_ids = excluded.posting_ids, scores = excluded.scores`,
      [at],
    );
    await client.query('DELETE FROM seeker_recommendations WHERE computed_at < $1', [at]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
  return r.count;
}
