import { expect } from 'vitest';
import { createDb, type Db } from '../../src/platform/db/pool.ts';
import { DomainError } from '../../src/platform/errors.ts';
import type { Actor } from '../../src/platform/http/actor.ts';
import type { TestApp } from './app.ts';

/**
 * A counsellor of a new centre as a service-level request context (no HTTP): race tests call
 * services directly so that every attempt of a round is in the database at once.
 */
export async function counsellorContext(t: TestApp, centreName: string) {
  const centre = await t.centre(centreName);
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
  return { centre, ctx: { db: t.db, actor, ip: null, lang: 'ko' as const } };
}

/** How a round's attempts ended: the fulfilled values and the conflicts counted by message key. */
export interface RoundOutcome<T> {
  round: number;
  won: T[];
  conflicts: Record<string, number>;
  /** Rejections that are not a 409 DomainError: always a failure of the round. */
  errors: unknown[];
}

/**
 * Runs `rounds` rounds of `racers` concurrent attempts over a pool of `racers` connections of
 * its own (so all attempts of a round are in the database together), then hands each round's
 * outcome to `check`. `before` prepares a round on the test's own connection.
 */
export async function raceRounds<T>(o: {
  url: string;
  rounds: number;
  racers: number;
  before?: (round: number) => Promise<void>;
  attempt: (db: Db, round: number, racer: number) => Promise<T>;
  check: (outcome: RoundOutcome<T>) => Promise<void> | void;
}) {
  const { db: racing } = createDb(o.url, { max: o.racers });
  try {
    for (let round = 0; round < o.rounds; round++) {
      await o.before?.(round);
      const settled = await Promise.allSettled(
        Array.from({ length: o.racers }, (_, racer) => o.attempt(racing, round, racer)),
      );
      const outcome: RoundOutcome<T> = { round, won: [], conflicts: {}, errors: [] };
      for (const r of settled) {
        if (r.status === 'fulfilled') outcome.won.push(r.value);
        else if (r.reason instanceof DomainError && r.reason.code === 'conflict') {
          outcome.conflicts[r.reason.key] = (outcome.conflicts[r.reason.key] ?? 0) + 1;
        } else outcome.errors.push(r.reason);
      }
      expect(outcome.errors, `round ${round}: unexpected errors`).toEqual([]);
      await o.check(outcome);
    }
  } finally {
    await racing.destroy();
  }
}

/** SECURITY.md 16: exactly one attempt of the round won and every other one is a 409 `key`. */
export function expectOneWinner(outcome: RoundOutcome<unknown>, racers: number, key: string) {
  expect({ round: outcome.round, ok: outcome.won.length, conflicts: outcome.conflicts }).toEqual({
    round: outcome.round,
    ok: 1,
    conflicts: { [key]: racers - 1 },
  });
}
