import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { createDb } from '../../platform/db/pool.ts';
import { cancelEnrolment, enrol } from './enrolments.service.ts';
import { changePlaces, confirmOffer, expireHolds } from './waiting-list.service.ts';

// The waiting list past the first sign-up: a capacity raise moves it up in order (also while
// cancellations run at the same moment), a place moved up is held for the programme's hold
// window, confirmed by its person, and passed on when the hold runs out.
const t = await testApp();

describe('programme waiting list: capacity raise and the hold window', async () => {
  const centre = await t.centre('광명대기센터');
  const staff = await t.user('counsellor', centre.id);
  const staffActor = {
    userId: staff.user.id,
    login: staff.login,
    name: '상담사',
    role: 'counsellor' as const,
    centreId: centre.id,
    employerId: null,
    seekerId: null,
    centreScope: [centre.id],
    via: 'session' as const,
    sessionId: null,
  };
  const ctx = { db: t.db, actor: staffActor, ip: null, lang: 'ko' as const };
  const seekers = await Promise.all(Array.from({ length: 12 }, () => buildSeeker(t.db, centre.id)));
  const start = new Date(Date.now() + 21 * 86_400_000);
  let n = 0;
  const programme = async (capacity: number, holdHours = 0) =>
    expectStatus(
      await staff.post('/api/v1/programmes', {
        title: `취업성공 사관학교 ${++n}기`,
        kind: 'course',
        format: 'offline',
        venue: '광명시 평생학습원 3층',
        capacity,
        holdHours,
        sessions: [
          { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 10_800_000).toISOString() },
        ],
        published: true,
      }),
      201,
    );
  const fill = async (programmeId: string, count: number) => {
    const out = [];
    for (const s of seekers.slice(0, count)) out.push(await enrol(ctx, { programmeId, seekerId: s.id }));
    return out;
  };
  const state = async (programmeId: string) => {
    const r = await sql<{ statuses: string[]; taken: number; capacity: number }>`
      SELECT array(SELECT status FROM programme_enrolments WHERE programme_id = p.id
          ORDER BY created_at, id) AS statuses, p.taken, p.capacity
      FROM programmes p WHERE p.id = ${programmeId}`.execute(t.db);
    return r.rows[0]!;
  };

  it('a capacity raise moves the waiting list up in its order; lowering below the taken is refused', async () => {
    const p = await programme(3);
    const e = await fill(p.id, 7);
    expect(e.map((x) => x.status)).toEqual([...Array(3).fill('registered'), ...Array(4).fill('waitlisted')]);
    const r = expectStatus(await staff.patch(`/api/v1/programmes/${p.id}`, { capacity: 5 }), 200);
    expect(r.promoted.map((x: { id: string }) => x.id)).toEqual([e[3]!.id, e[4]!.id]);
    expect(r.programme).toMatchObject({ capacity: 5, placesLeft: 0 });
    expect(await state(p.id)).toEqual({
      statuses: [...Array(5).fill('registered'), 'waitlisted', 'waitlisted'],
      taken: 5,
      capacity: 5,
    });
    const low = expectStatus(await staff.patch(`/api/v1/programmes/${p.id}`, { capacity: 4 }), 400);
    expect(low.errors[0]).toMatchObject({ field: 'capacity' });
    expect(low.errors[0].message).toMatch(/5명/);
    expectStatus(await staff.patch(`/api/v1/programmes/${p.id}`, { capacity: 0 }), 400);
    expectStatus(await staff.patch(`/api/v1/programmes/${p.id}`, { holdHours: 200 }), 400);
    // A raise past the waiting list promotes everyone waiting and leaves places open.
    const all = expectStatus(await staff.patch(`/api/v1/programmes/${p.id}`, { capacity: 10 }), 200);
    expect(all.promoted).toHaveLength(2);
    expect(all.programme.placesLeft).toBe(3);
    expect((await state(p.id)).taken).toBe(7);
    const messages = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications
      WHERE source = 'programme.promoted' AND recipient_id = ANY(${[e[3]!.seekerId, e[4]!.seekerId]}::uuid[])`.execute(
      t.db,
    );
    expect(messages.rows[0]!.n).toBe(2);
  });

  it('with a hold window a freed place is offered, confirmed by its person, or passed on when the hold runs out', async () => {
    const p = await programme(2, 48);
    expect(p.holdHours).toBe(48);
    const e = await fill(p.id, 5);
    const c = await cancelEnrolment(ctx, { id: e[0]!.id });
    expect(c.promoted).toMatchObject({ id: e[2]!.id, status: 'offered' });
    const held = Date.parse(c.promoted!.holdUntil!) - Date.now();
    expect(held).toBeGreaterThan(47.9 * 3600_000);
    expect(held).toBeLessThanOrEqual(48 * 3600_000);
    // The offered person holds the place: a newcomer waits, the summary counts the offer.
    const late = await enrol(ctx, { programmeId: p.id, seekerId: seekers[8]!.id });
    expect(late.status).toBe('waitlisted');
    const summary = expectStatus(await staff.get(`/api/v1/programmes/${p.id}/summary`), 200);
    expect(summary).toMatchObject({ enrolled: 1, offered: 1, waitlisted: 3 });
    // Their own account confirms it.
    const own = await t.user('seeker', null, { seekerId: e[2]!.seekerId });
    const ok = expectStatus(await own.post(`/api/v1/enrolments/${e[2]!.id}/confirm`, {}), 200);
    expect(ok).toMatchObject({ status: 'registered', holdUntil: null });
    expect(
      expectStatus(await own.post(`/api/v1/enrolments/${e[2]!.id}/confirm`, {}), 409).code,
    ).toBeDefined();
    // Someone else's account cannot confirm another's offer.
    const c2 = await cancelEnrolment(ctx, { id: e[1]!.id });
    expect(c2.promoted).toMatchObject({ id: e[3]!.id, status: 'offered' });
    expectStatus(await own.post(`/api/v1/enrolments/${e[3]!.id}/confirm`, {}), 404);
    // The hold runs out: the expiry passes the place to the next person (e[4]) and names why.
    await sql`UPDATE programme_enrolments SET hold_until = now() - interval '1 minute'
      WHERE id = ${e[3]!.id}`.execute(t.db);
    const other = await t.user('seeker', null, { seekerId: e[3]!.seekerId });
    const expired = expectStatus(await other.post(`/api/v1/enrolments/${e[3]!.id}/confirm`, {}), 409);
    expect(expired.detail ?? expired.title).toMatch(/기한/);
    expect(await expireHolds(t.db)).toBeGreaterThanOrEqual(1);
    const gone = await t.db
      .selectFrom('programme_enrolments')
      .select(['status', 'cancel_reason'])
      .where('id', '=', e[3]!.id)
      .executeTakeFirstOrThrow();
    expect(gone).toEqual({ status: 'cancelled', cancel_reason: 'hold_expired' });
    expect(await state(p.id)).toEqual({
      statuses: ['cancelled', 'cancelled', 'registered', 'cancelled', 'offered', 'waitlisted'],
      taken: 2,
      capacity: 2,
    });
    // Turning the offer down is a cancellation with its reason; the next person is offered.
    const next = await t.user('seeker', null, { seekerId: e[4]!.seekerId });
    expectStatus(await next.post(`/api/v1/enrolments/${e[4]!.id}/cancel`, {}), 200);
    const declined = await t.db
      .selectFrom('programme_enrolments')
      .select('cancel_reason')
      .where('id', '=', e[4]!.id)
      .executeTakeFirstOrThrow();
    expect(declined.cancel_reason).toBe('offer_declined');
    expect((await state(p.id)).statuses.at(-1)).toBe('offered');
    // Nobody left waiting: an expired hold gives the place back.
    await sql`UPDATE programme_enrolments SET hold_until = now() - interval '1 minute'
      WHERE programme_id = ${p.id} AND status = 'offered'`.execute(t.db);
    await expireHolds(t.db);
    expect(await state(p.id)).toMatchObject({ taken: 1 });
  });

  it('a raise and cancellations at the same moment: each waiting person moved up once, places full', {
    timeout: 120_000,
  }, async () => {
    const { db: racing } = createDb(t.url, { max: 8 });
    try {
      for (let round = 0; round < 5; round++) {
        const p = await programme(3);
        const e = await fill(p.id, 10);
        const rc = { ...ctx, db: racing };
        const out = await Promise.all([
          changePlaces(rc, { id: p.id, capacity: 6 }),
          cancelEnrolment(rc, { id: e[0]!.id }),
          cancelEnrolment(rc, { id: e[1]!.id }),
          changePlaces(rc, { id: p.id, capacity: 5 }).catch((err) => err),
        ]);
        const promoted = [
          ...(out[0] as { promoted: { id: string }[] }).promoted.map((x) => x.id),
          (out[1] as { promoted: { id: string } | null }).promoted?.id,
          (out[2] as { promoted: { id: string } | null }).promoted?.id,
          ...('promoted' in out[3]
            ? (out[3] as { promoted: { id: string }[] }).promoted.map((x) => x.id)
            : []),
        ].filter(Boolean);
        expect(new Set(promoted).size).toBe(promoted.length);
        const s = await state(p.id);
        const registered = s.statuses.filter((x) => x === 'registered').length;
        expect({ round, registered, taken: s.taken }).toEqual({
          round,
          registered: s.capacity,
          taken: s.capacity,
        });
        // The ones moved up are the first on the list, in order.
        expect(s.statuses.slice(2, 2 + s.capacity)).toEqual(Array(s.capacity).fill('registered'));
      }
    } finally {
      await racing.destroy();
    }
  });

  it('a lapsed hold tells its person and the next one; two runs at once tell each once', {
    timeout: 120_000,
  }, async () => {
    const { db: racing } = createDb(t.url, { max: 6 });
    try {
      for (let round = 0; round < 3; round++) {
        const p = await programme(1, 24);
        const e = await fill(p.id, 3);
        const c = await cancelEnrolment(ctx, { id: e[0]!.id });
        expect(c.promoted).toMatchObject({ id: e[1]!.id, status: 'offered' });
        await sql`UPDATE programme_enrolments SET hold_until = '2026-01-05T10:30:00+09:00'
          WHERE id = ${e[1]!.id}`.execute(t.db);
        const ended = await Promise.all([expireHolds(racing), expireHolds(racing)]);
        expect(ended[0] + ended[1]).toBe(1);
        const sent = await sql<{
          recipient_id: string;
          template_key: string;
          variables: Record<string, string>;
        }>`
          SELECT recipient_id, template_key, variables FROM notifications
          WHERE recipient_id = ANY(${[e[1]!.seekerId, e[2]!.seekerId]}::uuid[])
            AND source IN ('programme.hold_expired', 'programme.offered')
            AND variables->>'programme' = ${p.title}
          ORDER BY created_at, id`.execute(t.db);
        // The lapsed person: one message naming the programme and the hold that ran out; the
        // next person: one offer of the place with its own hold.
        const lapsed = sent.rows.filter((r) => r.template_key === 'programme_hold_expired');
        expect(lapsed.map((r) => r.recipient_id)).toEqual([e[1]!.seekerId]);
        expect(lapsed[0]!.variables.until).toBe('2026년 1월 5일 (월) 10:30');
        const offered = sent.rows.filter((r) => r.template_key === 'programme_offered');
        expect(offered.map((r) => r.recipient_id)).toEqual([e[1]!.seekerId, e[2]!.seekerId]);
        expect(await state(p.id)).toEqual({
          statuses: ['cancelled', 'cancelled', 'offered'],
          taken: 1,
          capacity: 1,
        });
      }
      // The texts people read: the lapsed person learns the place went on and how to come back.
      const tpl = await t.db
        .selectFrom('notification_templates')
        .select(['body', 'variables'])
        .where('key', '=', 'programme_hold_expired')
        .executeTakeFirstOrThrow();
      expect(tpl.body).toContain(
        '#{programme} 자리의 확정 기한(#{until})이 지나 자리가 다음 대기자에게 넘어갔습니다',
      );
      expect(tpl.variables).toEqual(['name', 'programme', 'until']);
    } finally {
      await racing.destroy();
    }
  });

  it('confirming is refused when nothing is held; staff of another centre cannot change places', async () => {
    const p = await programme(1);
    const [e] = await fill(p.id, 1);
    await expect(confirmOffer(ctx, { id: e!.id })).rejects.toMatchObject({ key: 'enrolment.notOffered' });
    const other = await t.centre('다른대기센터');
    const outsider = await t.user('counsellor', other.id);
    expectStatus(await outsider.patch(`/api/v1/programmes/${p.id}`, { capacity: 3 }), 404);
  });
});
