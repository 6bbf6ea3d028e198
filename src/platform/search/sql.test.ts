import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/support/db.ts';
import { matchTokens, rankTokens, tokenArray, tokensLiteral } from './sql.ts';
import { indexTokens } from './tokenize.ts';

interface JobTable {
  id: number;
  title: string;
  search_tokens: string[];
}
interface Database {
  job: JobTable;
}

interface SearchSchema {
  readonly db: Kysely<Database>;
  readonly schema: string;
  readonly drop: () => Promise<void>;
}

/**
 * Creates a throwaway schema holding `job(id, title, search_tokens text[])`
 * with a GIN index. Kept small and separate so it can move onto the project's
 * test-database harness.
 */
async function createSearchSchema(url: string): Promise<SearchSchema> {
  // One connection, so session settings (enable_seqscan) apply to every query.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // The harness drops the database WITH (FORCE) after the file: an idle connection ended
  // there must not surface as an unhandled 'error' event.
  pool.on('error', () => undefined);
  const schema = `search_test_${process.pid}_${Date.now().toString(36)}`;
  const root = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(root);
  await sql`CREATE TABLE ${sql.id(schema, 'job')} (
    id integer PRIMARY KEY,
    title text NOT NULL,
    search_tokens text[] NOT NULL DEFAULT '{}'
  )`.execute(root);
  await sql`CREATE INDEX job_search_tokens_idx ON ${sql.id(schema, 'job')} USING gin (search_tokens)`.execute(
    root,
  );
  return {
    db: root.withSchema(schema),
    schema,
    drop: async () => {
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(root);
      await root.destroy();
    },
  };
}

const TITLES: readonly string[] = [
  '요양보호사 (재가방문)',
  '서울 강남구 요양원 요양보호사 구인',
  '요양원 사무직, 보호자 상담',
  '경리 사무원 (회계 보조)',
  '경리사무원 채용',
  'CO2 용접공 모집',
  '용접 기능사 우대, 배관 용접',
  'Java 개발자 (Spring)',
  '자바라 제조 생산직',
  '자바 백엔드 개발자',
  '간호조무사 정규직',
  '사회복지사 2급',
  '물류센터 지게차 운전원',
  'C++ 게임 서버 개발자',
  'C#/.NET 개발자',
  'JavaScript 프론트엔드 개발자',
  '요양보호사를 모집합니다',
  '경기도 요양병원 간호사',
  '주방 보조 (한식) 3년 이상',
  '집수리 기사',
];
const idOf = (title: string): number => TITLES.indexOf(title) + 1;

describe('SQL shape', () => {
  // Compiles without a server, to pin the SQL the GIN index relies on.
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });

  it('filters with the bare column @> an array of parameters', () => {
    const match = matchTokens('job.search_tokens', '요양 보호사');
    if (match === undefined) throw new Error('expected tokens');
    const q = db.selectFrom('job').select('id').where(match).compile();
    expect(q.sql).toBe('select "id" from "job" where ("job"."search_tokens" @> ARRAY[$1, $2, $3]::text[])');
    expect(q.parameters).toEqual(['요양', '보호', '호사']);
  });

  it('ranks with one CASE per token plus a length tie-breaker', () => {
    const rank = rankTokens(sql.ref('search_tokens'), '경리');
    if (rank === undefined) throw new Error('expected tokens');
    const q = db.selectFrom('job').select(rank.as('rank')).compile();
    expect(q.sql).toContain('(CASE WHEN $1 = ANY("search_tokens") THEN 1 ELSE 0 END)');
    expect(q.sql).toContain('(CASE WHEN $2 = ANY("search_tokens") THEN 3 ELSE 0 END)');
    expect(q.sql).toContain('1.0::float8 / (1 + coalesce(cardinality("search_tokens"), 0))');
    expect(q.parameters).toEqual(['경리', 'w:경리']);
  });

  it('leaves out the required tokens when the rows are known to match', () => {
    const rank = rankTokens(sql.ref('search_tokens'), '경리', { matched: true });
    if (rank === undefined) throw new Error('expected tokens');
    const q = db.selectFrom('job').select(rank.as('rank')).compile();
    expect(q.sql).not.toContain('THEN 1 ELSE 0 END');
    expect(q.sql).toContain('(CASE WHEN $1 = ANY("search_tokens") THEN 3 ELSE 0 END)');
    expect(q.parameters).toEqual(['w:경리']);
    // A Latin word has no bonus tokens: only the length tie-breaker is left.
    const latin = rankTokens(sql.ref('search_tokens'), 'java', { matched: true });
    if (latin === undefined) throw new Error('expected tokens');
    const l = db.selectFrom('job').select(latin.as('rank')).compile();
    expect(l.sql).toBe(
      'select (1.0::float8 / (1 + coalesce(cardinality("search_tokens"), 0))) as "rank" from "job"',
    );
    expect(l.parameters).toEqual([]);
  });

  it('returns no filter and no rank for a query without tokens', () => {
    expect(matchTokens('search_tokens', ' ?! ')).toBeUndefined();
    expect(rankTokens('search_tokens', '')).toBeUndefined();
  });

  it('quotes every element of an array literal', () => {
    expect(tokensLiteral(['요양', 'w:c++', 'a"b\\c'])).toBe('{"요양","w:c++","a\\"b\\\\c"}');
    expect(tokensLiteral([])).toBe('{}');
  });
});

// The test database of this file (cloned from the migrated template by the harness).
const { url: DATABASE_URL } = await testDb();

describe('search tokens in PostgreSQL', () => {
  let env: SearchSchema;

  beforeAll(async () => {
    env = await createSearchSchema(DATABASE_URL);
    await env.db
      .insertInto('job')
      .values(TITLES.map((title, i) => ({ id: i + 1, title, search_tokens: indexTokens(title) })))
      .execute();
    await sql`ANALYZE ${sql.id(env.schema, 'job')}`.execute(env.db);
  });

  afterAll(async () => {
    await env?.drop();
  });

  /** Matching ids, best first. */
  async function search(query: string): Promise<number[]> {
    const match = matchTokens('search_tokens', query);
    const rank = rankTokens('search_tokens', query);
    if (match === undefined || rank === undefined) return [];
    const rows = await env.db
      .selectFrom('job')
      .select(['id', rank.as('rank')])
      .where(match)
      .orderBy('rank', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  it.each([
    // No title has the word 요양 itself: equal hits, so fewer tokens (shorter) first.
    [
      '요양',
      [
        '요양보호사 (재가방문)',
        '요양원 사무직, 보호자 상담',
        '경기도 요양병원 간호사',
        '요양보호사를 모집합니다',
        '서울 강남구 요양원 요양보호사 구인',
      ],
    ],
    ['보호사', ['요양보호사 (재가방문)', '요양보호사를 모집합니다', '서울 강남구 요양원 요양보호사 구인']],
    [
      '요양보호사',
      ['요양보호사 (재가방문)', '요양보호사를 모집합니다', '서울 강남구 요양원 요양보호사 구인'],
    ],
    [
      '요양보호사를',
      ['요양보호사를 모집합니다', '요양보호사 (재가방문)', '서울 강남구 요양원 요양보호사 구인'],
    ],
    ['요양 보호사 서울', ['서울 강남구 요양원 요양보호사 구인']],
    ['경리', ['경리 사무원 (회계 보조)', '경리사무원 채용']],
    ['용접', ['용접 기능사 우대, 배관 용접', 'CO2 용접공 모집']],
    ['co2 용접', ['CO2 용접공 모집']],
    ['JAVA', ['Java 개발자 (Spring)']],
    ['자바', ['자바 백엔드 개발자', '자바라 제조 생산직']],
    ['c++', ['C++ 게임 서버 개발자']],
    ['.net 개발자', ['C#/.NET 개발자']],
    ['3년', ['주방 보조 (한식) 3년 이상']],
    ['집', []],
  ])('%s finds the expected rows, best first', async (query, titles) => {
    expect(await search(query)).toEqual(titles.map(idOf));
  });

  it('orders matched rows the same with and without the required-token terms', async () => {
    const queries = [
      '요양',
      '보호사',
      '요양보호사',
      '요양보호사를',
      '요양 보호사 서울',
      '경리',
      '용접',
      'co2 용접',
    ];
    for (const query of [
      ...queries,
      'JAVA',
      '자바',
      'c++',
      '.net 개발자',
      '3년',
      '개발자',
      '요양원 보호자',
    ]) {
      const match = matchTokens('search_tokens', query);
      const full = rankTokens('search_tokens', query);
      const matched = rankTokens('search_tokens', query, { matched: true });
      if (match === undefined || full === undefined || matched === undefined) throw new Error(query);
      const order = async (rank: typeof full) =>
        (
          await env.db
            .selectFrom('job')
            .select('id')
            .where(match)
            .orderBy(rank, 'desc')
            .orderBy('id')
            .execute()
        ).map((r) => r.id);
      expect(await order(matched), query).toEqual(await order(full));
    }
  });

  it('finds every developer job and nothing else', async () => {
    const ids = await search('개발자');
    expect([...ids].sort((a, b) => a - b)).toEqual(
      [
        'Java 개발자 (Spring)',
        '자바 백엔드 개발자',
        'C++ 게임 서버 개발자',
        'C#/.NET 개발자',
        'JavaScript 프론트엔드 개발자',
      ]
        .map(idOf)
        .sort((a, b) => a - b),
    );
  });

  it('uses the GIN index for the filter', async () => {
    const match = matchTokens('search_tokens', '요양 보호사');
    if (match === undefined) throw new Error('expected tokens');
    const plan = await env.db.connection().execute(async (conn) => {
      await sql`SET enable_seqscan = off`.execute(conn);
      try {
        const rows = await conn.selectFrom('job').select('id').where(match).explain();
        return rows.map((r) => String(r['QUERY PLAN'])).join('\n');
      } finally {
        await sql`RESET enable_seqscan`.execute(conn);
      }
    });
    expect(plan).toContain('job_search_tokens_idx');
  });

  it('round-trips tokens through an array literal and ARRAY[...]', async () => {
    const tokens = indexTokens('요양보호사 "C++" \\ 경리');
    const odd = [...tokens, 'a"b', 'c\\d', 'NULL', '{x,y}', ' '];
    const { rows } = await sql<{ a: string[]; b: string[] }>`
      SELECT ${tokensLiteral(odd)}::text[] AS a, ${tokenArray(odd)} AS b`.execute(env.db);
    expect(rows[0]?.a).toEqual(odd);
    expect(rows[0]?.b).toEqual(odd);
  });
});
