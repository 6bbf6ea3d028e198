import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import type { Bench } from '../src/cli/bench.ts';
import { createCentre } from '../src/features/accounts/centres.service.ts';
import { accountActor } from '../src/features/accounts/sessions.service.ts';
import { createUser } from '../src/features/accounts/users.service.ts';
import { importWorknetXml } from '../src/features/postings/worknet.import.ts';
import { createEndpoint } from '../src/features/webhooks/webhooks.service.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createDb, type Db } from '../src/platform/db/pool.ts';
import { withBizRegCheckDigit } from '../src/platform/domain/validate.ts';
import { scratchDatabase } from './_scratch-db.ts';

/**
 * `npm run bench -- worknet-import [--samples ROWS]` (default 10,000): a generated 고용24 list
 * XML through `importWorknetXml` (one transaction, upsert by wantedAuthNo, 200 employers by
 * 사업자등록번호), four times on one database:
 * - `peer`: the first import into a centre no webhook endpoint listens to (no events written);
 * - `created`: the same rows under other wantedAuthNos into a centre with an endpoint subscribed
 *   to posting.created and posting.updated (every row an event, a delivery and an outbox row);
 * - `unchanged`: that file again (nothing changed: no event);
 * - `updated`: that file with every title changed (every row posting.updated).
 * Wall time, statements sent (round trips, which load does not change), this process's and the
 * database backends' CPU, and the outbox rows each wrote.
 * No worker runs: the figures are the import's. One JSON line at the end.
 */
export const run: Bench['run'] = async ({ options }) => {
  const rows = Number(options.samples ?? 10_000);
  const scratch = await scratchDatabase('worknet_import');
  const { db, pool } = createDb(scratch.url, { max: 4 });
  // Statements sent to the server: the round trips, a figure the machine's load does not move.
  let statements = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: typeof query }).query = (...a) => {
      statements++;
      return query(...a);
    };
  });
  const log = (m: string) => process.stderr.write(`[worknet-import bench] ${m}\n`);
  try {
    await migrateToLatest(db);
    const quiet = await createCentre(db, {
      name: '벤치 센터(구독 없음)',
      kind: 'centre',
      regionCode: '11140',
    });
    const heard = await createCentre(db, { name: '벤치 센터(구독)', kind: 'centre', regionCode: '11140' });
    const user = await createUser(db, null, {
      login: 'bench-admin',
      password: randomBytes(18).toString('base64url'),
      name: '벤치 관리자',
      role: 'admin',
    });
    const actor = { ...(await accountActor(db, user.id))!, centreScope: null, totpEnrolmentRequired: false };
    const dataKey = randomBytes(32);
    await createEndpoint(
      { db, actor, ip: null, lang: 'ko' },
      { url: 'http://127.0.0.1:9/hook', events: ['posting.created', 'posting.updated'], centreId: heard.id },
      { dataKey, allowPrivate: true },
    );
    const once = async (label: string, xml: string, centreId: string) => {
      const outboxBefore = await count(db);
      const statementsBefore = statements;
      const pgBefore = await backendCpu(db);
      const nodeBefore = process.cpuUsage();
      const t0 = performance.now();
      const r = await importWorknetXml(db, { dataKey }, null, xml, centreId, { partial: true });
      const ms = performance.now() - t0;
      const sent = statements - statementsBefore;
      const node = process.cpuUsage(nodeBefore);
      const pgAfter = await backendCpu(db);
      let pgCpuMs = 0;
      for (const [pid, after] of pgAfter) pgCpuMs += after - (pgBefore.get(pid) ?? 0);
      const figures = {
        importMs: Math.round(ms),
        rowsPerSec: Math.round(rows / (ms / 1000)),
        imported: r.imported,
        updated: r.updated,
        unchanged: (r as { unchanged?: number }).unchanged ?? null,
        rejected: r.rejected.length,
        statements: sent,
        outboxRows: (await count(db)) - outboxBefore,
        nodeCpuMs: Math.round((node.user + node.system) / 1000),
        pgCpuMs: Math.round(pgCpuMs),
      };
      log(`${label}: ${JSON.stringify(figures)}`);
      return figures;
    };
    log(`importing ${rows} rows four times`);
    const peer = await once('peer', worknetXml(rows, 'P', '채용'), quiet.id);
    const created = await once('created', worknetXml(rows, 'H', '채용'), heard.id);
    const unchanged = await once('unchanged', worknetXml(rows, 'H', '채용'), heard.id);
    const updated = await once('updated', worknetXml(rows, 'H', '모집'), heard.id);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'worknet-import',
        rows,
        peer,
        created,
        unchanged,
        updated,
        createdVsPeer: Math.round((created.importMs / peer.importMs) * 100) / 100,
      })}\n`,
    );
  } finally {
    await db.destroy();
    await scratch.close();
  }
};

const count = async (db: Db) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM outbox`.execute(db)).rows[0]!.n);

const JOBS = ['155500', '614000', '135200'];
const REGIONS = ['경기 수원시 장안구', '부산 해운대구', '서울 종로구'];

/** A list XML of `n` postings: 200 employers, three occupations and regions, deterministic. */
function worknetXml(n: number, prefix: string, word: string): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n<wantedRoot>'];
  for (let i = 0; i < n; i++) {
    const e = i % 200;
    out.push(`<wanted><wantedAuthNo>K${prefix}${String(i).padStart(12, '0')}</wantedAuthNo>
<company>벤치기업${e}</company><busino>${withBizRegCheckDigit(`31081${String(e).padStart(4, '0')}`)}</busino>
<title>생산직 사원 ${word} ${i}</title><salTpNm>월급</salTpNm><minSal>${2_600_000 + (i % 50) * 10_000}</minSal>
<region>${REGIONS[i % 3]}</region><holidayTpNm>주5일근무</holidayTpNm><minEdubg>고졸</minEdubg>
<career>관계없음</career><closeDt>20991231</closeDt><empTpCd>10</empTpCd><jobsCd>${JOBS[i % 3]}</jobsCd></wanted>`);
  }
  out.push('</wantedRoot>');
  return out.join('\n');
}

/** CPU milliseconds used so far by each backend of the bench database (read from /proc). */
async function backendCpu(db: Db): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const pids = await sql<{
    pid: number;
  }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
  for (const { pid } of pids.rows) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // another machine's server, or the backend is gone
    }
  }
  return out;
}
