// Test fixture for crash.test.ts: imports counselling rows into the database given on the
// command line, slowly after the first batches, so the parent can kill -9 it mid-import.
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../../platform/db/pool.ts';
import '../counselling/counselling.import.ts';
import { runImport } from './imports.service.ts';

const [url, seekerId, rowsArg] = process.argv.slice(2) as [string, string, string];
const rows = Number(rowsArg);
const { db } = createDb(url, { max: 2 });

async function* csv() {
  yield 'seekerId,at,channel,type,notes\n';
  for (let i = 1; i <= rows; i++) {
    yield `${seekerId},2026-03-02 10:00,phone,follow_up,전화 상담 ${i}\n`;
    // After 5,000 rows (five batches written in the open transaction) the upload crawls.
    if (i > 5000 && i % 100 === 0) await sleep(20);
  }
}

await runImport({
  db,
  dataKey: Buffer.alloc(32),
  actor: null,
  kind: 'counselling',
  source: csv(),
  onRows: (n) => process.stdout.write(`rows ${n}\n`),
});
process.stdout.write('finished\n');
await db.destroy();
