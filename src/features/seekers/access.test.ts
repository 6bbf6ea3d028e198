import { describe, expect, it } from 'vitest';
import { type Client, expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import { buildSeeker } from './seekers.factory.ts';

// The one seeker-access rule (access.service.ts) on every path: a seeker of centre A shared
// with the network by a consent record is reachable by centre B while the consent holds, and
// on no path once its period has passed or it was withdrawn (SECURITY.md 2, 12, 13).

const t = await testApp();
const seoulDay = (offsetDays = 0) =>
  new Date(Date.now() + 9 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 2000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function setup() {
  const a = await t.centre();
  const b = await t.centre();
  const ca = await t.user('counsellor', a.id);
  const cb = await t.user('counsellor', b.id);
  const mb = await t.user('manager', b.id);
  const employer = await buildEmployer(t.db, b.id);
  const posting = await buildPosting(t.db, b.id, employer.id, { occupation_code: '8241' });
  const seeker = expectStatus(await ca.post('/api/v1/seekers', buildSeeker({ name: '한소망' })), 201);
  const consent = expectStatus(
    await ca.post(`/api/v1/seekers/${seeker.id}/consents`, {
      kind: 'share_network',
      recipients: '일터 연계 일자리센터',
      purpose: '일자리 알선',
      items: ['name', 'desired', 'phone'],
      validUntil: seoulDay(30),
    }),
    201,
  );
  return { a, b, ca, cb, mb, posting, seeker, consent };
}

const candidates = async (c: Client, postingId: string) =>
  (
    expectStatus(await c.get(`/api/v1/postings/${postingId}/candidates?limit=100`), 200).items as {
      seekerId: string;
    }[]
  ).map((i) => i.seekerId);

/** Centre B reaches the seeker on the paths that sharing allows (the control). */
async function expectShared(s: Awaited<ReturnType<typeof setup>>) {
  const { cb, seeker, posting } = s;
  expect(expectStatus(await cb.get(`/api/v1/seekers/${seeker.id}`), 200).shared).toBe(true);
  expectStatus(await cb.get(`/api/v1/seekers/${seeker.id}/recommendations`), 200);
  const seen = await until(
    () => candidates(cb, posting.id),
    (ids) => ids.includes(seeker.id),
  );
  expect(seen).toContain(seeker.id);
  return expectStatus(await cb.post('/api/v1/referrals', { seekerId: seeker.id, postingId: posting.id }), 201)
    .id as string;
}

/** Every path answers 404 (or leaves the seeker out of its list) for centre B. */
async function expectUnreachable(s: Awaited<ReturnType<typeof setup>>, referralId: string) {
  const { cb, mb, seeker, posting } = s;
  const id = seeker.id;
  // seekers
  expectStatus(await cb.get(`/api/v1/seekers/${id}`), 404);
  expect(expectStatus(await cb.get('/api/v1/seekers?q=한소망'), 200).items).toEqual([]);
  // recommendations, both directions
  expectStatus(await cb.get(`/api/v1/seekers/${id}/recommendations`), 404);
  expect(await candidates(cb, posting.id)).not.toContain(id);
  // referrals: a new one, and moving the one made while the consent held
  expectStatus(await cb.post('/api/v1/referrals', { seekerId: id, postingId: posting.id }), 404);
  expectStatus(await cb.post(`/api/v1/referrals/${referralId}/status`, { status: 'hired' }), 404);
  // employments
  expectStatus(
    await cb.post('/api/v1/employments', {
      seekerId: id,
      employerName: '한빛정밀',
      startDate: seoulDay(),
      route: 'self',
    }),
    404,
  );
  expectStatus(await cb.get(`/api/v1/employments?seekerId=${id}`), 404);
  // counselling and action plan
  expectStatus(await cb.get(`/api/v1/seekers/${id}/counselling`), 404);
  expectStatus(await cb.get(`/api/v1/seekers/${id}/plan`), 404);
  // privacy requests (their access export included)
  expectStatus(await mb.post('/api/v1/privacy/requests', { seekerId: id, kind: 'access' }), 404);
  // reports drill-down: the referral made by B is B's figure, but the seeker is not named
  const dd = expectStatus(
    await mb.get(`/api/v1/reports/drilldown?kpi=referrals&from=${seoulDay()}&to=${seoulDay()}`),
    200,
  );
  const mine = (dd.items as { seekerId: string; name: string | null }[]).filter((i) => i.seekerId === id);
  expect(mine.every((i) => i.name === null && i.seekerId === id)).toBe(true);
  // the staff page: an HTML 404 page, not JSON
  const page = await cb.get(`/staff/seekers/${id}`);
  expect(page.statusCode).toBe(404);
  expect(String(page.headers['content-type'])).toMatch(/text\/html/);
  // the seeker's own centre is unaffected
  expectStatus(await s.ca.get(`/api/v1/seekers/${id}`), 200);
}

describe('one access rule on every path', () => {
  it('an expired share consent (validUntil past) hides the seeker everywhere', async () => {
    const s = await setup();
    const referralId = await expectShared(s);
    // The period ends: nothing else changes (no flag, no notification), only the date passes.
    await t.db
      .updateTable('consents')
      .set({ valid_until: seoulDay(-1) })
      .where('id', '=', s.consent.id)
      .execute();
    await expectUnreachable(s, referralId);
  });

  it('a withdrawn share consent hides the seeker everywhere', async () => {
    const s = await setup();
    const referralId = await expectShared(s);
    expectStatus(await s.ca.post(`/api/v1/seekers/${s.seeker.id}/consents/${s.consent.id}/withdraw`), 200);
    await expectUnreachable(s, referralId);
  });

  it('a suspended seeker is neither shared nor offered as a candidate', async () => {
    const s = await setup();
    await expectShared(s);
    await t.db.updateTable('seekers').set({ suspended: true }).where('id', '=', s.seeker.id).execute();
    expectStatus(await s.cb.get(`/api/v1/seekers/${s.seeker.id}`), 404);
    const ids = await until(
      () => candidates(s.cb, s.posting.id),
      (x) => !x.includes(s.seeker.id),
    );
    expect(ids).not.toContain(s.seeker.id);
  });

  it('matching fills the list past candidates the rule refuses', async () => {
    const s = await setup();
    await expectShared(s);
    const own = expectStatus(await s.cb.post('/api/v1/seekers', buildSeeker({ name: '나래' })), 201);
    await until(
      () => candidates(s.cb, s.posting.id),
      (x) => x.includes(own.id),
    );
    await t.db
      .updateTable('consents')
      .set({ valid_until: seoulDay(-1) })
      .where('id', '=', s.consent.id)
      .execute();
    // limit 1: the refused seeker may rank first; the answer is still one visible seeker.
    const one = expectStatus(
      await s.cb.get(`/api/v1/postings/${s.posting.id}/candidates?limit=1`),
      200,
    ).items;
    expect(one.map((i: { seekerId: string }) => i.seekerId)).toEqual([own.id]);
  });
});
