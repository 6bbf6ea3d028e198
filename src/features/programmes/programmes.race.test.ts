import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { createDb, type Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { cancelEnrolment, enrol } from './enrolments.service.ts';
import { createProgramme } from './programmes.service.ts';

// SECURITY.md 16 for programme places, at the service level over a pool of its own so every
// attempt of a round is in the database at once:
// - concurrent cancellations each promote a different person from the waiting list (two at
//   once promote two, never one twice), and the places stay full;
// - concurrent enrolments never pass the capacity and queue the rest in one order;
// - cancellations and new enrolments mixed keep the rule "someone waits only when it is full".
const t = await testApp();
const RACERS = 20;

describe('programme places under concurrency', async () => {
  const centre = await t.centre('경합프로그램센터');
  const staff = await t.user('counsellor', centre.id);
  const actor: Actor = {
    userId: staff.user.id,
    login: staff.login,
    name: '상담사',
    role: 'counsellor',
    centreId: centre.id,
    employerId: null,
    seekerId: null,
    centreScope: [centre.id],
    via: 'session',
    sessionId: null,
  };
  const ctx = { db: t.db, actor, ip: null, lang: 'ko' as const };
  const seekers = await Promise.all(Array.from({ length: 3 * RACERS }, () => buildSeeker(t.db, centre.id)));
  const start = new Date(Date.now() + 14 * 86_400_000);
  let n = 0;
  const programme = (capacity: number) =>
    createProgramme(ctx, {
      title: `집단상담 ${++n}기`,
      kind: 'group_counselling',
      format: 'offline',
      venue: '상담실',
      capacity,
      sessions: [
        { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 7_200_000).toISOString() },
      ],
      published: true,
    });
  const state = async (programmeId: string) => {
    const r = await sql<{ registered: number; waitlisted: number; taken: number; capacity: number }>`
      SELECT (SELECT count(*)::int FROM programme_enrolments WHERE programme_id = p.id AND status = 'registered') AS registered,
        (SELECT count(*)::int FROM programme_enrolments WHERE programme_id = p.id AND status = 'waitlisted') AS waitlisted,
        p.taken, p.capacity FROM programmes p WHERE p.id = ${programmeId}`.execute(t.db);
    return r.rows[0]!;
  };
  async function withPool<T>(fn: (db: Db) => Promise<T>) {
    const { db } = createDb(t.url, { max: RACERS * 2 });
    try {
      return await fn(db);
    } finally {
      await db.destroy();
    }
  }

  it('two cancellations at once promote two people, never one twice (30 rounds)', {
    timeout: 300_000,
  }, async () => {
    await withPool(async (racing) => {
      for (let round = 0; round < 30; round++) {
        const p = await programme(2);
        const e = [];
        for (const s of seekers.slice(0, 4)) e.push(await enrol(ctx, { programmeId: p.id, seekerId: s.id }));
        expect(e.map((x) => x.status)).toEqual(['registered', 'registered', 'waitlisted', 'waitlisted']);
        const out = await Promise.all(
          [e[0], e[1]].map((x) => cancelEnrolment({ ...ctx, db: racing }, { id: x!.id })),
        );
        const promoted = out.map((o) => o.promoted?.id).sort();
        expect({ round, promoted }).toEqual({ round, promoted: [e[2]!.id, e[3]!.id].sort() });
        expect(await state(p.id)).toEqual({ registered: 2, waitlisted: 0, taken: 2, capacity: 2 });
      }
    });
  });

  it(`${RACERS} cancellations at once promote the ${RACERS} waiting, each once`, {
    timeout: 300_000,
  }, async () => {
    const p = await programme(RACERS);
    const e = [];
    for (const s of seekers.slice(0, 2 * RACERS))
      e.push(await enrol(ctx, { programmeId: p.id, seekerId: s.id }));
    const registered = e.filter((x) => x.status === 'registered');
    const waiting = e.filter((x) => x.status === 'waitlisted');
    expect([registered.length, waiting.length]).toEqual([RACERS, RACERS]);
    expect(waiting.map((w) => w.waitingPosition)).toEqual(waiting.map((_, i) => i + 1));
    const out = await withPool((racing) =>
      Promise.all(registered.map((x) => cancelEnrolment({ ...ctx, db: racing }, { id: x.id }))),
    );
    const promoted = out.map((o) => o.promoted?.id);
    expect(new Set(promoted).size).toBe(RACERS);
    expect(promoted.sort()).toEqual(waiting.map((w) => w.id).sort());
    expect(await state(p.id)).toEqual({ registered: RACERS, waitlisted: 0, taken: RACERS, capacity: RACERS });
  });

  it(`${3 * RACERS} enrolments at once fill ${RACERS} places and queue the rest`, {
    timeout: 300_000,
  }, async () => {
    const p = await programme(RACERS);
    const settled = await withPool((racing) =>
      Promise.allSettled(
        seekers.map((s) => enrol({ ...ctx, db: racing }, { programmeId: p.id, seekerId: s.id })),
      ),
    );
    const ok = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(ok.filter((x) => x.status === 'registered')).toHaveLength(RACERS);
    const positions = ok
      .flatMap((x) => (x.waitingPosition === null ? [] : [x.waitingPosition]))
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 2 * RACERS }, (_, i) => i + 1));
    expect(await state(p.id)).toEqual({
      registered: RACERS,
      waitlisted: 2 * RACERS,
      taken: RACERS,
      capacity: RACERS,
    });
  });

  it('cancellations and enrolments mixed: someone waits only while the programme is full', {
    timeout: 300_000,
  }, async () => {
    await withPool(async (racing) => {
      for (let round = 0; round < 10; round++) {
        const p = await programme(5);
        const first = [];
        for (const s of seekers.slice(0, 7))
          first.push(await enrol(ctx, { programmeId: p.id, seekerId: s.id }));
        const cancels = first.slice(0, 5).map((x) => cancelEnrolment({ ...ctx, db: racing }, { id: x.id }));
        const joins = seekers
          .slice(7, 15)
          .map((s) => enrol({ ...ctx, db: racing }, { programmeId: p.id, seekerId: s.id }));
        const settled = await Promise.allSettled([...cancels, ...joins]);
        const errors = settled.flatMap((r) =>
          r.status === 'rejected' && !(r.reason instanceof DomainError) ? [r.reason] : [],
        );
        expect(errors).toEqual([]);
        const s = await state(p.id);
        expect({ round, ...s }).toEqual({ round, registered: 5, waitlisted: 5, taken: 5, capacity: 5 });
      }
    });
  });
});
