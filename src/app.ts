import { features } from './features/index.ts';
import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import type { Db } from './platform/db/pool.ts';
import { ReadReplica } from './platform/db/replica.ts';
import { registerHealth } from './platform/http/health.ts';
import { createServer } from './platform/http/server.ts';
import type { JobDefinition } from './platform/jobs.ts';

export interface BuildOptions {
  config: Config;
  db: Db;
  dataKey: Buffer;
  logger?: boolean;
}

/** Builds the whole HTTP app over an open database; used by `serve` and by the API tests. */
export async function buildApp(opts: BuildOptions) {
  const replica = opts.config.replicaUrl
    ? new ReadReplica(opts.config.replicaUrl, { maxLagMs: opts.config.replicaMaxLagMs })
    : null;
  const ctx: AppContext = { db: opts.db, replica, config: opts.config, dataKey: opts.dataKey };
  const app = await createServer({
    logger: opts.logger === false ? false : { level: opts.config.logLevel },
    trustProxy: opts.config.trustProxy,
  });
  if (replica) app.addHook('onClose', () => replica.close());
  registerHealth(app, opts.db, {
    stuckSeconds: opts.config.readyStuckSeconds,
    poolMs: opts.config.readyPoolMs,
  });
  for (const f of features) await f.routes?.(app, ctx);
  for (const f of features) await f.onStart?.(ctx);
  await app.ready();
  const jobs: JobDefinition[] = features.flatMap((f) => f.jobs?.(ctx) ?? []);
  return { app, ctx, jobs };
}
