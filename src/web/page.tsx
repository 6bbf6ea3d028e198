import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { can, type Permission } from '../platform/access/policy.ts';
import { DomainError } from '../platform/errors.ts';
import type { Actor } from '../platform/http/actor.ts';
import { toProblem } from '../platform/http/problem.ts';
import { t } from '../platform/i18n/i18n.ts';
import { ErrorPage, renderPage, toLogin } from './layout.tsx';

const FORM_COOKIE = 'ilteo_form';

/** Thrown by page handlers to send the visitor to the login page. */
class NeedLogin extends Error {}

/**
 * Errors of page routes become pages, not problem+json: 404/403 pages in the layout, a login
 * redirect for anonymous visitors, 500 otherwise.
 */
export function pageErrorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (
    err instanceof NeedLogin ||
    (err instanceof DomainError && err.code === 'unauthenticated' && !req.actor)
  ) {
    return toLogin(req, reply);
  }
  if (err instanceof DomainError) {
    if (err.code === 'not_found') {
      return renderPage(
        reply,
        <ErrorPage req={req} status={404} message={t(req.lang, 'web.error.notFound')} />,
        404,
      );
    }
    if (err.code === 'forbidden') {
      return renderPage(reply, <ErrorPage req={req} status={403} message={t(req.lang, err.key)} />, 403);
    }
  }
  // Everything else is mapped by the same function as the API (problem.ts): a value the
  // database refused, a body that is not UTF-8, a validation error of a hook — each its own
  // status and message, as an HTML page; only real faults are 500.
  const p = toProblem(err, req.lang);
  if (p.status >= 500) req.log.error(err);
  const message =
    p.status === 404
      ? t(req.lang, 'web.error.notFound')
      : p.status >= 500
        ? t(req.lang, 'error.internal')
        : p.detail;
  return renderPage(
    reply,
    <ErrorPage req={req} status={p.status} message={message} errors={p.errors} />,
    p.status,
  );
}

/** Options every page route uses: hidden from OpenAPI, HTML errors, CSRF for anonymous forms. */
export const pageOpts = {
  schema: { hide: true },
  errorHandler: pageErrorHandler,
  preHandler: checkFormToken,
} satisfies RouteShorthandOptions;

/** The signed-in actor, or a redirect to /login?next=… */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new NeedLogin();
  return req.actor;
}

/** The actor when it holds the permission; 403 page otherwise, login when anonymous. */
export function requirePermission(req: FastifyRequest, permission: Permission): Actor {
  const actor = requireActor(req);
  if (!can(actor, permission)) throw new DomainError('forbidden', 'web.error.forbidden');
  return actor;
}

/**
 * The CSRF token for a form. Signed-in users carry their session's token (checked by the auth
 * hook); anonymous forms (login, sign-up) use a double-submit cookie checked by checkFormToken.
 */
export function formToken(req: FastifyRequest, reply: FastifyReply): string {
  if (req.csrfToken) return req.csrfToken;
  let token = req.cookies[FORM_COOKIE];
  if (!token || token.length < 20) {
    token = randomBytes(24).toString('base64url');
    reply.setCookie(FORM_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: req.protocol === 'https',
    });
  }
  return token;
}

async function checkFormToken(req: FastifyRequest) {
  if (req.method !== 'POST' || req.csrfToken) return; // sessions: the auth hook checks
  const sent = (req.body as { _csrf?: string } | undefined)?._csrf ?? '';
  const cookie = req.cookies[FORM_COOKIE] ?? '';
  const a = Buffer.from(sent);
  const b = Buffer.from(cookie);
  if (!cookie || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new DomainError('forbidden', 'error.csrf');
  }
}

/** A local path to return to after login; anything else falls back to `fallback`. */
export function safeNext(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return fallback;
  }
  return next;
}

/** Query parameters of a page as strings. */
export function query(req: FastifyRequest): Record<string, string> {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) out[k] = Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '');
  return out;
}

/** Page number from ?page=, at least 1. */
export function pageNo(req: FastifyRequest): number {
  const n = Number.parseInt(query(req).page ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 10_000) : 1;
}

/** The guard every list page starts with: the permitted actor, language, query and page number. */
export function pageGuard(req: FastifyRequest, permission: Permission) {
  const actor = requirePermission(req, permission);
  return { actor, L: req.lang, q: query(req), page: pageNo(req) };
}

/** Offset and limit of a page of `size` rows. */
export function pageWindow(page: number, size = 20): { offset: number; limit: number } {
  return { offset: (page - 1) * size, limit: size };
}

/** The :id (or other) route parameter when it is a UUID; a 404 page otherwise. */
export function uuidParam(req: FastifyRequest, name = 'id'): string {
  const id = (req.params as Record<string, string>)[name] ?? '';
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('not_found', 'error.notFound');
  return id;
}

/** True when the request came from app.js asking for a fragment swap. */
export function isPartial(req: FastifyRequest): boolean {
  return req.headers['x-partial'] === '1';
}

/** Seoul-time date (YYYY-MM-DD) and time of an instant, for display. */
export function seoul(at: string | Date | null | undefined, withTime = true): string {
  if (!at) return '';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  const s = d.toLocaleString('sv-SE', { timeZone: 'Asia/Seoul', hour12: false });
  return withTime ? s.slice(0, 16) : s.slice(0, 10);
}

/** Korean-style number with thousands separators. */
export function num(n: number | null | undefined): string {
  return n == null ? '' : n.toLocaleString('ko-KR');
}
