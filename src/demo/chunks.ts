/**
 * Produces COPY chunks of demo rows, inline or on worker threads. Encryption and tokenizing
 * dominate the cost of a seeker row, so on a multi-core machine workers render chunks while the
 * main thread streams finished ones to PostgreSQL in order.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { type CaseworkTable, caseworkChunk } from './casework.ts';
import type { DemoSpec } from './plan.ts';
import { employersChunk, postingsChunk, seekersChunk } from './rows.ts';

/** One unit of work: rows [from, to) of a table. */
export interface ChunkTask {
  table: 'employers' | 'postings' | 'seekers' | CaseworkTable;
  spec: DemoSpec;
  keyHex: string;
  from: number;
  to: number;
  /** registration sequence numbers of the seekers in the range */
  seq?: Int32Array;
}

let keyCache: { hex: string; key: Buffer } | undefined;

/**
 * The data key, one Buffer per thread and key: the crypto helpers keep a KeyObject per Buffer
 * (platform/crypto/fields.ts), so the raw key is imported once, not on every row. Passing a
 * KeyObject here, as before, broke once the helpers began making KeyObjects themselves.
 */
function dataKey(hex: string): Buffer {
  if (keyCache?.hex !== hex) keyCache = { hex, key: Buffer.from(hex, 'hex') };
  return keyCache.key;
}

/** Renders a chunk on the current thread. */
export function renderChunk(task: ChunkTask): string {
  const key = dataKey(task.keyHex);
  switch (task.table) {
    case 'employers':
      return employersChunk(task.spec, key, task.from, task.to);
    case 'postings':
      return postingsChunk(task.spec, task.from, task.to);
    case 'seekers':
      return seekersChunk(
        task.spec,
        key,
        task.from,
        task.to,
        task.seq ?? new Int32Array(task.to - task.from),
      );
    default:
      return caseworkChunk(task.spec, task.table, task.from, task.to);
  }
}

/** Renders chunks: `render` resolves to the UTF-8 bytes of the COPY lines. */
export interface ChunkRenderer {
  render(task: ChunkTask): Promise<Buffer>;
  close(): Promise<void>;
  readonly threads: number;
}

/** A renderer on the calling thread (tests, one-core machines). */
export function inlineRenderer(): ChunkRenderer {
  return {
    threads: 0,
    async render(task) {
      return Buffer.from(renderChunk(task), 'utf8');
    },
    async close() {},
  };
}

/**
 * A pool of worker threads. Workers load the TypeScript sources through tsx, as the main
 * process does; each task goes to the least busy worker.
 */
export function workerRenderer(threads: number): ChunkRenderer {
  const url = new URL('./worker.ts', import.meta.url);
  const workers = Array.from({ length: threads }, () => {
    const w = new Worker(url, { execArgv: ['--import', 'tsx'] });
    w.unref();
    return { w, busy: 0 };
  });
  const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  let next = 0;
  for (const { w } of workers) {
    w.on('message', (m: { id: number; bytes?: Uint8Array; error?: string }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      const slot = workers.find((x) => x.w === w);
      if (slot) slot.busy--;
      if (!p) return;
      if (m.error !== undefined || !m.bytes) p.reject(new Error(m.error ?? 'worker returned nothing'));
      else p.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
    });
    w.on('error', (err: Error) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
  }
  return {
    threads,
    render(task) {
      const id = next++;
      const slot = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      slot.busy++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        slot.w.postMessage({ id, task });
      });
    },
    async close() {
      await Promise.all(workers.map(({ w }) => w.terminate()));
    },
  };
}
