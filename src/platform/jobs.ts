import { PgBoss } from 'pg-boss';

/** A background job: a queue name, its handler and an optional cron schedule (Asia/Seoul). */
export interface JobDefinition<T extends object = object> {
  name: string;
  cron?: string;
  handler: (data: T) => Promise<void>;
}

export interface JobQueue {
  send<T extends object>(name: string, data: T): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the Postgres-backed queue (pg-boss: FOR UPDATE SKIP LOCKED, so any number of app
 * processes share the work, and a cron schedule fires once across all of them).
 */
/** How often a worker asks for work (s). */
export const POLL_SECONDS = 5;

export async function startJobs(url: string, jobs: JobDefinition[]): Promise<JobQueue> {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4 });
  boss.on('error', () => {
    // pg-boss retries by itself; an error event must not crash the process.
  });
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    // Every job here is started by its cron schedule (minute grain), so a worker asks for work
    // every 5 s rather than pg-boss's 2 s: with ten queues the default polling planned and ran
    // five statements a second on an idle server (issue 23 item 8).
    await boss.work<object>(job.name, { pollingIntervalSeconds: POLL_SECONDS }, async (batch) => {
      for (const j of batch) await job.handler(j.data);
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Seoul' });
  }
  return {
    async send(name, data) {
      await boss.send(name, data);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
