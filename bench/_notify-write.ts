import type pg from 'pg';
import { notifyMany } from '../src/features/notifications/notifications.service.ts';
import type { Db } from '../src/platform/db/pool.ts';
import { enqueue } from '../src/platform/outbox/outbox.ts';

// The writing side of `npm run bench -- notifications`: round trips per transaction counted on
// the writer's pool, and `notifyMany` written with no worker running, beside the bare enqueue.

/**
 * Counts the statements the writer's pool sends (BEGIN and COMMIT included): each is one round
 * trip to the server. The workers run in their own processes and pools, so only writing counts.
 */
export function countRoundTrips(pool: pg.Pool): { n: number } {
  const counter = { n: 0 };
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      counter.n++;
      return query(...args);
    };
  });
  return counter;
}

/** Round trips per written transaction and messages written per second (the writing side alone). */
export function writeFigures(trips: number, batches: number, messages: number, ms: number) {
  return {
    roundTripsPerBatch: Math.round((trips / batches) * 100) / 100,
    writePerSec: Math.round(messages / (ms / 1000)),
  };
}

/**
 * The writing side alone, with no worker running (what is written stays unsent): `notifyMany`
 * and its peer, the bare `enqueue` of the same number of messages, in alternating rounds so a
 * change of the machine's load falls on both. Round trips per transaction are counted for both
 * (nothing else uses the pool now).
 */
export async function runWritingAlone(a: {
  db: Db;
  trips: { n: number };
  seekers: string[];
  centreId: string;
  batch: number;
  log: (m: string) => void;
}) {
  const rounds = 4;
  const perRound = Math.min(1000, Math.floor(a.seekers.length / rounds / a.batch) * a.batch);
  a.log(`writing alone: ${rounds} rounds of ${perRound} messages each way`);
  const ours = { ms: 0, trips: 0, batches: 0, messages: 0 };
  const peer = { ms: 0, trips: 0, batches: 0, messages: 0 };
  for (let round = 0; round < rounds; round++) {
    const slice = a.seekers.slice(round * perRound, (round + 1) * perRound);
    let t0 = performance.now();
    let trips0 = a.trips.n;
    for (let o = 0; o < slice.length; o += a.batch) {
      const part = slice.slice(o, o + a.batch);
      await a.db.transaction().execute((tx) =>
        notifyMany(
          tx,
          part.map((s) => ({
            templateKey: 'referral_result',
            recipient: { kind: 'seeker' as const, id: s },
            centreId: a.centreId,
            variables: {
              company: '벤치기업',
              posting: '요양보호사 모집',
              result: '채용 확정',
              centre: '벤치센터',
            },
            source: 'bench',
          })),
        ),
      );
      ours.batches++;
      ours.messages += part.length;
    }
    ours.ms += performance.now() - t0;
    ours.trips += a.trips.n - trips0;
    t0 = performance.now();
    trips0 = a.trips.n;
    for (let o = 0; o < slice.length; o += a.batch) {
      const keys = slice.slice(o, o + a.batch).map((s) => `alone:${round}:${s}`);
      await a.db.transaction().execute((tx) =>
        enqueue(
          tx,
          keys.map((k) => ({ kind: 'bench.alone', idempotencyKey: k, payload: { k }, centreId: a.centreId })),
        ),
      );
      peer.batches++;
      peer.messages += keys.length;
    }
    peer.ms += performance.now() - t0;
    peer.trips += a.trips.n - trips0;
  }
  const figures = (x: typeof ours) => writeFigures(x.trips, x.batches, x.messages, x.ms);
  const mine = figures(ours);
  const bare = figures(peer);
  return {
    messages: ours.messages,
    notifyMany: mine,
    bareEnqueue: bare,
    writeRatioToPeer: Math.round((mine.writePerSec / bare.writePerSec) * 100) / 100,
  };
}
