// Worker thread of the demo seeder: renders COPY chunks and hands back their bytes (transferred,
// not copied). See chunks.ts.
import { parentPort } from 'node:worker_threads';
import { type ChunkTask, renderChunk } from './chunks.ts';

const encoder = new TextEncoder();

parentPort?.on('message', (m: { id: number; task: ChunkTask }) => {
  try {
    const bytes = encoder.encode(renderChunk(m.task));
    parentPort?.postMessage({ id: m.id, bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort?.postMessage({ id: m.id, error: (err as Error).stack ?? String(err) });
  }
});
