/**
 * `npm run bench -- events [--seekers N]`
 *
 * Interview-slot booking under contention (issue 17): an event with 10 employers × 20
 * ten-minute slots (200 slots; the employers' slots run at the same times). 1,000 seekers each
 * try two slots of the same time at two employers, all 2,000 attempts interleaved through
 * `bookSlot`, 50 in flight on 50 connections. The database decides: a slot holds one booking (409
 * slot.taken) and a seeker never two overlapping ones (409 slot.overlap). Checked after the
 * run: rows = successful answers (no lost booking), no slot twice, no seeker in two overlapping
 * slots, no other error. Peer in the same run: a plain INSERT of the same winning rows, one
 * statement each on the same 50 connections, into a copy of the table without constraints.
 * Uses DATABASE_URL when set (a throw-away database), else an embedded PostgreSQL. One JSON line.
 */
import { sql } from 'kysely';
import type { Bench } from '../src/cli/bench.ts';
import { addEventEmployer } from '../src/features/events/event-employers.service.ts';
import { createEvent } from '../src/features/events/events.service.ts';
import { bookSlot, createSlots } from '../src/features/events/interviews.service.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createDb } from '../src/platform/db/pool.ts';
import { buildEmployer, buildSeeker } from '../test/support/factories.ts';
import { benchCounsellor, scratchDatabase } from './_scratch-db.ts';

const EMPLOYERS = 10;
const SLOTS_EACH = 20;

export const run: Bench['run'] = async ({ options }) => {
  const seekerCount = Number(options.seekers ?? 1000);
  const scratch = await scratchDatabase('events');
  const { db } = createDb(scratch.url, { max: 50 });
  try {
    await migrateToLatest(db);
    const { centreId, actor, ctx } = await benchCounsellor(db, {
      centreName: '인천서구일자리센터',
      regionCode: '28260',
      login: 'bench.events',
    });
    const start = new Date(Date.now() + 30 * 86_400_000);
    start.setUTCHours(1, 0, 0, 0);
    const end = new Date(start.getTime() + SLOTS_EACH * 10 * 60_000);
    const event = await createEvent(ctx, {
      title: '화상면접 구인·구직 만남의 날',
      kind: 'video_interview_day',
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      onlineUrl: 'https://meet.example.test/seogu',
      published: true,
    });
    const slots: { id: string; startsAt: string }[][] = [];
    for (let e = 0; e < EMPLOYERS; e++) {
      const employer = await buildEmployer(db, centreId, { name: `참가기업 ${e + 1}` });
      await addEventEmployer(ctx, { eventId: event.id, employerId: employer.id });
      slots.push(
        await createSlots(ctx, {
          eventId: event.id,
          employerId: employer.id,
          from: start.toISOString(),
          to: end.toISOString(),
          minutes: 10,
        }),
      );
    }
    const seekers: string[] = [];
    for (let i = 0; i < seekerCount; i++) seekers.push((await buildSeeker(db, centreId)).id);
    // Seeker i tries time k = i % 20 at employer i % 10 and at the next employer.
    const attempts = seekers.flatMap((seekerId, i) => {
      const k = i % SLOTS_EACH;
      const e = Math.floor(i / SLOTS_EACH) % EMPLOYERS;
      return [e, (e + 1) % EMPLOYERS].map((x) => ({ seekerId, slotId: slots[x]![k]!.id }));
    });
    await sql`ANALYZE`.execute(db);

    // 50 in flight at every moment (the pool's size: more would only queue for a connection and
    // time out), the attempts interleaved so both of a seeker's tries and a slot's rivals race.
    const order = attempts
      .map((a, i) => ({ a, key: (i * 7919) % attempts.length }))
      .sort((x, y) => x.key - y.key);
    const results: PromiseSettledResult<Awaited<ReturnType<typeof bookSlot>>>[] = [];
    let next = 0;
    let t0 = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < order.length) {
          const { a } = order[next++]!;
          results.push(
            await bookSlot(ctx, a).then(
              (value) => ({ status: 'fulfilled' as const, value }),
              (reason) => ({ status: 'rejected' as const, reason }),
            ),
          );
        }
      }),
    );
    const ms = performance.now() - t0;
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const by = (key: string) =>
      results.filter((r) => r.status === 'rejected' && (r.reason as { key?: string }).key === key).length;
    const other = results.length - won.length - by('slot.taken') - by('slot.overlap');
    const firstOther = results.find(
      (r) =>
        r.status === 'rejected' &&
        !['slot.taken', 'slot.overlap'].includes((r.reason as { key?: string }).key ?? ''),
    );
    const check = (
      await sql<{ rows: number; slots: number; overlaps: number }>`
        SELECT (SELECT count(*) FROM interview_bookings WHERE status <> 'cancelled')::int AS rows,
               (SELECT count(DISTINCT slot_id) FROM interview_bookings WHERE status <> 'cancelled')::int AS slots,
               (SELECT count(*) FROM interview_bookings a JOIN interview_bookings b
                  ON a.seeker_id = b.seeker_id AND a.id < b.id
                 AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
                 WHERE a.status <> 'cancelled' AND b.status <> 'cancelled')::int AS overlaps`.execute(db)
    ).rows[0]!;

    // Peer: the same winning rows by plain INSERT, one statement each, no constraints.
    await sql`CREATE TABLE bench_plain_bookings (LIKE interview_bookings INCLUDING DEFAULTS)`.execute(db);
    const rows = await db.selectFrom('interview_bookings').selectAll().execute();
    t0 = performance.now();
    await Promise.all(
      rows.map((r) =>
        sql`INSERT INTO bench_plain_bookings (id, slot_id, event_id, employer_id, centre_id, seeker_id, starts_at, ends_at, status, created_by)
            VALUES (gen_random_uuid(), ${r.slot_id}, ${r.event_id}, ${r.employer_id}, ${r.centre_id}, ${r.seeker_id},
                    ${r.starts_at}, ${r.ends_at}, ${r.status}, ${r.created_by})`.execute(db),
      ),
    );
    const plainMs = performance.now() - t0;

    console.log(
      JSON.stringify({
        bench: 'events',
        slots: EMPLOYERS * SLOTS_EACH,
        seekers: seekerCount,
        attempts: attempts.length,
        booked: won.length,
        rows: check.rows,
        lostBookings: won.length - check.rows,
        slotsHeldTwice: check.rows - check.slots,
        seekerOverlaps: check.overlaps,
        conflicts: { taken: by('slot.taken'), overlap: by('slot.overlap') },
        otherErrors: other,
        ...(firstOther ? { firstOtherError: String((firstOther as PromiseRejectedResult).reason) } : {}),
        seconds: Math.round(ms) / 1000,
        attemptsPerSecond: Math.round((attempts.length / ms) * 1000),
        bookingsPerSecond: Math.round((won.length / ms) * 1000),
        peerPlainInsert: {
          rows: rows.length,
          seconds: Math.round(plainMs) / 1000,
          rowsPerSecond: Math.round((rows.length / plainMs) * 1000),
        },
      }),
    );
  } finally {
    await db.destroy();
    await scratch.close();
  }
};
