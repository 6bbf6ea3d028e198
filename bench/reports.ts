import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { Bench } from '../src/cli/bench.ts';
import type { KpiFilter } from '../src/features/reports/kpis/types.ts';
import { seoulToday } from '../src/features/reports/reports.filter.ts';
import { kpiReportFor } from '../src/features/reports/reports.service.ts';
import { refreshSummary } from '../src/features/reports/reports.summary.ts';
import { startEmbedded } from '../src/platform/db/embedded.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createDb, type Db, withDatabase } from '../src/platform/db/pool.ts';

/**
 * `npm run bench -- reports --tier centre|national [--samples N] [--db NAME]`: builds a
 * deterministic data set in a temporary database, then times the KPI report (this year +
 * previous year, through kpiReportFor) on the summary path against the live path (the
 * definitions' own SQL over the source tables) as the peer; figuresAgree says whether the two
 * gave the same figures for every filter of the mix. One JSON line at the end.
 *
 * Rows are generated inside PostgreSQL with INSERT … SELECT generate_series and integer hashes
 * of the row number (deterministic, no client round trips; faster than COPY from Node).
 */
const tiers = {
  centre: { seekers: 20_000, postings: 5_000, employers: 1_000, provinces: 1, centresPer: 4 },
  national: { seekers: 1_000_000, postings: 200_000, employers: 20_000, provinces: 17, centresPer: 15 },
} as const;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
}

async function generate(db: Db, tier: (typeof tiers)[keyof typeof tiers], seed: number) {
  const log = (m: string) => process.stderr.write(`[reports bench] ${m}\n`);
  // Centres: provinces with centres below; ids from md5 so the set is the same every run.
  await sql`
    INSERT INTO centres (id, name, kind, parent_id, region_code, path)
    SELECT md5(${seed} || 'p' || p)::uuid, '도' || p, 'province', NULL, '11', ARRAY[md5(${seed} || 'p' || p)::uuid]
    FROM generate_series(1, ${tier.provinces}) p;
    `.execute(db);
  await sql`
    INSERT INTO centres (id, name, kind, parent_id, region_code, path)
    SELECT md5(${seed} || 'c' || p || '-' || c)::uuid, '센터' || p || '-' || c, 'centre', md5(${seed} || 'p' || p)::uuid, '11140',
      ARRAY[md5(${seed} || 'p' || p)::uuid, md5(${seed} || 'c' || p || '-' || c)::uuid]
    FROM generate_series(1, ${tier.provinces}) p, generate_series(1, ${tier.centresPer}) c`.execute(db);
  await sql`CREATE TEMP TABLE bc AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM centres WHERE kind = 'centre'`.execute(
    db,
  );
  const nc = tier.provinces * tier.centresPer;
  // The matching index's per-row notifications are of no use in a throw-away database.
  await sql`ALTER TABLE seekers DISABLE TRIGGER seekers_notify; ALTER TABLE postings DISABLE TRIGGER postings_notify;
    ALTER TABLE referrals DISABLE TRIGGER referrals_notify`.execute(db);
  const h = (expr: string, mod: number) => sql.raw(`(abs(hashint4((${expr})::int # ${seed})) % ${mod})`);
  log(`seekers ${tier.seekers}`);
  await sql`
    INSERT INTO seekers (id, centre_id, registration_no, name, birth_date, phone_enc, phone_bi, region_code,
      education_level, target_groups, desired_occupations, registered_at, care, care_since)
    SELECT md5(${seed} || 's' || i)::uuid, bc.id, 'S-' || i, '구직자' || i, '1980-01-01', 'x', 'x',
      (ARRAY['11140','41110','26110','28110','27110'])[1 + ${h('i * 7', 5)}], '04',
      CASE ${h('i * 3', 10)} WHEN 0 THEN ARRAY['youth'] WHEN 1 THEN ARRAY['new_middle_aged'] WHEN 2 THEN ARRAY['youth','low_income']
        WHEN 3 THEN ARRAY['career_break_women'] WHEN 4 THEN ARRAY['senior'] ELSE ARRAY[]::text[] END,
      ARRAY[(${h('i * 11', 10)})::text || '211'],
      DATE '2024-01-01' + ${h('i * 13', 731)},
      CASE WHEN ${h('i * 17', 20)} = 0 THEN 'intensive' ELSE 'general' END,
      CASE WHEN ${h('i * 17', 20)} = 0 THEN TIMESTAMPTZ '2024-01-01' + (${h('i * 19', 731)} || ' days')::interval END
    FROM generate_series(1, ${tier.seekers}) i JOIN bc ON bc.k = ${h('i', nc)}`.execute(db);
  log('counselling (2 per seeker)');
  await sql`
    INSERT INTO counselling (id, seeker_id, centre_id, at, channel, type, notes)
    SELECT md5(${seed} || 'c' || s.registration_no || '-' || j)::uuid, s.id, s.centre_id,
      (s.registered_at + j * 9)::timestamp AT TIME ZONE 'Asia/Seoul' + interval '10 hours',
      (ARRAY['visit','phone','online','mobile_desk','group'])[1 + (j + length(s.registration_no)) % 5], 'guidance', '-'
    FROM seekers s, generate_series(0, 1) j`.execute(db);
  log('employers and postings');
  await sql`
    INSERT INTO employers (id, centre_id, name, biz_reg_no, region_code)
    SELECT md5(${seed} || 'e' || i)::uuid, bc.id, '기업' || i, lpad(i::text, 10, '0'), '11140'
    FROM generate_series(1, ${tier.employers}) i JOIN bc ON bc.k = ${h('i', nc)}`.execute(db);
  await sql`
    INSERT INTO postings (id, employer_id, centre_id, title, occupation_code, duties, headcount, employment_type, wage_type,
      wage_min, wage_monthly_min, region_code, education_min, career_type, closes_at, status, created_at)
    SELECT md5(${seed} || 'po' || i)::uuid, e.id, e.centre_id, '공고' || i, (${h('i * 5', 10)})::text || '211', '-',
      1 + ${h('i * 23', 5)}, '10', 'M', 2500000, 2500000, '11140', '00', 'N', DATE '2026-12-31',
      (ARRAY['open','closed','filled','pending'])[1 + ${h('i * 29', 4)}],
      TIMESTAMPTZ '2024-01-01' + (${h('i * 31', 731)} || ' days')::interval
    FROM generate_series(1, ${tier.postings}) i JOIN employers e ON e.biz_reg_no = lpad((1 + ${h('i', tier.employers)})::text, 10, '0')`.execute(
    db,
  );
  log('referrals (1 per 2 seekers) and their events');
  await sql`CREATE TEMP TABLE bp AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM postings`.execute(
    db,
  );
  await sql`
    INSERT INTO referrals (id, seeker_id, posting_id, centre_id, status, created_at)
    SELECT md5(${seed} || 'r' || s.registration_no)::uuid, s.id, bp.id, s.centre_id,
      (ARRAY['referred','interview','hired','rejected','no_show'])[1 + abs(hashtext(s.registration_no)) % 5],
      (s.registered_at + 3)::timestamp AT TIME ZONE 'Asia/Seoul' + interval '11 hours'
    FROM seekers s JOIN bp ON bp.k = abs(hashtext(s.registration_no || 'p')) % ${tier.postings}
    WHERE abs(hashtext(s.registration_no)) % 2 = 0`.execute(db);
  await sql`
    INSERT INTO referral_events (id, referral_id, centre_id, status, at)
    SELECT md5(r.id::text || 'ev')::uuid, r.id, r.centre_id, 'interview', r.created_at + interval '5 days'
    FROM referrals r WHERE r.status IN ('hired', 'rejected')`.execute(db);
  log('employments (2 in 5 seekers)');
  await sql`
    INSERT INTO employments (id, seeker_id, centre_id, employer_name, start_date, route)
    SELECT md5(${seed} || 'em' || s.registration_no)::uuid, s.id, s.centre_id, '(주)일터',
      s.registered_at + (abs(hashtext(s.registration_no || 'd')) % 120) - 10,
      (ARRAY['referral','self','event','public_job'])[1 + abs(hashtext(s.registration_no || 'r')) % 4]
    FROM seekers s WHERE abs(hashtext(s.registration_no || 'e')) % 5 < 2`.execute(db);
  await sql`ANALYZE`.execute(db);
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export const run: Bench['run'] = async ({ tier: tierName, seed, options }) => {
  const tier = tiers[tierName];
  const samples = Number(options.samples ?? 30);
  let stop: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-bench-reports-'));
    const server = await startEmbedded({ dataDir: dir, durable: false });
    serverUrl = server.url;
    stop = server.stop;
  }
  // `--db NAME` (with DATABASE_URL) keeps the generated database and reuses it on the next run:
  // only pending migrations and the summary refresh run again. The default run is unchanged.
  const reuse = typeof options.db === 'string' ? options.db : null;
  if (reuse && !/^[a-z_][a-z0-9_]*$/.test(reuse)) throw new Error('--db must be a plain database name');
  if (reuse && !process.env.DATABASE_URL) throw new Error('--db needs DATABASE_URL');
  const name = reuse ?? `ilteo_bench_reports_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists =
    reuse !== null &&
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  const { db, pool } = createDb(withDatabase(serverUrl, name), { max: 8 });
  // The live peer queues some 30 queries on the 8 connections; at national scale, on a busy
  // machine, the last ones wait longer than the app's 10 s acquire timeout. Waiting is part of
  // what is timed here, not an error.
  pool.options.connectionTimeoutMillis = 0;
  try {
    await migrateToLatest(db);
    const t0 = performance.now();
    const loaded =
      exists &&
      Number((await sql<{ n: number }>`SELECT count(*) AS n FROM seekers`.execute(db)).rows[0]!.n) ===
        tier.seekers;
    if (exists && !loaded)
      throw new Error(`${name}: 생성이 끝나지 않은 데이터베이스입니다. 지우고 다시 실행하세요`);
    if (!loaded) await generate(db, tier, seed);
    const generateMs = performance.now() - t0;
    const buildMs = await time(() => refreshSummary(db));
    await sql`ANALYZE report_daily; ANALYZE report_monthly; ANALYZE report_daily_postings;
      ANALYZE report_daily_employers`.execute(db);
    const provinces = (
      await db.selectFrom('centres').select('id').where('kind', '=', 'province').execute()
    ).map((r) => r.id);
    const centres = (await db.selectFrom('centres').select('id').where('kind', '=', 'centre').execute()).map(
      (r) => r.id,
    );
    const subtree = async (id: string) =>
      (
        await sql<{ id: string }>`SELECT id FROM centres WHERE path @> ARRAY[${id}]::uuid[]`.execute(db)
      ).rows.map((r) => r.id);
    // The mix a dashboard sees: the whole country, a province, one centre, and filtered views.
    const filters: { f: KpiFilter; centreId: string | null }[] = [];
    const today = seoulToday();
    const base = { from: '2025-01-01', to: '2025-12-31', today };
    filters.push({ f: { ...base, centreIds: null }, centreId: null });
    filters.push({ f: { ...base, centreIds: await subtree(provinces[0]!) }, centreId: provinces[0]! });
    filters.push({ f: { ...base, centreIds: [centres[0]!] }, centreId: centres[0]! });
    filters.push({ f: { ...base, centreIds: null, targetGroup: 'youth' }, centreId: null });
    filters.push({ f: { ...base, centreIds: null, occupation: '3', regionCode: '41' }, centreId: null });
    const measure = async (mode: 'summary' | 'live', n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const { f, centreId } = filters[i % filters.length]!;
        ms.push(await time(() => kpiReportFor(db, f, centreId, mode)));
      }
      return ms;
    };
    await measure('summary', filters.length); // warm-up
    const kpi = await measure('summary', samples);
    const naiveSamples = Math.max(filters.length, Math.min(samples, tierName === 'national' ? 10 : samples));
    const naive = await measure('live', naiveSamples);
    // Both paths must agree on every figure of every filter (this year and the year before),
    // or the comparison is void.
    let agree = true;
    let a: Awaited<ReturnType<typeof kpiReportFor>> | null = null;
    for (const [i, { f, centreId }] of filters.entries()) {
      const s = await kpiReportFor(db, f, centreId, 'summary');
      const l = await kpiReportFor(db, f, centreId, 'live');
      a ??= s;
      const differ = (['figures', 'previousYear'] as const).flatMap((part) => {
        const x: Record<string, unknown> = s[part];
        const y: Record<string, unknown> = l[part];
        return Object.keys(y)
          .filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
          .map((k) => [part, k, x[k], y[k]]);
      });
      if (differ.length) {
        agree = false;
        process.stderr.write(`[reports bench] filter ${i} differs: ${JSON.stringify(differ)}\n`);
      }
    }
    const out = {
      bench: 'reports',
      tier: tierName,
      seekers: tier.seekers,
      centres: centres.length,
      counselling: tier.seekers * 2,
      generateMs: Math.round(generateMs),
      summaryBuildMs: Math.round(buildMs),
      summaryRows: Number(
        (await sql<{ n: number }>`SELECT count(*) AS n FROM report_daily`.execute(db)).rows[0]!.n,
      ),
      kpi: { p50Ms: pct(kpi, 50), p99Ms: pct(kpi, 99), samples: kpi.length },
      naive: { p50Ms: pct(naive, 50), p99Ms: pct(naive, 99), samples: naive.length },
      speedup: Math.round((pct(naive, 50) / Math.max(0.1, pct(kpi, 50))) * 10) / 10,
      figuresAgree: agree,
      successRate: a!.figures.successRate,
    };
    console.log(JSON.stringify(out));
  } finally {
    await db.destroy();
    if (!options.keep && !reuse)
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stop?.();
    if (dir && !options.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
};
