/**
 * `npm run bench -- bookings [--samples N]` (N = 500 by default, after 20 warm-up rounds)
 *
 * 1. Availability of a resource for 30 days (opening hours minus holidays/closures, past and
 *    full slots) with over 10,000 bookings in the table: what GET /resources/{id}/availability
 *    runs (`availability`: the resource with its taken slots in one statement, beside the
 *    calendar's closed days in one statement), against two peers measured in the same rounds:
 *    one that asks per day (the day's closures and the day's bookings, as booking tools that
 *    build a day at a time do), and the floor — one plain SELECT of the resource's bookings in
 *    the 30 days, a single round trip that computes nothing; `SELECT 1` is timed too. Target p99
 *    ≤ 20 ms. The machine's load average is printed: on a shared machine the floor's p99 shows
 *    how much of a tail is the machine's.
 * 2. 1,000 concurrent booking attempts on 100 single-seat slots (10 per slot) through
 *    `createBooking`, 50 in flight on 50 connections (more would only wait for a connection, and
 *    on a loaded machine time out waiting) → rows must be exactly 100; bookings/s. Peer in the same
 *    run: check-then-insert in a transaction (count the slot's bookings, insert when 0) on a
 *    table without the counter or constraint — the race of FIELD.md §e.3, whose rows show it.
 *    `statementsPerAttempt` counts what the attempts sent (winners write the message and the
 *    webhook too; losers stop at the slot).
 * Uses DATABASE_URL when set (a throw-away database), else an embedded PostgreSQL. One JSON line.
 */
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import type { Bench } from '../src/cli/bench.ts';
import { availability } from '../src/features/bookings/availability.service.ts';
import { createBooking } from '../src/features/bookings/bookings.service.ts';
import { addDays, seoulInstant } from '../src/features/bookings/bookings.slots.ts';
import { createResource } from '../src/features/bookings/resources.service.ts';
import { closedDays } from '../src/features/calendar/calendar.service.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createDb } from '../src/platform/db/pool.ts';
import { seoulToday } from '../src/platform/domain/dates.ts';
import { buildSeeker } from '../test/support/factories.ts';
import { benchCounsellor, scratchDatabase } from './_scratch-db.ts';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) * 100) / 100;
};

/** Runs `task` over `items` with POOL_SIZE in flight, as many as the pool has connections. */
async function inFlight<T, R>(items: readonly T[], task: (x: T) => Promise<R>) {
  const out: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        out[i] = { status: 'fulfilled', value: await task(items[i] as T) };
      } catch (reason) {
        out[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: POOL_SIZE }, worker));
  return out;
}

const POOL_SIZE = 50;

export const run: Bench['run'] = async ({ options }) => {
  const samples = Number(options.samples ?? 500);
  const loadBefore = os.loadavg()[0];
  const scratch = await scratchDatabase('bookings');
  const { db } = createDb(scratch.url, { max: POOL_SIZE });
  try {
    await migrateToLatest(db);
    const { centreId, actor, ctx } = await benchCounsellor(db, {
      centreName: '광명시일자리센터',
      regionCode: '41210',
      login: 'bench.counsellor',
    });
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '09:00', to: '18:00' }));
    // Five rooms, 30-minute slots, 18 a day, the next 121 days of each: 10,890 bookings; the measured room gets every third hour free again, leaving 10,527.
    const rooms = [];
    for (let i = 0; i < 5; i++) {
      rooms.push(
        await createResource(ctx, {
          name: `화상면접실 ${i + 1}`,
          kind: 'video_room',
          slotMinutes: 30,
          openingHours: everyDay,
        }),
      );
    }
    const seekers: string[] = [];
    for (let i = 0; i < 200; i++) seekers.push((await buildSeeker(db, centreId)).id);
    const start = seoulInstant(addDays(seoulToday(), 1), 9 * 60).toISOString();
    await sql`
      WITH s AS (
        SELECT r.id AS resource_id, ${start}::timestamptz + (d * interval '1 day') + (k * interval '30 minutes') AS starts_at,
               row_number() OVER () AS n
          FROM unnest(${rooms.map((r) => r.id)}::uuid[]) AS r (id), generate_series(0, 120) d, generate_series(0, 17) k
      ), slots AS (
        INSERT INTO booking_slots (resource_id, starts_at, centre_id, capacity, taken)
        SELECT resource_id, starts_at, ${centreId}::uuid, 1, 1 FROM s
      )
      INSERT INTO bookings (id, resource_id, centre_id, seeker_id, starts_at, ends_at, single_seat, status)
      SELECT gen_random_uuid(), resource_id, ${centreId}::uuid, (${seekers}::uuid[])[1 + n % 200], starts_at,
             starts_at + interval '30 minutes', true, 'confirmed' FROM s`.execute(db);
    // Leave every third slot of the measured room free again, so the answer is not empty.
    const measured = rooms[0]!;
    await sql`DELETE FROM bookings WHERE resource_id = ${measured.id} AND extract(minute FROM starts_at) = 0
                AND extract(hour FROM starts_at AT TIME ZONE 'Asia/Seoul')::int % 3 = 0`.execute(db);
    await sql`UPDATE booking_slots s SET taken = 0 WHERE resource_id = ${measured.id}
                AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.resource_id = s.resource_id AND b.starts_at = s.starts_at)`.execute(
      db,
    );
    await sql`ANALYZE`.execute(db);
    const rows = Number(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM bookings`.execute(db)).rows[0]!.n,
    );
    const from = addDays(seoulToday(), 1);
    const to = addDays(from, 29);

    // Peer: a day at a time (the day's closures, the day's bookings), then the same slot walk.
    async function perDay() {
      const free: string[] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) {
        const closed = await closedDays({ db }, { centreId: centreId, from: d, to: d });
        const taken = await db
          .selectFrom('bookings')
          .select('starts_at')
          .where('resource_id', '=', measured.id)
          .where('status', '<>', 'cancelled')
          .where('starts_at', '>=', seoulInstant(d, 0))
          .where('starts_at', '<', seoulInstant(addDays(d, 1), 0))
          .execute();
        if (closed.length) continue;
        const busy = new Set(taken.map((t) => new Date(t.starts_at).getTime()));
        for (let m = 9 * 60; m + 30 <= 18 * 60; m += 30) {
          const at = seoulInstant(d, m).getTime();
          if (at > Date.now() && !busy.has(at)) free.push(new Date(at).toISOString());
        }
      }
      return free;
    }
    // The floor: one statement, one round trip, nothing computed.
    const oneSelect = () =>
      db
        .selectFrom('bookings')
        .select('starts_at')
        .where('resource_id', '=', measured.id)
        .where('starts_at', '>=', seoulInstant(from, 0))
        .where('starts_at', '<', seoulInstant(addDays(to, 1), 0))
        .execute();
    const ours: number[] = [];
    const peer: number[] = [];
    const floor: number[] = [];
    const roundTrip: number[] = [];
    let agree = true;
    const warmUp = 20;
    for (let i = 0; i < samples + warmUp; i++) {
      let t0 = performance.now();
      const a = await availability({ db }, { resourceId: measured.id, from, to });
      const ta = performance.now() - t0;
      t0 = performance.now();
      const b = await perDay();
      const tb = performance.now() - t0;
      t0 = performance.now();
      await oneSelect();
      const tc = performance.now() - t0;
      t0 = performance.now();
      await sql`SELECT 1`.execute(db);
      const td = performance.now() - t0;
      if (i === 0) agree = JSON.stringify(a.items.map((s) => s.startsAt)) === JSON.stringify(b);
      if (i >= warmUp) {
        ours.push(ta);
        peer.push(tb);
        floor.push(tc);
        roundTrip.push(td);
      }
    }
    const plan = (
      await sql<{
        'QUERY PLAN': string;
      }>`EXPLAIN (ANALYZE, BUFFERS) SELECT s.starts_at, s.taken FROM booking_slots s
        WHERE s.resource_id = ${measured.id} AND s.starts_at >= ${seoulInstant(from, 0)}
          AND s.starts_at < ${seoulInstant(addDays(to, 1), 0)} AND s.taken > 0`.execute(db)
    ).rows.map((r) => r['QUERY PLAN']);

    // 1,000 attempts on 100 fresh slots of another room, 10 per slot, all at once.
    const race = await createResource(ctx, {
      name: 'AI 면접 체험관',
      kind: 'ai_interview',
      slotMinutes: 30,
      openingHours: everyDay,
    });
    const raceStart = seoulInstant(addDays(seoulToday(), 200), 9 * 60).getTime();
    const slotAt = (i: number) => {
      const day = Math.floor(i / 18);
      return new Date(raceStart + day * 86_400_000 + (i % 18) * 1_800_000).toISOString();
    };
    // The ten racers of a slot side by side, so the 50 in flight are five slots' racers at once.
    const attempts = Array.from({ length: 1000 }, (_, i) => ({
      slot: slotAt(Math.floor(i / 10)),
      seeker: seekers[i % 10]!,
    }));
    // Statements sent per attempt (every pg query call on the pool's clients, BEGIN and COMMIT too).
    let statements = 0;
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      statements++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    let t0 = performance.now();
    const results = await inFlight(attempts, (x) =>
      createBooking(ctx, { resourceId: race.id, startsAt: x.slot, seekerId: x.seeker }),
    );
    const raceMs = performance.now() - t0;
    pg.Client.prototype.query = query;
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const raceRows = Number(
      (
        await sql<{ n: number }>`SELECT count(*) AS n FROM bookings WHERE resource_id = ${race.id}`.execute(
          db,
        )
      ).rows[0]!.n,
    );
    const failed = results.filter(
      (r): r is PromiseRejectedResult =>
        r.status === 'rejected' && (r.reason as { key?: string }).key !== 'booking.full',
    );
    const errors = failed.length;
    // What the other failures were (a pool timeout on a loaded machine is not a booking rule).
    const errorKinds: Record<string, number> = {};
    for (const r of failed) {
      const e = r.reason as { key?: string; code?: string; message?: string };
      const kind = (e.key ?? e.code ?? e.message ?? String(e)).slice(0, 80);
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    }

    // Peer: check-then-insert without counter or constraint.
    await sql`CREATE TABLE bench_naive_bookings (resource_id uuid, starts_at timestamptz, seeker_id uuid)`.execute(
      db,
    );
    t0 = performance.now();
    await inFlight(attempts, (x) =>
      db.transaction().execute(async (trx) => {
        const n = await sql<{ n: number }>`SELECT count(*) AS n FROM bench_naive_bookings
                    WHERE resource_id = ${race.id} AND starts_at = ${x.slot}`.execute(trx);
        if (Number(n.rows[0]!.n) === 0) {
          await sql`INSERT INTO bench_naive_bookings VALUES (${race.id}, ${x.slot}, ${x.seeker})`.execute(
            trx,
          );
        }
      }),
    );
    const naiveMs = performance.now() - t0;
    const naiveRows = Number(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM bench_naive_bookings`.execute(db)).rows[0]!.n,
    );

    console.log(
      JSON.stringify({
        bench: 'bookings',
        bookingsInTable: rows,
        availability30Days: {
          p50Ms: pct(ours, 50),
          p99Ms: pct(ours, 99),
          samples: ours.length,
          freeSlots: (await availability({ db }, { resourceId: measured.id, from, to })).items.length,
          targetP99Ms: 20,
        },
        peerPerDay: { p50Ms: pct(peer, 50), p99Ms: pct(peer, 99), samples: peer.length },
        peerOneSelect: { p50Ms: pct(floor, 50), p99Ms: pct(floor, 99), samples: floor.length },
        selectOne: { p50Ms: pct(roundTrip, 50), p99Ms: pct(roundTrip, 99), samples: roundTrip.length },
        p50VsPerDay: Math.round((pct(peer, 50) / pct(ours, 50)) * 10) / 10,
        p50VsOneSelect: Math.round((pct(ours, 50) / pct(floor, 50)) * 10) / 10,
        answersAgree: agree,
        slotsPlan: plan.find((l) => /Scan/.test(l))?.trim(),
        loadAverage1m: {
          before: Math.round(loadBefore * 10) / 10,
          after: Math.round(os.loadavg()[0] * 10) / 10,
        },
        cpus: os.cpus().length,
        race: {
          attempts: attempts.length,
          slots: 100,
          succeeded: ok,
          rows: raceRows,
          otherErrors: errors,
          otherErrorKinds: errorKinds,
          seconds: Math.round(raceMs) / 1000,
          attemptsPerSecond: Math.round((attempts.length / raceMs) * 1000),
          bookingsPerSecond: Math.round((ok / raceMs) * 1000),
          statementsPerAttempt: Math.round((statements / attempts.length) * 10) / 10,
        },
        peerCheckThenInsert: {
          rows: naiveRows,
          overbooked: naiveRows - 100,
          seconds: Math.round(naiveMs) / 1000,
          attemptsPerSecond: Math.round((attempts.length / naiveMs) * 1000),
        },
      }),
    );
  } finally {
    await db.destroy();
    await scratch.close();
  }
};
