import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorize, totpEnrolmentRequired } from '../../platform/access/policy.ts';
import type { Config } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { bearerSchemeOf } from '../../platform/http/bearer.ts';
import type { Server } from '../../platform/http/server.ts';
import { resolveSession, resolveToken } from './sessions.service.ts';

export const SESSION_COOKIE = 'ilteo_session';
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The page a session that must enrol its second factor is sent to. */
export const TOTP_ENROL_PAGE = '/account/totp?required=1';

/** Sets the session cookie (HttpOnly, SameSite=Lax, Secure behind TLS, absolute lifetime). */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, config: Config) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: req.protocol === 'https',
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

/** Server-rendered pages: everything but the API, static files and the health checks. */
function isPage(url: string): boolean {
  return (
    url.startsWith('/') &&
    !url.startsWith('/api/') &&
    !url.startsWith('/static/') &&
    url !== '/healthz' &&
    url !== '/readyz'
  );
}

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
 * - onRequest resolves the actor from the session cookie or a Bearer token, and holds an actor
 *   that must still enrol its second factor (SECURITY.md 5) to the routes marked
 *   `config.totpEnrolment`: other /api/v1 routes answer 403, pages redirect to the enrolment page;
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
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice(7).trim();
      // Other credential kinds (partner keys) are recognised by their prefix.
      const scheme = bearerSchemeOf(app, token);
      const actor = scheme ? await scheme.resolve(token) : await resolveToken(ctx.db, token);
      if (!actor) throw new DomainError('unauthenticated', 'error.unauthenticated');
      req.actor = actor;
      // A partner key outside its scopes is refused before its body is read (SECURITY.md 23).
      const permission = (req.routeOptions.config as { permission?: Parameters<typeof authorize>[1] })
        ?.permission;
      if (actor.partner && permission) authorize(actor, permission);
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      const s = cookie ? await resolveSession(ctx.db, ctx.config, cookie) : null;
      if (s) {
        req.actor = s.actor;
        req.csrfToken = s.csrfToken;
      }
    }
    // Held before the body is even read, so the answer does not depend on what was sent.
    if (req.actor?.totpEnrolmentRequired && !req.routeOptions.config?.totpEnrolment) {
      const url = req.routeOptions.url ?? '';
      if (url.startsWith('/api/v1/')) throw totpEnrolmentRequired();
      if (isPage(url)) return reply.redirect(TOTP_ENROL_PAGE, 303);
    }
  });
  app.addHook('preHandler', async (req: FastifyRequest) => {
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
    /**
     * Open to a session that must still enrol its second factor: login, logout, who am I and
     * the enrolment itself. Every other route refuses such a session.
     */
    totpEnrolment?: boolean;
  }
}
