import { sql } from 'kysely';
import { migrationsCurrent } from '../db/migrate.ts';
import type { Db } from '../db/pool.ts';
import type { Server } from './server.ts';

/** /healthz: the process answers. /readyz: the database answers and its schema is current. */
export function registerHealth(app: Server, db: Db) {
  app.get('/healthz', { schema: { tags: ['platform'], summary: 'Process is up' } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { schema: { tags: ['platform'], summary: 'Database reachable, migrations current' } },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(db);
        if (!(await migrationsCurrent(db))) return reply.status(503).send({ status: 'migrations pending' });
        return { status: 'ready' };
      } catch {
        return reply.status(503).send({ status: 'database unreachable' });
      }
    },
  );
}
