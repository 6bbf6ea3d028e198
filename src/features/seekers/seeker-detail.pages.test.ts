import { sql } from 'kysely';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import { buildSeeker } from './seekers.factory.ts';

// The staff seeker page (issue 13): what it shows is read in a handful of statements, and one
// view writes one access-log row. Statements are counted at the pool: every query any client
// of the app's pool sends while the page is answered.

const t = await testApp();

let counting = false;
const statements: string[] = [];
const wrapped = new WeakSet<object>();
const connect = t.pool.connect.bind(t.pool) as () => Promise<pg.PoolClient>;
(t.pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
  const client = await connect();
  if (!wrapped.has(client)) {
    wrapped.add(client);
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
      if (counting) {
        const q = a[0] as string | { text: string };
        statements.push(typeof q === 'string' ? q : q.text);
      }
      return query(...a);
    };
  }
  return client;
};

const centre = await t.centre('화면센터');
const c = await t.user('counsellor', centre.id);
const employer = await buildEmployer(t.db, centre.id);
const postings = [];
for (let i = 0; i < 4; i++)
  postings.push(await buildPosting(t.db, centre.id, employer.id, { occupation_code: '8241' }));
const s = expectStatus(await c.post('/api/v1/seekers', buildSeeker({ name: '조은별' })), 201);
for (const p of postings.slice(0, 2))
  expectStatus(await c.post('/api/v1/referrals', { seekerId: s.id, postingId: p.id }), 201);
for (const title of ['첫 상담', '두 번째 상담'])
  expectStatus(
    await c.post(`/api/v1/seekers/${s.id}/counselling`, {
      at: '2026-03-02T10:00:00+09:00',
      channel: 'visit',
      type: 'guidance',
      notes: '이력서 점검',
      title,
    }),
    201,
  );
expectStatus(await c.post(`/api/v1/seekers/${s.id}/plan`, { goal: '3개월 안에 용접 분야 취업' }), 201);
expectStatus(await c.post(`/api/v1/seekers/${s.id}/plan/steps`, { title: '자격증 준비' }), 201);
expectStatus(await c.post(`/api/v1/seekers/${s.id}/status`, { status: 'on_hold', reason: '이사 준비' }), 200);
expectStatus(await c.post(`/api/v1/seekers/${s.id}/status`, { status: 'active', reason: '이사 완료' }), 200);

async function accessRows(): Promise<number> {
  const r = await t.db
    .selectFrom('access_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject_id', '=', s.id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('the staff seeker page', () => {
  it('reads what it shows in a handful of statements and logs one access row per view', async () => {
    // Let the matching index see the postings and the seeker first.
    for (let i = 0; i < 40; i++) {
      const recs = expectStatus(await c.get(`/api/v1/seekers/${s.id}/recommendations`), 200);
      if (recs.items.length >= 2) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const before = await accessRows();
    statements.length = 0;
    counting = true;
    const page = await c.get(`/staff/seekers/${s.id}`);
    counting = false;
    expect(page.statusCode).toBe(200);
    const after = await accessRows();
    console.log(`seeker page: ${statements.length} statements, ${after - before} access-log rows`);
    // Everything the page shows is there.
    for (const text of [
      '조은별',
      '첫 상담',
      '두 번째 상담',
      '3개월 안에 용접 분야 취업',
      '자격증 준비',
      '이사 완료',
    ])
      expect(page.body).toContain(text);
    expect(page.body.match(/class="card"/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(after - before).toBe(1);
    // The session lookup every request makes, then the page's own reads (before: 35 statements
    // and 7 access-log rows for this seeker; 8 before the employer names of the posting titles
    // came from the employers feature (employerLabels) and the coming appointments of issue 15
    // (a section read in parallel with the others): one statement each).
    expect(statements[0]).toMatch(/from "users"|from "sessions"/);
    expect(statements.length - 1).toBeLessThanOrEqual(10);
  });

  it('says so when a section cannot be loaded, and shows the rest', async () => {
    await sql`ALTER TABLE action_plans RENAME TO action_plans_away`.execute(t.db);
    try {
      const page = await c.get(`/staff/seekers/${s.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('취업활동계획을 불러오지 못했습니다');
      expect(page.body).not.toContain('아직 계획이 없습니다');
      expect(page.body).toContain('두 번째 상담');
    } finally {
      await sql`ALTER TABLE action_plans_away RENAME TO action_plans`.execute(t.db);
    }
  });
});
