import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createCentre } from '../src/features/accounts/centres.service.ts';
import { createUser } from '../src/features/accounts/users.service.ts';
import { startEmbedded } from '../src/platform/db/embedded.ts';
import { type Db, withDatabase } from '../src/platform/db/pool.ts';
import type { Actor } from '../src/platform/http/actor.ts';

/** A benchmark's own database, and how to get rid of it. */
export interface ScratchDatabase {
  /** connection string of the new database */
  url: string;
  /** drops the database, stops the embedded server if one was started, removes its files */
  close(): Promise<void>;
}

/**
 * A throw-away database for a benchmark: a new database on DATABASE_URL's server when that is
 * set, else on an embedded PostgreSQL (not durable: a benchmark's data needs no fsync) in a
 * temporary directory. `label` names both (`ilteo_bench_<label>_<pid>`).
 */
export async function scratchDatabase(label: string): Promise<ScratchDatabase> {
  let dir: string | null = null;
  let stop: (() => Promise<void>) | null = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `ilteo-bench-${label}-`));
    const server = await startEmbedded({ dataDir: dir, durable: false });
    serverUrl = server.url;
    stop = server.stop;
  }
  const name = `ilteo_bench_${label.replace(/\W/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(serverUrl, name),
    async close() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      await stop?.();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A centre and a counsellor of it in a benchmark's database, with the actor and request context
 * the services take (no session: the actor is built as the auth hook would build it).
 */
export async function benchCounsellor(
  db: Db,
  o: { centreName: string; regionCode: string; login: string },
): Promise<{ centreId: string; actor: Actor; ctx: { db: Db; actor: Actor; ip: null; lang: 'ko' } }> {
  const centre = await createCentre(db, {
    name: o.centreName,
    kind: 'centre',
    parentId: null,
    regionCode: o.regionCode,
  });
  const user = await createUser(db, null, {
    login: o.login,
    password: 'bench-password-2026',
    name: '상담사',
    role: 'counsellor',
    centreId: centre.id,
  });
  const actor: Actor = {
    userId: user.id,
    login: o.login,
    name: '상담사',
    role: 'counsellor',
    centreId: centre.id,
    employerId: null,
    seekerId: null,
    centreScope: [centre.id],
    via: 'session',
    sessionId: null,
  };
  return { centreId: centre.id, actor, ctx: { db, actor, ip: null, lang: 'ko' } };
}
