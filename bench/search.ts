/**
 * `npm run bench -- search --tier centre|national [--seed N] [--samples N]`
 *
 * Korean job search: our tokenizer + GIN `text[]` query (what GET /api/v1/postings runs)
 * against the usual alternative, `ILIKE '%word%'` per word over title || duties with a
 * pg_trgm GIN index, over the same generated open postings in the same run. Prints one JSON
 * line. Uses DATABASE_URL when set (in a throw-away schema), else an embedded PostgreSQL in a
 * temporary directory. `--keep` (with DATABASE_URL) leaves the schema in place for EXPLAIN and
 * prints its name on stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { findCode, listCodes } from '../src/codes/codes.ts';
import { type EmbeddedPostgres, startEmbedded } from '../src/platform/db/embedded.ts';
import { createDb } from '../src/platform/db/pool.ts';
import { matchTokens, rankTokens, tokensLiteral } from '../src/platform/search/sql.ts';
import { indexTokens, queryTokens } from '../src/platform/search/tokenize.ts';

type Args = {
  tier: 'centre' | 'national';
  seed: number;
  options: Record<string, string | boolean | undefined>;
};

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Occupation (KECO 4-digit), title stems and duty phrases as Korean postings write them.
const jobs: [string, string[], string[]][] = [
  [
    '5501',
    ['요양보호사', '방문요양 요양보호사', '주간보호 요양보호사'],
    ['어르신 신체활동 지원', '식사 및 목욕 보조', '송영 차량 동승', '생활지원 및 정서지원'],
  ],
  [
    '0272',
    ['경리 사무원', '경리·회계 담당', '경리 경력직'],
    ['전표 입력 및 장부 정리', '급여 계산과 4대보험 신고', '부가세 신고 보조', '거래처 입출금 관리'],
  ],
  [
    '8241',
    ['CO2 용접원', '알곤 용접공', '특수용접 기능공'],
    ['선박 블록 용접', '배관 용접 및 사상', '철골 구조물 용접', '그라인딩 작업'],
  ],
  [
    '5312',
    ['한식 조리사', '단체급식 조리원', '구내식당 조리사'],
    ['구내식당 한식 조리', '식재료 검수 및 위생 관리', '반찬 조리 및 배식', '주방 정리'],
  ],
  [
    '6223',
    ['화물차 운전원', '1톤 배송기사', '5톤 화물 운전'],
    ['거래처 납품 배송', '물류센터 간선 운송', '냉동탑차 운전', '상하차 보조'],
  ],
  [
    '6230',
    ['지게차 운전원', '지게차 기사'],
    ['물류창고 지게차 상하차', '팔레트 적재 및 이동', '자재 입출고 관리'],
  ],
  ['9211', ['포장원', '생산 포장 사원'], ['제품 검수 및 포장', '라벨 부착 및 박스 포장', '출고 준비']],
  [
    '0263',
    ['총무 사무원', '사무 보조'],
    ['문서 관리와 비품 구매', '전화 응대 및 손님 안내', '엑셀 자료 정리'],
  ],
  ['5317', ['바리스타', '카페 매니저'], ['에스프레소 음료 제조', '매장 청결 관리', '재고 및 발주 관리']],
  ['2352', ['간호조무사', '병동 간호조무사'], ['외래 진료 보조', '환자 활력징후 측정', '병동 환자 관리']],
  ['0231', ['회계사', '세무회계 담당'], ['결산 및 재무제표 작성', '세무 신고 대행', '회계 감사 보조']],
  ['6241', ['택배원', '택배 배송기사'], ['아파트 단지 택배 배송', '집하 및 분류', '반품 회수']],
];
const prefixes = ['[급구]', '(신입가능)', '', '', '', '[정규직]', '(주5일)', '[경력우대]'];
const companies = [
  '한빛',
  '대성',
  '새한',
  '동부',
  '가온',
  '늘봄',
  '한결',
  '미래',
  '삼화',
  '우리',
  '태평',
  '신라',
];
const companyKinds = ['정밀', '요양원', '물류', '푸드', '산업', '의원', '회계법인', '기계', '유통', '테크'];
const queryWords = [
  '요양',
  '경리',
  '용접',
  '조리',
  '운전',
  '포장',
  '배송',
  '간호',
  '회계',
  '지게차',
  '요양보호사',
  '바리스타',
  '물류',
  '급식',
  '세무',
  '신입',
];

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 100) / 100;
};

/** Runs the benchmark and prints one JSON line. */
export async function run({ tier, seed, options }: Args): Promise<void> {
  const rows = tier === 'national' ? 200_000 : 5_000;
  const samples = Number(options.samples ?? 200);
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let embedded: EmbeddedPostgres | null = null;
  let tmp: string | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-bench-'));
    fs.chmodSync(tmp, 0o755);
    embedded = await startEmbedded({ dataDir: tmp, durable: false });
    url = embedded.url;
  }
  const schema = `bench_search_${process.pid}`;
  const { db, pool } = createDb(url, { max: 2 });
  const t = sql.raw(`${schema}.postings`);
  try {
    await sql
      .raw(`CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE SCHEMA ${schema};
      CREATE TABLE ${schema}.postings (id integer PRIMARY KEY, title text NOT NULL, duties text NOT NULL,
        region_code text NOT NULL, occupation_code text NOT NULL, status text NOT NULL DEFAULT 'open',
        closes_at date NOT NULL, search_tokens text[] NOT NULL)`)
      .execute(db);

    const regions = listCodes('regions', { level: 2 }).map((r) => r.code);
    const loadStart = performance.now();
    const client = await pool.connect();
    try {
      const stream = client.query(
        copyFrom(
          `COPY ${schema}.postings (id, title, duties, region_code, occupation_code, closes_at, search_tokens) FROM STDIN`,
        ),
      );
      async function* lines() {
        let buf = '';
        for (let i = 1; i <= rows; i++) {
          const [occ, titles, duties] = pick(jobs);
          const company = `${pick(companies)}${pick(companyKinds)}`;
          const title = `${pick(prefixes)} ${pick(titles)} 모집`.trim();
          const duty = `${pick(duties)}, ${pick(duties)} 등 ${company} 업무`;
          const closes = `2099-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
          const tokens = indexTokens(
            `${title}\n${duty}\n${company}\n${findCode('occupations', occ)?.name ?? ''}`,
          );
          buf += `${i}\t${esc(title)}\t${esc(duty)}\t${pick(regions)}\t${occ}\t${closes}\t${esc(tokensLiteral(tokens))}\n`;
          if (buf.length > 1 << 16) {
            yield buf;
            buf = '';
          }
        }
        if (buf) yield buf;
      }
      await pipeline(lines, stream);
    } finally {
      client.release();
    }
    await sql
      .raw(`CREATE INDEX ON ${schema}.postings USING gin (search_tokens) WHERE status = 'open';
      CREATE INDEX ON ${schema}.postings USING gin ((title || ' ' || duties) gin_trgm_ops);
      ANALYZE ${schema}.postings`)
      .execute(db);
    const loadMs = performance.now() - loadStart;

    const queries: string[] = [];
    for (let i = 0; i < samples; i++) {
      const k = 1 + Math.floor(rand() * 3);
      const words = new Set<string>();
      while (words.size < k) words.add(pick(queryWords));
      queries.push([...words].join(' '));
    }
    const today = '2026-01-01';
    const ours = async (q: string) => {
      const tk = queryTokens(q);
      const m = matchTokens('search_tokens', tk)!;
      const r = rankTokens('search_tokens', tk, { matched: true })!;
      const cond = sql`status = 'open' AND closes_at >= ${today}::date AND ${m}`;
      // As the app asks (postings.search.ts): the page with the total as a window count.
      await sql`SELECT id, count(*) OVER () AS total FROM ${t} WHERE ${cond}
        ORDER BY ${r} DESC, closes_at, id LIMIT 20`.execute(db);
    };
    const ilikeCond = (q: string) =>
      sql.join(
        q.split(' ').map((w) => sql`(title || ' ' || duties) ILIKE ${`%${w}%`}`),
        sql` AND `,
      );
    const trgm = async (q: string) => {
      const cond = sql`status = 'open' AND closes_at >= ${today}::date AND ${ilikeCond(q)}`;
      await sql`SELECT id, count(*) OVER () AS total FROM ${t} WHERE ${cond}
        ORDER BY closes_at, id LIMIT 20`.execute(db);
    };
    const time = async (f: (q: string) => Promise<void>) => {
      for (const q of queries.slice(0, 10)) await f(q); // warm the cache
      const out: number[] = [];
      for (const q of queries) {
        const s = performance.now();
        await f(q);
        out.push(performance.now() - s);
      }
      return out;
    };
    const oursMs = await time(ours);
    const trgmMs = await time(trgm);

    // Recall: of the rows ILIKE finds, the share our token search finds too (per query, averaged).
    let recallSum = 0;
    let recallN = 0;
    for (const q of queries.slice(0, 50)) {
      const m = matchTokens('search_tokens', q)!;
      const r = await sql<{ il: number; both: number }>`SELECT count(*)::int AS il,
          count(*) FILTER (WHERE ${m})::int AS both FROM ${t} WHERE ${ilikeCond(q)}`.execute(db);
      const { il, both } = r.rows[0]!;
      if (il > 0) {
        recallSum += both / il;
        recallN++;
      }
    }
    const o = { p50Ms: pct(oursMs, 0.5), p99Ms: pct(oursMs, 0.99) };
    const g = { p50Ms: pct(trgmMs, 0.5), p99Ms: pct(trgmMs, 0.99) };
    console.log(
      JSON.stringify({
        bench: 'search',
        tier,
        seed,
        rows,
        queries: queries.length,
        loadMs: Math.round(loadMs),
        ours: o,
        trgm: g,
        speedup: Math.round((g.p50Ms / Math.max(o.p50Ms, 0.001)) * 10) / 10,
        speedupP99: Math.round((g.p99Ms / Math.max(o.p99Ms, 0.001)) * 10) / 10,
        recallVsIlike: recallN ? Math.round((recallSum / recallN) * 1000) / 1000 : null,
      }),
    );
  } finally {
    if (options.keep && !embedded) console.error(`kept schema ${schema}`);
    else
      await sql
        .raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
        .execute(db)
        .catch(() => undefined);
    await db.destroy();
    await embedded?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
}
