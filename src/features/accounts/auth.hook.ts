import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/access/policy.ts';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { resolveSession, resolveToken } from './sessions.service.ts';

export const SESSION_COOKIE = 'ilteo_session';
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken: string | null;
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authentication and authorisation for every route, in one place:
 * - onRequest resolves the actor from the session cookie or a Bearer token;
 * - preHandler checks CSRF on cookie requests that change state, then the route's permission.
 * Every /api/v1 route must declare `config.permission` or `config.public`, or start-up fails.
 */
export function registerAuth(app: Server, ctx: AppContext): void {
  app.decorateRequest('csrfToken', null);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    const cfg = route.config as
      | { permission?: string; public?: boolean; selfAuthorised?: boolean }
      | undefined;
    if (url.startsWith('/api/v1/') && !cfg?.permission && !cfg?.public && !cfg?.selfAuthorised) {
      throw new Error(`route ${route.method} ${url} declares no permission`);
    }
  });
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const actor = await resolveToken(ctx.db, auth.slice(7).trim());
      if (!actor) throw new DomainError('unauthenticated', 'error.unauthenticated');
      req.actor = actor;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) {
      const s = await resolveSession(ctx.db, ctx.config, cookie);
      if (s) {
        req.actor = s.actor;
        req.csrfToken = s.csrfToken;
      }
    }
  });
  app.addHook('preHandler', async (req: FastifyRequest, _reply: FastifyReply) => {
    const cfg = req.routeOptions.config as { permission?: Parameters<typeof authorize>[1]; public?: boolean };
    if (req.actor?.via === 'session' && unsafe.has(req.method) && req.csrfToken) {
      const sent =
        (req.headers['x-csrf-token'] as string | undefined) ??
        (req.body as { _csrf?: string } | undefined)?._csrf;
      if (!sent || !same(sent, req.csrfToken)) throw new DomainError('forbidden', 'error.csrf');
    }
    if (cfg?.permission) authorize(req.actor, cfg.permission);
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The handler checks access itself (e.g. a one-time link); use sparingly. */
    selfAuthorised?: boolean;
  }
}
