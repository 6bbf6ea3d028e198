import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../../test/support/app.ts';
import { buildSeeker } from '../../../test/support/factories.ts';
import { pgBinaries, type ReplicaPair, startReplicaPair } from '../../../test/support/replica.ts';
import { buildApp } from '../../app.ts';
import { createCentre } from '../../features/accounts/centres.service.ts';
import { createUser } from '../../features/accounts/users.service.ts';
import { loadConfig } from '../config.ts';
import { migrateToLatest } from './migrate.ts';
import { createDb, type Db } from './pool.ts';
import { onReader, type ReadReplica } from './replica.ts';

const found = pgBinaries();
const skip = 'skip' in found ? found.skip : null;
if (skip) console.warn(`replica test skipped: ${skip}`);

describe.skipIf(skip !== null)('DATABASE_REPLICA_URL: reports on a real streaming replica', () => {
  let pair: ReplicaPair;
  let db: Db;
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let replica: ReadReplica;
  let centreId: string;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    pair = await startReplicaPair((found as { bin: string }).bin);
    db = createDb(pair.primaryUrl, { max: 5 }).db;
    await migrateToLatest(db);
    const config = loadConfig({
      ILTEO_DATA_DIR: '/nonexistent',
      LOG_LEVEL: 'silent',
      DATABASE_REPLICA_URL: pair.replicaUrl,
      DATABASE_REPLICA_MAX_LAG_MS: '400',
    });
    const built = await buildApp({ config, db, dataKey: randomBytes(32), logger: false });
    app = built.app;
    replica = built.ctx.replica!;
    centreId = (
      await createCentre(db, { name: '복제센터', kind: 'city', parentId: null, regionCode: '11140' })
    ).id;
    await createUser(db, null, {
      login: 'replica-manager',
      password: 'correct-horse-9',
      name: '관리자',
      role: 'manager',
      centreId,
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'replica-manager', password: 'correct-horse-9' },
    });
    cookie = res.cookies.find((c) => c.name === 'ilteo_session')!.value;
    csrf = res.json().csrfToken;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await pair?.close();
  });

  const registered = async () => {
    const r = expectStatus(
      await app.inject({
        method: 'GET',
        url: `/api/v1/reports/kpi?centreId=${centreId}&from=2026-01-01&to=2026-01-31`,
        cookies: { ilteo_session: cookie },
      }),
      200,
    );
    return r.figures.seekersRegistered as number;
  };

  it('reads on the replica, which is a standby of the primary', async () => {
    const where = await onReader({ db, replica }, async (d, source) => ({
      source,
      standby: (await sql<{ s: boolean }>`SELECT pg_is_in_recovery() AS s`.execute(d)).rows[0]!.s,
    }));
    expect(where).toEqual({ source: 'replica', standby: true });
  });

  it('shows a write on the primary in a report read on the replica', async () => {
    const before = { ...replica.served };
    await buildSeeker(db, centreId);
    expect(await registered()).toBe(1);
    await buildSeeker(db, centreId);
    expect(await registered()).toBe(2);
    expect(replica.served.replica - before.replica).toBe(2);
    expect(replica.served.primary).toBe(before.primary);
    // A download: logged on the primary, figures read on the replica.
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/kpi.csv?centreId=${centreId}&from=2026-01-01&to=2026-01-31&reason=${encodeURIComponent('월간 보고')}`,
      cookies: { ilteo_session: cookie },
      headers: { 'x-csrf-token': csrf },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toMatch(/seekersRegistered,[^,]*,[^,]*,2,/);
    expect(replica.served.replica - before.replica).toBe(3);
    const logged = await db
      .selectFrom('access_log')
      .select('action')
      .where('subject_type', '=', 'report')
      .execute();
    expect(logged.map((l) => l.action)).toEqual(['download']);
  });

  it('falls back to the primary when the replica lags past the limit', async () => {
    await pair.pauseReplay();
    try {
      const before = { ...replica.served };
      await buildSeeker(db, centreId);
      expect(await registered()).toBe(3);
      expect(replica.served.primary - before.primary).toBe(1);
      expect(replica.lastFallback).toMatch(/^lag/);
    } finally {
      await pair.resumeReplay();
    }
    expect(await registered()).toBe(3);
  });

  it('falls back to the primary when the replica is down', async () => {
    await pair.stopReplica();
    const before = { ...replica.served };
    await buildSeeker(db, centreId);
    expect(await registered()).toBe(4);
    expect(await registered()).toBe(4);
    expect(replica.served.primary - before.primary).toBe(2);
    expect(replica.served.replica).toBe(before.replica);
    expect(replica.lastFallback).toMatch(/unreachable|failed/);
  });
});
