import { Kysely, PostgresDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { buildSeeker } from './seekers.factory.ts';
import { listSeekers } from './seekers.service.ts';

// The staff seeker list (issue 23 item 8): one statement reads the page and the total, the
// order and the totals are those of the rule, and a page past the end still knows the total.

const t = await testApp();
const a = await t.centre('목록센터');
const b = await t.centre('이웃센터');
const ca = await t.user('counsellor', a.id);
const cb = await t.user('counsellor', b.id);

type Item = { id: string; registeredAt: string; shared: boolean; phone: string | null; email: string | null };
const ids: string[] = [];
for (let i = 0; i < 7; i++) {
  const day = `2026-0${1 + (i % 3)}-1${i}`;
  const s = expectStatus(
    await ca.post('/api/v1/seekers', buildSeeker({ name: i % 2 ? '김지희' : '박서연', registeredAt: day })),
    201,
  );
  ids.push(s.id);
}
// Two of B's seekers: one shared with the network by consent, one not.
const sharedB = expectStatus(await cb.post('/api/v1/seekers', buildSeeker({ name: '김지훈' })), 201);
expectStatus(
  await cb.post(`/api/v1/seekers/${sharedB.id}/consents`, {
    kind: 'share_network',
    recipients: '인천 권역 일자리센터',
    purpose: '일자리 알선',
    items: ['name', 'desired', 'phone'],
  }),
  201,
);
expectStatus(await cb.post('/api/v1/seekers', buildSeeker({ name: '김지원' })), 201);

const list = async (query: string) => expectStatus(await ca.get(`/api/v1/seekers?${query}`), 200);

describe('the staff seeker list', () => {
  it('counts what the rule shows and pages newest first, shared rows reduced', async () => {
    const all = await list('pageSize=100');
    expect(all.total).toBe(8);
    const items = all.items as Item[];
    expect(items.map((s) => s.id)).toContain(sharedB.id);
    const order = items.map((s) => `${s.registeredAt}|${s.id}`);
    expect(order).toEqual([...order].sort().reverse());
    const shared = items.find((s) => s.id === sharedB.id)!;
    expect(shared).toMatchObject({ shared: true, email: null });
    expect(shared.phone).not.toBeNull();
    // Only what the consent names (name, desired, phone): the rest is left out.
    expect(shared).toMatchObject({
      name: '김지훈',
      birthDate: null,
      regionCode: null,
      educationLevel: null,
      careerMonths: null,
      certificates: [],
      keywords: [],
    });
    expect(
      (shared as unknown as { desired: { occupations: string[] } }).desired.occupations.length,
    ).toBeGreaterThan(0);
    const pages = [];
    for (let p = 1; p <= 3; p++) {
      const r = await list(`pageSize=3&page=${p}`);
      expect(r.total).toBe(8);
      pages.push(...(r.items as Item[]).map((s) => s.id));
    }
    expect(pages).toEqual(items.map((s) => s.id));
  });

  it('keeps the total on a page past the end, and on searches and filters', async () => {
    const past = await list('pageSize=5&page=9');
    expect(past).toMatchObject({ total: 8, page: 9, items: [] });
    const kim = await list(`q=${encodeURIComponent('김지')}`);
    expect(kim.total).toBe(4); // three of A's 김지희 and B's shared 김지훈; 김지원 is not shared
    expect(kim.items).toHaveLength(4);
    const active = await list('status=active&pageSize=2');
    expect(active.total).toBe(8);
    expect(active.items).toHaveLength(2);
  });

  it('reads a page, and its total only when the page cannot tell it, and logs one row per seeker shown', async () => {
    const statements: string[] = [];
    const db = new Kysely<never>({
      dialect: new PostgresDialect({ pool: t.pool }),
      log: (e) => {
        if (e.level === 'query') statements.push(e.query.sql);
      },
    });
    const actor = {
      userId: ca.user.id,
      login: 'list',
      name: 'list',
      role: 'counsellor',
      centreId: a.id,
      employerId: null,
      seekerId: null,
      centreScope: [a.id],
      via: 'session',
      sessionId: null,
    } satisfies Actor;
    const r = await listSeekers(
      { db: db as never, actor, ip: '127.0.0.1', lang: 'ko' },
      { query: { pageSize: 4 }, dataKey: t.dataKey },
    );
    expect(r).toMatchObject({ total: 8, page: 1, pageSize: 4 });
    const reads = () => statements.filter((s) => /^\s*select/i.test(s) && !/from "consents"/i.test(s));
    // A full page: the page, then the count of its matches (8 is too few to keep).
    expect(reads()).toHaveLength(2);
    expect(statements.filter((s) => /^\s*insert into "?access_log"? /i.test(s))).toHaveLength(1);
    statements.length = 0;
    // The last, short page tells the total by itself: one read.
    const last = await listSeekers(
      { db: db as never, actor, ip: '127.0.0.1', lang: 'ko' },
      { query: { pageSize: 5, page: 2 }, dataKey: t.dataKey },
    );
    expect(last).toMatchObject({ total: 8, page: 2, pageSize: 5 });
    expect(last.items).toHaveLength(3);
    expect(reads()).toHaveLength(1);
  });
});
