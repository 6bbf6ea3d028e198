// `npm run bench -- matching --tier centre|national`: builds the matching index from a freshly
// generated database, measures both directions, the batch, and the same ranking as one SQL
// query (the peer). Prints one JSON line (ENGINEERING.md "Performance method").
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { rankAllSeekers } from '../src/features/matching/matching.batch.ts';
import { topPostings, topSeekers } from '../src/features/matching/matching.engine.ts';
import { buildIndex } from '../src/features/matching/matching.live.ts';
import { tokenHashes } from '../src/features/matching/matching.rows.ts';
import { readUuid, seoulDay } from '../src/features/matching/matching.store.ts';
import { startEmbedded } from '../src/platform/db/embedded.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createDb, withDatabase } from '../src/platform/db/pool.ts';
import { monthlyWage } from '../src/platform/domain/wages.ts';
import { CERTS, EMP, GROUPS, generator, PREFS, rng, WORDS } from './_matching.data.ts';
import { MATCH_SQL } from './_matching.sql.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(3));
};

const arr = (xs: readonly string[]) => `{${xs.map((x) => `"${x}"`).join(',')}}`;
const iarr = (xs: Int32Array) => `{${xs.join(',')}}`;

async function copyIn(client: pg.Client, sql: string, rows: () => Generator<string>) {
  async function* chunks() {
    let buf: string[] = [];
    for (const line of rows()) {
      buf.push(line);
      if (buf.length >= 2000) {
        yield `${buf.join('\n')}\n`;
        buf = [];
      }
    }
    if (buf.length) yield `${buf.join('\n')}\n`;
  }
  await pipeline(Readable.from(chunks()), client.query(copyStreams.from(sql)));
}

async function load(url: string, tier: 'centre' | 'national', seed: number, now: number) {
  const nP = tier === 'centre' ? 5_000 : 200_000;
  const nS = tier === 'centre' ? 20_000 : 1_000_000;
  const g = generator(seed);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Bulk load: the change notifications are for live processes, not for this load.
  await client.query(
    'ALTER TABLE seekers DISABLE TRIGGER seekers_notify; ALTER TABLE postings DISABLE TRIGGER postings_notify; ALTER TABLE referrals DISABLE TRIGGER referrals_notify',
  );
  const centres = Array.from({ length: 10 }, () => g.uuid());
  for (const [i, c] of centres.entries()) {
    await client.query(
      `INSERT INTO centres (id, name, kind, region_code, path) VALUES ($1, $2, 'centre', '11140', ARRAY[$1]::uuid[])`,
      [c, `센터${i}`],
    );
  }
  const employers = Array.from({ length: Math.ceil(nP / 20) }, () => g.uuid());
  await copyIn(
    client,
    'COPY employers (id, centre_id, name, biz_reg_no, region_code) FROM STDIN',
    function* () {
      for (const [i, e] of employers.entries())
        yield `${e}\t${centres[i % 10]}\t기업${i}\t${String(1_000_000_000 + i)}\t11140`;
    },
  );
  const postingIds: string[] = [];
  const today = new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);
  const day = (offset: number) =>
    new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);
  const ptoks: [string, Int32Array][] = [];
  await copyIn(
    client,
    'COPY postings (id, employer_id, centre_id, title, occupation_code, duties, headcount, employment_type, wage_type, wage_min, wage_monthly_min, region_code, education_min, career_type, career_min_months, certificates, preferences, keywords, closes_at, status, created_at) FROM STDIN',
    function* () {
      for (let i = 0; i < nP; i++) {
        const id = g.uuid();
        postingIds.push(id);
        const occ = g.skew(g.occs);
        const kw = g.some(WORDS, 3);
        const title = `${g.pick(WORDS)} ${g.pick(WORDS)} 모집`;
        const duties = `${g.pick(WORDS)} 업무 및 ${g.pick(WORDS)}`;
        ptoks.push([id, tokenHashes([title, duties, kw.join(' ')].join(' '))]);
        const hourly = g.r() < 0.3;
        const wage = hourly ? 10_030 + Math.floor(g.r() * 50) * 100 : g.lognormal(2_600_000, 0.25);
        const career = g.pick(['N', 'E', 'Z']);
        yield [
          id,
          g.pick(employers),
          g.pick(centres),
          title,
          occ,
          duties,
          1 + Math.floor(g.r() * 4),
          g.pick(EMP),
          hourly ? 'H' : 'M',
          wage,
          monthlyWage(hourly ? 'H' : 'M', wage),
          g.skew(g.regions),
          g.pick(['00', '00', '03', '04', '05']),
          career,
          career === 'E' ? 12 * Math.floor(g.r() * 4) : 0,
          arr(g.some(CERTS, 2)),
          arr(g.r() < 0.15 ? [g.pick(PREFS)] : []),
          arr(kw),
          day(Math.floor(g.r() * 60) - 3),
          g.r() < 0.95 ? 'open' : 'closed',
          new Date(now - Math.floor(g.r() * 60 * 86_400_000)).toISOString(),
        ].join('\t');
      }
    },
  );
  const seekerIds: string[] = [];
  const stoks: [string, Int32Array][] = [];
  await copyIn(
    client,
    'COPY seekers (id, centre_id, registration_no, name, birth_date, phone_enc, phone_bi, region_code, education_level, target_groups, desired_occupations, desired_regions, desired_employment_types, desired_wage_monthly, career_months, certificates, keywords, consent_share, consent_sensitive, registered_at) FROM STDIN',
    function* () {
      for (let i = 0; i < nS; i++) {
        const id = g.uuid();
        seekerIds.push(id);
        const main = g.skew(g.occs);
        const occs = [...new Set([main, g.near(main), g.near(main)].slice(0, 1 + Math.floor(g.r() * 3)))];
        const home = g.skew(g.regions);
        const kw = g.some(WORDS, 3);
        if (tier === 'centre' || i < 200_000) stoks.push([id, tokenHashes(kw.join(' '))]);
        yield [
          id,
          g.pick(centres),
          `B-${i}`,
          '김구직',
          '1980-01-01',
          'x',
          `bi${i}`,
          home,
          g.pick(['02', '03', '03', '04', '05', '06']),
          arr(g.some(GROUPS, 1)),
          arr(occs),
          arr(g.r() < 0.4 ? [g.skew(g.regions)] : g.r() < 0.5 ? [home.slice(0, 2)] : []),
          arr(g.some(EMP, 2)),
          g.r() < 0.8 ? g.lognormal(2_400_000, 0.2) : '\\N',
          Math.floor(g.r() * 120),
          arr(g.some(CERTS, 2)),
          arr(kw),
          g.r() < 0.5,
          g.r() < 0.3,
          '2026-01-02',
        ].join('\t');
      }
    },
  );
  await copyIn(
    client,
    'COPY referrals (id, seeker_id, posting_id, centre_id, status) FROM STDIN',
    function* () {
      for (let i = 0; i < nP; i++)
        yield `${g.uuid()}\t${seekerIds[i]}\t${g.pick(postingIds)}\t${centres[0]}\treferred`;
    },
  );
  // The SQL peer compares the same hashed tokens the engine uses (a token column would hold them).
  await client.query(
    'CREATE TABLE bench_posting_tokens (id uuid PRIMARY KEY, tokens int4[] NOT NULL); CREATE TABLE bench_seeker_tokens (id uuid PRIMARY KEY, tokens int4[] NOT NULL)',
  );
  await copyIn(client, 'COPY bench_posting_tokens FROM STDIN', function* () {
    for (const [id, t] of ptoks) yield `${id}\t${iarr(t)}`;
  });
  await copyIn(client, 'COPY bench_seeker_tokens FROM STDIN', function* () {
    for (const [id, t] of stoks) yield `${id}\t${iarr(t)}`;
  });
  await client.query(
    'ALTER TABLE seekers ENABLE TRIGGER ALL; ALTER TABLE postings ENABLE TRIGGER ALL; ALTER TABLE referrals ENABLE TRIGGER ALL; ANALYZE',
  );
  await client.end();
  return { nP, nS };
}

/** Sizes of a database kept by an earlier run with `--db`. */
async function counts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const n = async (table: string) =>
    Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  const out = { nP: await n('postings'), nS: await n('seekers') };
  await client.end();
  return out;
}

/** Entry point called by `ilteo bench matching`. */
export async function run({
  tier,
  seed,
  options,
}: {
  tier: 'centre' | 'national';
  seed: number;
  options: Record<string, unknown>;
}) {
  const now = Date.parse('2026-11-22T03:00:00Z');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-bench-'));
  fs.chmodSync(tmp, 0o755);
  const embedded = process.env.DATABASE_URL ? null : await startEmbedded({ dataDir: tmp, durable: false });
  const server = process.env.DATABASE_URL ?? embedded!.url;
  // `--db NAME` (with DATABASE_URL) keeps the generated database and reuses it on the next run.
  const reuse = typeof options.db === 'string' ? options.db : null;
  if (reuse && !/^[a-z_][a-z0-9_]*$/.test(reuse)) throw new Error('--db must be a plain database name');
  const name = reuse ?? `ilteo_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const exists = reuse
    ? (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1
    : false;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(server, name);
  try {
    let t0 = Date.now();
    const loaded = exists ? await counts(url) : null;
    if (!exists) {
      const { db } = createDb(url, { max: 4 });
      await migrateToLatest(db);
      await db.destroy();
    }
    const { nP, nS } = loaded ?? (await load(url, tier, seed, now));
    log(`${exists ? 'reused' : 'loaded'} ${nP} postings / ${nS} seekers in ${Date.now() - t0} ms`);
    t0 = performance.now();
    const index = await buildIndex(url);
    const buildMs = Math.round(performance.now() - t0);
    const mem = index.memory();
    const E = index.data();
    const today = seoulDay(now);
    const r = rng(seed + 1);
    const sRows = () => 1 + Math.floor(r() * (index.seekers.length - 1));
    const pRows = () => 1 + Math.floor(r() * (index.postings.length - 1));
    for (let i = 0; i < 200; i++) topPostings(E, sRows(), 20, today); // warm-up (JIT)
    const s2p: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const si = sRows();
      const a = performance.now();
      topPostings(E, si, 20, today);
      s2p.push(performance.now() - a);
    }
    const p2s: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const pi = pRows();
      const a = performance.now();
      topSeekers(E, pi, 50, today, null);
      p2s.push(performance.now() - a);
    }
    // The nightly job itself: every seeker in row order (occupation, region), so that each
    // answer hints the next query as it does at night. `--batch N` ranks an even sample of N
    // (every k-th row) instead, for a quicker and more pessimistic figure.
    const batchN = Math.min(index.seekers.length - 1, Number(options.batch ?? 1e9));
    const every = Math.max(1, Math.floor((index.seekers.length - 1) / batchN));
    t0 = performance.now();
    const batch = await rankAllSeekers(index, { n: 20, threads: 2, every, now });
    const batchSeekersPerSec = Math.round(batch.count / ((performance.now() - t0) / 1000));
    // The SQL peer: the same score for the same seekers.
    const samples = Number(options.samples ?? (tier === 'centre' ? 100 : 20));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const todayDate = new Date(now + 9 * 3_600_000).toISOString().slice(0, 10);
    const sqlMs: number[] = [];
    let agreement = 0;
    // Only seekers whose tokens the peer has (national keeps 200,000 of them).
    const withTokens = (
      await client.query<{ id: string }>(
        'SELECT id::text FROM bench_seeker_tokens ORDER BY hashint4(hashtext(id::text)) LIMIT $1',
        [samples * 4],
      )
    ).rows.map((x) => x.id);
    for (let i = 0; i < samples; i++) {
      let id = withTokens[Math.floor(r() * withTokens.length)] as string;
      let si = index.seekerRow(id);
      while (si <= 0 || index.seekers.cols.flags[si] === 0) {
        id = withTokens[Math.floor(r() * withTokens.length)] as string;
        si = index.seekerRow(id);
      }
      const a = performance.now();
      const res = await client.query<{ id: string; score: number }>(MATCH_SQL, [id, today, todayDate]);
      sqlMs.push(performance.now() - a);
      const top = topPostings(E, si, 20, today);
      const mine = new Set(
        Array.from(top.rows.subarray(0, top.n), (row) => readUuid(index.postings.cols.id, row * 4)),
      );
      const same = res.rows.filter((x) => mine.has(x.id)).length;
      agreement += Math.max(res.rows.length, top.n) === 0 ? 1 : same / Math.max(res.rows.length, top.n);
    }
    await client.end();
    const out = {
      bench: 'matching',
      tier,
      postings: nP,
      seekers: nS,
      buildMs,
      bytesPerPosting: mem.bytesPerPosting,
      bytesPerSeeker: mem.bytesPerSeeker,
      seekerToPostings: { p50Ms: percentile(s2p, 50), p99Ms: percentile(s2p, 99) },
      postingToSeekers: { p50Ms: percentile(p2s, 50), p99Ms: percentile(p2s, 99) },
      batchSeekersPerSec,
      sql: { p50Ms: percentile(sqlMs, 50), p99Ms: percentile(sqlMs, 99) },
      speedupVsSql: Number((percentile(sqlMs, 50) / Math.max(percentile(s2p, 50), 0.001)).toFixed(1)),
      top20Agreement: Number((agreement / samples).toFixed(3)),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    if (!reuse) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await embedded?.stop();
    if (!options.keep) fs.rmSync(tmp, { recursive: true, force: true });
  }
}
