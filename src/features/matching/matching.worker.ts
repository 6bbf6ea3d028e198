// Batch worker: ranks a slice of the seekers against the shared posting columns. Loaded by
// Node's own type stripping, so it imports only erasable-syntax modules.
import { parentPort, workerData } from 'node:worker_threads';
import { type EngineData, type TopK, topPostings } from './matching.engine.ts';
import { ALIVE, POSTING_LAYOUT, SEEKER_LAYOUT, Table, type TableSnapshot } from './matching.store.ts';

/** Posted by matching.batch.ts. */
export interface BatchInput {
  postings: TableSnapshot;
  seekers: TableSnapshot;
  pTok: Int32Array;
  sTok: Int32Array;
  /** bucket → [entries, length of the sorted part, its groups] */
  pOcc: [number, Int32Array, number, Int32Array | null][];
  pReg: [number, Int32Array, number, Int32Array | null][];
  occPrefixes: [number, number[]][];
  sidoRegions: [number, number[]][];
  cells: [number, number][];
  from: number;
  to: number;
  /** rank every `every`-th row only (a sample) */
  every: number;
  n: number;
  today: number;
}

const lists = (entries: [number, Int32Array, number, Int32Array | null][]) =>
  new Map(
    entries.map(([k, data, sorted, groups]) => [k, { data, length: data.length, sorted, groups }]),
  ) as unknown as EngineData['pOcc'];

/** Ranks seekers [from, to) and returns their rows, chosen posting rows and scores. */
export function runSlice(input: BatchInput): {
  seekers: Int32Array;
  postings: Int32Array;
  scores: Int32Array;
  count: number;
} {
  const P = Table.fromSnapshot(POSTING_LAYOUT, input.postings);
  const S = Table.fromSnapshot(SEEKER_LAYOUT, input.seekers);
  const E: EngineData = {
    P: P.cols,
    pLength: P.length,
    pTok: input.pTok,
    S: S.cols,
    sLength: S.length,
    sTok: input.sTok,
    pOcc: lists(input.pOcc),
    sOcc: new Map(),
    pReg: lists(input.pReg),
    sHome: new Map(),
    sWant: new Map(),
    sOccAway: new Map(),
    occPrefixes: new Map(input.occPrefixes),
    sidoRegions: new Map(input.sidoRegions),
    regionDense: new Uint16Array(0),
    cells: new Map(input.cells),
    seekerCells: new Map(),
  };
  const span = Math.ceil((input.to - input.from) / input.every);
  const seekers = new Int32Array(span);
  const postings = new Int32Array(span * input.n).fill(-1);
  const scores = new Int32Array(span * input.n);
  let count = 0;
  // One top-N holder for the whole slice: the queries allocate nothing per seeker.
  let top: TopK | undefined;
  // Seekers are in (occupation, region) order: each answer hints the next query.
  const hints = new Int32Array(input.n);
  let nHints = 0;
  for (let si = input.from; si < input.to; si += input.every) {
    if (!((S.cols.flags[si] as number) & ALIVE)) continue;
    top = topPostings(E, si, input.n, input.today, top, hints, nHints);
    hints.set(top.rows.subarray(0, top.n));
    nHints = top.n;
    seekers[count] = si;
    for (let i = 0; i < top.n; i++) {
      postings[count * input.n + i] = top.rows[i] as number;
      scores[count * input.n + i] = top.scores[i] as number;
    }
    count++;
  }
  return { seekers, postings, scores, count };
}

if (parentPort && workerData === 'matching-batch') {
  const port = parentPort;
  port.on('message', (input: BatchInput) => {
    const r = runSlice(input);
    port.postMessage(r, [r.seekers.buffer, r.postings.buffer, r.scores.buffer] as ArrayBuffer[]);
  });
}
