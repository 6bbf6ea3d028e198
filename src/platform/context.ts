import type { Config } from './config.ts';
import type { Db } from './db/pool.ts';
import type { ReadReplica } from './db/replica.ts';
import { DomainError } from './errors.ts';
import type { Actor } from './http/actor.ts';
import type { Server } from './http/server.ts';
import type { Lang } from './i18n/i18n.ts';
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

/**
 * What a use case gets for one request (ENGINEERING.md house style): the database (or the
 * caller's transaction), who acts, from where, and in which language. Use cases take
 * `(ctx, options)`; a use case that runs in a transaction passes `{ ...ctx, db: tx }` on.
 */
export interface RequestContext {
  db: Db;
  actor: Actor;
  ip: string | null;
  lang: Lang;
}

/** The request context of a Fastify request whose actor the route's permission has resolved. */
export function requestContext(db: Db, req: { actor: Actor | null; ip: string; lang: Lang }): RequestContext {
  if (!req.actor) throw new DomainError('unauthenticated', 'error.unauthenticated');
  return { db, actor: req.actor, ip: req.ip, lang: req.lang };
}
