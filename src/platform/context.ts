import type { Config } from './config.ts';
import type { Db } from './db/pool.ts';
import type { ReadReplica } from './db/replica.ts';
import type { Server } from './http/server.ts';
import type { JobDefinition } from './jobs.ts';

/** What a feature gets at start: no container, just the things it uses. */
export interface AppContext {
  db: Db;
  /** The streaming replica of DATABASE_REPLICA_URL (reports and exports read there), if any. */
  replica?: ReadReplica | null;
  config: Config;
  /** Key for field encryption (phone, e-mail, address). */
  dataKey: Buffer;
}

/** A feature plugs into the app through this shape (see src/features/index.ts). */
export interface Feature {
  name: string;
  routes?(app: Server, ctx: AppContext): void | Promise<void>;
  jobs?(ctx: AppContext): JobDefinition[];
  /** Runs once after migrations, before the server listens (e.g. first admin). */
  onStart?(ctx: AppContext): Promise<void>;
}
