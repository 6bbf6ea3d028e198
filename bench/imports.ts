import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Bench } from '../src/cli/bench.ts';
import { createCentre } from '../src/features/accounts/centres.service.ts';
import { createUser } from '../src/features/accounts/users.service.ts';
import { runImport } from '../src/features/imports/imports.service.ts';
import '../src/features/seekers/seekers.import.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createDb, type Db } from '../src/platform/db/pool.ts';
import type { Actor } from '../src/platform/http/actor.ts';
import { SEEKER_COLUMNS, seekerCsv } from './_imports.data.ts';
import { scratchDatabase } from './_scratch-db.ts';

/**
 * `npm run bench -- imports [--samples ROWS,ROWS…]`: imports a generated seeker CSV (the columns
 * of issue 13; 56,065 rows by default, the size of Seoul's figure in the seeds) through
 * `runImport` as a counsellor of a fresh centre: validation, duplicate checks against the table
 * and within the file, encryption, registration numbers, the access log, one transaction. The
 * peer is PostgreSQL's own COPY of the same bytes into a plain table of text columns, in the
 * same run. One JSON line at the end; `--samples 56065,200000` also times the row limit.
 */
export const run: Bench['run'] = async ({ options }) => {
  const sizes = String(options.samples ?? '56065')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  const scratch = await scratchDatabase('imports');
  const url = scratch.url;
  const { db } = createDb(url, { max: 4 });
  const log = (m: string) => process.stderr.write(`[imports bench] ${m}\n`);
  try {
    await migrateToLatest(db);
    const runs = [];
    for (const [k, rows] of sizes.entries()) {
      const csv = Buffer.from(seekerCsv(rows, 42, `S${k}`));
      const peerMs = await copyPeer(url, csv);
      const actor = await counsellor(db, `벤치센터${k}`);
      const chunks: Buffer[] = [];
      for (let o = 0; o < csv.length; o += 64 * 1024) chunks.push(csv.subarray(o, o + 64 * 1024));
      log(`importing ${rows} rows (${csv.length} bytes)`);
      const pgBefore = await backendCpu(db);
      const nodeBefore = process.cpuUsage();
      const t0 = performance.now();
      const r = await runImport({
        db,
        dataKey: randomBytes(32),
        actor,
        kind: 'seekers',
        source: chunks,
        fileName: 'bench.csv',
      });
      const ms = performance.now() - t0;
      const node = process.cpuUsage(nodeBefore);
      const pgAfter = await backendCpu(db);
      let pgCpuMs = 0;
      for (const [pid, after] of pgAfter) pgCpuMs += after - (pgBefore.get(pid) ?? 0);
      const nodeCpuMs = (node.user + node.system) / 1000;
      if (r.status !== 'done' || r.imported !== rows) {
        throw new Error(
          `import ${r.status}: ${r.imported}/${rows}; ${JSON.stringify(r.rejected.slice(0, 3))}`,
        );
      }
      const logged = await sql<{ n: number }>`SELECT count(*) AS n FROM access_log
        WHERE subject_type = 'seeker' AND action = 'create' AND centre_id = ${actor.centreId}`.execute(db);
      runs.push({
        rows,
        bytes: csv.length,
        importMs: Math.round(ms),
        rowsPerSec: Math.round(rows / (ms / 1000)),
        accessLogRows: Number(logged.rows[0]!.n),
        // CPU spent by this process and by the database's backends: on a busy shared machine
        // the wall time mostly measures the neighbours; rows per CPU second do not.
        nodeCpuMs: Math.round(nodeCpuMs),
        pgCpuMs: Math.round(pgCpuMs),
        rowsPerCpuSec: pgCpuMs > 0 ? Math.round(rows / ((nodeCpuMs + pgCpuMs) / 1000)) : null,
        copyMs: Math.round(peerMs),
        copyRowsPerSec: Math.round(rows / (peerMs / 1000)),
        ratioToCopy: Math.round((ms / peerMs) * 10) / 10,
      });
    }
    console.log(
      JSON.stringify({ bench: 'imports', kind: 'seekers', cores: os.availableParallelism(), runs }),
    );
  } finally {
    await db.destroy();
    await scratch.close();
  }
};

/**
 * CPU milliseconds used so far by each backend of the bench database (embedded or local server
 * only: read from /proc; empty when the server runs elsewhere).
 */
async function backendCpu(db: Db): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const pids = await sql<{
    pid: number;
  }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
  const tick = 1000 / 100; // USER_HZ
  for (const { pid } of pids.rows) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) * tick);
    } catch {
      // another machine's server, or the backend is gone
    }
  }
  return out;
}

/** PostgreSQL's COPY of the same CSV bytes into a plain table of text columns (the peer). */
async function copyPeer(url: string, csv: Buffer): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const cols = SEEKER_COLUMNS.map((_, i) => `c${i} text`).join(', ');
    await c.query(`DROP TABLE IF EXISTS peer_seekers; CREATE TABLE peer_seekers (${cols})`);
    const t0 = performance.now();
    await c.query('BEGIN');
    await new Promise<void>((resolve, reject) => {
      const stream = c.query(copyFrom('COPY peer_seekers FROM STDIN (FORMAT csv, HEADER true)'));
      stream.on('finish', () => resolve());
      stream.on('error', reject);
      stream.end(csv);
    });
    await c.query('COMMIT');
    return performance.now() - t0;
  } finally {
    await c.end();
  }
}

async function counsellor(db: Db, centreName: string): Promise<Actor> {
  const centre = await createCentre(db, {
    name: centreName,
    kind: 'city',
    parentId: null,
    regionCode: '11140',
  });
  const login = `bench_${randomBytes(3).toString('hex')}`;
  const u = await createUser(db, null, {
    login,
    password: 'correct-horse-9',
    name: '벤치 상담사',
    role: 'counsellor',
    centreId: centre.id,
  });
  return {
    userId: u.id,
    login,
    name: '벤치 상담사',
    role: 'counsellor',
    centreId: centre.id,
    employerId: null,
    seekerId: null,
    centreScope: [centre.id],
    via: 'session',
    sessionId: null,
  };
}
