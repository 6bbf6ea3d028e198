// Batch worker: ranks seekers against the shared posting columns, taking chunks of consecutive
// rows from a shared counter until none is left, so that both cores stay busy to the end
// however unevenly the cost is spread over the rows. Loaded by Node's own type stripping, so
// it imports only erasable-syntax modules.
import { parentPort, workerData } from 'node:worker_threads';
import { type EngineData, type TopK, topPostings } from './matching.engine.ts';
import { ALIVE, POSTING_LAYOUT, SEEKER_LAYOUT, Table, type TableSnapshot } from './matching.store.ts';

/** Shared by every worker of one run; results are written in place, slot by slot. */
export interface BatchShared {
  /** [next chunk to take] */
  next: Int32Array;
  /** per slot: the seeker row ranked there, -1 (not active) or UNRANKED (not yet) */
  seekers: Int32Array;
  /** per slot: n posting rows (-1 past the end of the list) */
  postings: Int32Array;
  /** per slot: n scores */
  scores: Int32Array;
}

export const UNRANKED = -2;

/** Posted by matching.batch.ts. Slot s holds seeker row 1 + s × every. */
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
  slots: number;
  /** rank every `every`-th row only (a sample) */
  every: number;
  /** slots per chunk */
  chunk: number;
  n: number;
  today: number;
  out: BatchShared;
}

const lists = (entries: [number, Int32Array, number, Int32Array | null][]) =>
  new Map(
    entries.map(([k, data, sorted, groups]) => [k, { data, length: data.length, sorted, groups }]),
  ) as unknown as EngineData['pOcc'];

function engineData(input: BatchInput): EngineData {
  const P = Table.fromSnapshot(POSTING_LAYOUT, input.postings);
  const S = Table.fromSnapshot(SEEKER_LAYOUT, input.seekers);
  return {
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
}

/** Takes chunks until the shared counter passes the last slot, ranking the slots not yet ranked. */
export function runChunks(input: BatchInput): number {
  const E = engineData(input);
  const { out, n, every, chunk, slots, today } = input;
  const flags = E.S.flags;
  // One top-N holder for the whole run: the queries allocate nothing per seeker.
  let top: TopK | undefined;
  // Seekers are in (occupation, region) order: each answer hints the next query.
  const hints = new Int32Array(n);
  let done = 0;
  for (;;) {
    const first = Atomics.add(out.next, 0, 1) * chunk;
    if (first >= slots) return done;
    let nHints = 0;
    for (let s = first; s < Math.min(slots, first + chunk); s++) {
      if (out.seekers[s] !== UNRANKED) continue;
      const si = 1 + s * every;
      if (!((flags[si] as number) & ALIVE)) {
        out.seekers[s] = -1;
        continue;
      }
      top = topPostings(E, si, n, today, top, hints, nHints);
      hints.set(top.rows.subarray(0, top.n));
      nHints = top.n;
      out.seekers[s] = si;
      out.postings.set(top.rows.subarray(0, top.n), s * n);
      out.scores.set(top.scores.subarray(0, top.n), s * n);
      done++;
    }
  }
}

if (parentPort && workerData === 'matching-batch') {
  const port = parentPort;
  port.on('message', (input: BatchInput) => port.postMessage(runChunks(input)));
}
