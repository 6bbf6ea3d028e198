import { buildApp } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import { resolveDataKey } from '../platform/crypto/keys.ts';
import { openDatabase } from '../platform/db/open.ts';
import { createDb } from '../platform/db/pool.ts';
import { type JobQueue, startJobs } from '../platform/jobs.ts';
import { type OutboxWorker, startOutboxWorker } from '../platform/outbox/outbox.worker.ts';
import type { Command } from './commands.ts';

/** Waits for `work` at most `ms` milliseconds; its failure is ignored (we are shutting down). */
async function within(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.resolve(work).catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/** `ilteo serve`: database, migrations, app, jobs; stops cleanly on SIGTERM/SIGINT. */
export const serveCommand: Command = {
  async run() {
    const started = Date.now();
    const config = loadConfig();
    const database = await openDatabase(config, { timeouts: true });
    const { app, jobs } = await buildApp({ config, db: database.db, dataKey: resolveDataKey(config) });
    let queue: JobQueue | null = null;
    let outbox: OutboxWorker | null = null;
    let outboxDbClose: (() => Promise<void>) | null = null;
    let stopping = false;
    // SIGTERM/SIGINT end the process within 10 s even while a request hangs: in-flight requests
    // get 3 s, then their connections are closed and PostgreSQL is stopped under any statement
    // still running (fast shutdown ends its sessions). Should that not suffice, the exit at 9.5 s
    // ends us and the embedded server's watchdog stops PostgreSQL.
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, '종료 중 / shutting down');
      const force = setTimeout(() => process.exit(1), 9500);
      force.unref();
      await within(app.close(), 3000);
      app.server.closeAllConnections();
      // An outbox message cut off here is sent again after its lease (same idempotency key).
      await within(outbox?.stop(1000), 1500);
      await within(outboxDbClose?.(), 500);
      await within(queue?.stop(), 1500);
      await database.close().catch(() => undefined);
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
    try {
      await app.listen({ port: config.port, host: config.host });
      queue = await startJobs(database.url, jobs);
      if (config.outboxConcurrency > 0) {
        // A pool of its own: a burst of messages never takes the connections requests need.
        const outboxDb = createDb(database.url, {
          max: Math.min(8, config.outboxConcurrency),
          applicationName: 'ilteo-outbox',
          statementTimeoutMs: config.statementTimeoutSeconds * 1000,
        }).db;
        outboxDbClose = () => outboxDb.destroy();
        outbox = startOutboxWorker(outboxDb, {
          concurrency: config.outboxConcurrency,
          onError: (err, msg) =>
            app.log.warn(
              { err, outboxId: msg?.id, kind: msg?.kind },
              '알림/웹훅 발송 실패 / outbox send failed',
            ),
        });
      }
    } catch (err) {
      await app.close().catch(() => undefined);
      await database.close();
      throw err;
    }
    app.log.info(
      {
        host: config.host,
        port: config.port,
        embedded: database.embedded,
        node: process.version,
        startMs: Date.now() - started,
      },
      `일터 서버 시작 / ilteo listening on ${config.host}:${config.port}`,
    );
  },
};

/** `ilteo migrate`: applies pending migrations and exits. */
export const migrateCommand: Command = {
  async run() {
    const database = await openDatabase(loadConfig(), { migrate: false });
    try {
      const { migrateToLatest } = await import('../platform/db/migrate.ts');
      const applied = await migrateToLatest(database.db);
      process.stdout.write(
        `${applied.length} migration(s) applied${applied.length ? `: ${applied.join(', ')}` : ''}\n`,
      );
    } finally {
      await database.close();
    }
  },
};
