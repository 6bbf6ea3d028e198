import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting, buildSeeker } from '../../../test/support/factories.ts';
import { notifyBulkChange } from '../../platform/db/changes.ts';
import { computeAllTopN, rankAllSeekers } from './matching.batch.ts';
import { getMatchingIndex } from './matching.service.ts';

const t = await testApp();

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 1000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('matching', async () => {
  const centre = await t.centre('매칭센터');
  const other = await t.centre('다른센터');
  const staff = await t.user('counsellor', centre.id);
  const emp = await buildEmployer(t.db, centre.id);
  const ids: Record<string, string> = {};
  type Item = {
    postingId: string;
    seekerId: string;
    score: number;
    reasons: { factor: string; points: number; detail: string }[];
  };
  const recs = async (seekerId: string, lang = 'ko') =>
    expectStatus(
      await staff.get(`/api/v1/seekers/${seekerId}/recommendations`, { 'accept-language': lang }),
      200,
    ).items as Item[];
  const cands = async (postingId: string) =>
    expectStatus(await staff.get(`/api/v1/postings/${postingId}/candidates`), 200).items as Item[];
  const settle = (fn: () => Promise<Item[]>, ok: (v: Item[]) => boolean) => until(fn, ok, 1000);

  beforeAll(async () => {
    ids.care = (await buildPosting(t.db, centre.id, emp.id, { keywords: ['요양', '돌봄'] })).id;
    ids.degree = (await buildPosting(t.db, centre.id, emp.id, { education_min: '05' })).id;
    ids.onlyDisabled = (await buildPosting(t.db, centre.id, emp.id, { preferences: ['D'] })).id;
    ids.senior = (
      await buildPosting(t.db, centre.id, emp.id, { preferences: ['B'], occupation_code: '5502' })
    ).id;
    ids.far = (
      await buildPosting(t.db, centre.id, emp.id, { occupation_code: '0111', region_code: '26110' })
    ).id;
    ids.closed = (await buildPosting(t.db, centre.id, emp.id, { status: 'closed' })).id;
    ids.seeker = (
      await buildSeeker(t.db, centre.id, { keywords: ['요양'], target_groups: ['new_middle_aged'] })
    ).id;
    ids.twinA = (await buildSeeker(t.db, centre.id, { birth_date: '1960-03-01' })).id;
    ids.twinB = (await buildSeeker(t.db, centre.id, { birth_date: '2001-03-01' })).id;
    ids.disabledNoConsent = (await buildSeeker(t.db, centre.id, { target_groups: ['disabled'] })).id;
    ids.disabledConsent = (
      await buildSeeker(t.db, centre.id, { target_groups: ['disabled'], consent_sensitive: true })
    ).id;
    ids.otherShared = (await buildSeeker(t.db, other.id, { consent_share: true })).id;
    ids.otherPrivate = (await buildSeeker(t.db, other.id)).id;
    ids.suspended = (await buildSeeker(t.db, other.id, { consent_share: true, suspended: true })).id;
  });

  it('recommends open postings best first with reasons in Korean and English', async () => {
    const items = await settle(
      () => recs(ids.seeker!),
      (v) => v.length >= 3,
    );
    const got = items.map((i) => i.postingId);
    expect(got[0]).toBe(ids.care);
    expect(got).not.toContain(ids.closed);
    expect(got).not.toContain(ids.degree); // education 03 < 05
    expect(got).not.toContain(ids.onlyDisabled);
    const scores = items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const r = items[0]!.reasons;
    expect(r.map((x) => x.factor)).toContain('occupation');
    expect(r.map((x) => x.points)).toEqual([...r.map((x) => x.points)].sort((a, b) => b - a));
    expect(r.find((x) => x.factor === 'occupation')!.detail).toBe(
      '희망 직종과 같은 세분류(요양 보호사 및 간병인)',
    );
    expect(r.find((x) => x.factor === 'place')!.detail).toContain('같은 시군구');
    expect(items.reduce((a, i) => a + i.reasons.reduce((s, x) => s + x.points, 0) - i.score, 0)).toBe(0);
    const senior = items.find((i) => i.postingId === ids.senior)!;
    expect(senior.reasons.map((x) => x.factor)).toContain('preference');
    const en = await recs(ids.seeker!, 'en');
    expect(en[0]!.reasons.find((x) => x.factor === 'occupation')!.detail).toContain(
      'Same detailed occupation',
    );
  });

  it('lets 장애인만 postings reach only disabled seekers who consented to sensitive data', async () => {
    expect((await recs(ids.disabledConsent!)).map((i) => i.postingId)).toContain(ids.onlyDisabled);
    expect((await recs(ids.disabledNoConsent!)).map((i) => i.postingId)).not.toContain(ids.onlyDisabled);
  });

  it('never ranks by age: seekers differing only in birth date score the same', async () => {
    const items = await cands(ids.care!);
    const a = items.find((i) => i.seekerId === ids.twinA)!;
    const b = items.find((i) => i.seekerId === ids.twinB)!;
    expect(a.score).toBe(b.score);
  });

  it('shows other centres’ seekers only with consent and never suspended ones, and logs each', async () => {
    const got = (await cands(ids.care!)).map((i) => i.seekerId);
    expect(got).toContain(ids.otherShared);
    expect(got).not.toContain(ids.otherPrivate);
    expect(got).not.toContain(ids.suspended);
    const logged = await t.db
      .selectFrom('access_log')
      .select('subject_id')
      .where('subject_id', 'in', got)
      .where('actor_id', '=', staff.user.id)
      .execute();
    expect(new Set(logged.map((l) => l.subject_id)).size).toBe(got.length);
  });

  it('answers 404 for a seeker of another centre without consent', async () => {
    expectStatus(await staff.get(`/api/v1/seekers/${ids.otherPrivate}/recommendations`), 404);
  });

  it('sinks a congested posting and follows a posting change within a second (LISTEN/NOTIFY)', async () => {
    const before = await recs(ids.seeker!);
    const careScore = before.find((i) => i.postingId === ids.care)!.score;
    for (const s of [ids.twinA, ids.twinB, ids.otherShared]) {
      await t.db
        .insertInto('referrals')
        .values({
          id: crypto.randomUUID(),
          seeker_id: s!,
          posting_id: ids.care!,
          centre_id: centre.id,
          status: 'referred',
        })
        .execute();
    }
    const after = await settle(
      () => recs(ids.seeker!),
      (v) => v.find((i) => i.postingId === ids.care)!.score < careScore,
    );
    const item = after.find((i) => i.postingId === ids.care)!;
    expect(item.score).toBe(careScore - 15);
    expect(item.reasons.at(-1)!.factor).toBe('congestion');
    await t.db.updateTable('postings').set({ status: 'closed' }).where('id', '=', ids.senior!).execute();
    const started = Date.now();
    const closed = await settle(
      () => recs(ids.seeker!),
      (v) => !v.some((i) => i.postingId === ids.senior),
    );
    expect(closed.map((i) => i.postingId)).not.toContain(ids.senior);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('ranks every seeker in batch with worker threads, the same as the live query', async () => {
    const index = getMatchingIndex()!;
    const r = await rankAllSeekers(index, { n: 5, threads: 2 });
    expect(r.count).toBeGreaterThan(3);
    const row = index.seekerRow(ids.seeker!);
    const j = Array.from(r.seekers.subarray(0, r.count)).indexOf(row);
    const live = await recs(ids.seeker!);
    expect(r.scores[j * 5]).toBe(live[0]!.score);
  });

  it('stores the nightly list: every ranked seeker once, best first, and drops lists no longer ranked', async () => {
    const index = getMatchingIndex()!;
    // A list left from an earlier night for a seeker who is no longer ranked.
    const { id: gone } = await buildSeeker(t.db, centre.id, { status: 'employed' });
    await t.db
      .insertInto('seeker_recommendations')
      .values({
        seeker_id: gone,
        centre_id: centre.id,
        computed_at: new Date(Date.now() - 86_400_000),
        posting_ids: [ids.care!],
        scores: [50],
      })
      .execute();
    const n = await computeAllTopN(t.db, index, 5);
    const rows = await t.db
      .selectFrom('seeker_recommendations')
      .select(['seeker_id', 'centre_id', 'posting_ids', 'scores'])
      .execute();
    expect(rows).toHaveLength(n);
    // Each list carries its seeker's centre (the distribution column: docs/SCALING.md).
    const centres = await t.db
      .selectFrom('seekers')
      .select(['id', 'centre_id'])
      .where(
        'id',
        'in',
        rows.map((r) => r.seeker_id),
      )
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.seeker_id, r.centre_id]))).toEqual(
      Object.fromEntries(centres.map((c) => [c.id, c.centre_id])),
    );
    expect(rows.map((r) => r.seeker_id)).not.toContain(gone);
    const mine = rows.find((r) => r.seeker_id === ids.seeker)!;
    const live = await recs(ids.seeker!);
    expect(mine.posting_ids).toEqual(live.slice(0, 5).map((i) => i.postingId));
    expect(mine.scores).toEqual(live.slice(0, 5).map((i) => i.score));
  });

  it('reloads the index on a bulk notice (seed-demo, restore): rows loaded without triggers show in seconds', async () => {
    // A load as seed-demo does it: no row trigger fires, so no row is ever notified.
    const loaded = await t.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(tx);
      return (await buildPosting(tx, centre.id, emp.id, { keywords: ['요양', '돌봄'] })).id;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect((await recs(ids.seeker!)).map((i) => i.postingId)).not.toContain(loaded);
    const started = Date.now();
    await notifyBulkChange(t.db, 'test');
    const items = await until(
      () => recs(ids.seeker!),
      (v) => v.some((i) => i.postingId === loaded),
      5000,
    );
    expect(items.map((i) => i.postingId)).toContain(loaded);
    expect(Date.now() - started).toBeLessThan(5000);
    // Row notices still apply to the rebuilt index.
    await t.db.updateTable('postings').set({ status: 'closed' }).where('id', '=', loaded).execute();
    const closed = await settle(
      () => recs(ids.seeker!),
      (v) => !v.some((i) => i.postingId === loaded),
    );
    expect(closed.map((i) => i.postingId)).not.toContain(loaded);
  });

  it('rebuilds the index after a lost LISTEN connection: changes made meanwhile show', async () => {
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = 'ilteo-matching-listen' AND datname = current_database()`.execute(t.db);
    await until(
      async () =>
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE application_name = 'ilteo-matching-listen' AND datname = current_database()`.execute(t.db)
        ).rows[0]!.n,
      (n) => n === 0,
    );
    // Made while nobody listens: no notification will ever arrive for it.
    const missed = (await buildPosting(t.db, centre.id, emp.id, { keywords: ['요양', '돌봄'] })).id;
    const items = await until(
      () => recs(ids.seeker!),
      (v) => v.some((i) => i.postingId === missed),
      8000,
    );
    expect(items.map((i) => i.postingId)).toContain(missed);
  });
});
