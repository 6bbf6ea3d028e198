import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { IdParams, Page, PageQuery, pageOf, problems } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { LoginBody, TokenCreate, TokenInfo, User } from './accounts.schema.ts';
import { SESSION_COOKIE, setSessionCookie } from './auth.hook.ts';
import { login, logout } from './sessions.service.ts';
import { createToken, listOwnTokens, revokeOwnToken } from './tokens.service.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from './totp.service.ts';
import { getOwnUser } from './users.service.ts';

const tags = ['auth'];

/**
 * Login, logout, API tokens and TOTP enrolment. The routes marked `totpEnrolment` are the only
 * ones a session that must still enrol its second factor may use.
 */
export function registerAuthRoutes(app: Server, ctx: AppContext): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, totpEnrolment: true },
      schema: {
        tags,
        summary: '로그인 / log in',
        body: LoginBody,
        response: {
          200: Type.Object({ user: User, csrfToken: Type.String(), totpEnrolmentRequired: Type.Boolean() }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const old = req.cookies[SESSION_COOKIE];
      if (old) await logout(ctx.db, old);
      const r = await login(ctx.db, ctx.config, ctx.dataKey, { ...req.body, ip: req.ip });
      setSessionCookie(req, reply, r.sessionToken, ctx.config);
      return {
        user: await getOwnUser(ctx.db, r.userId),
        csrfToken: r.csrfToken,
        totpEnrolmentRequired: r.totpEnrolmentRequired,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { public: true, totpEnrolment: true }, schema: { tags, summary: '로그아웃 / log out' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(ctx.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { public: true, totpEnrolment: true },
      schema: {
        tags,
        summary: '내 계정 / current user',
        response: {
          200: Type.Object({
            user: User,
            csrfToken: Type.Union([Type.String(), Type.Null()]),
            totpEnrolmentRequired: Type.Boolean(),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      if (!req.actor) throw new DomainError('unauthenticated', 'error.unauthenticated');
      return {
        user: await getOwnUser(ctx.db, req.actor.userId),
        csrfToken: req.csrfToken,
        totpEnrolmentRequired: req.actor.totpEnrolmentRequired === true,
      };
    },
  );

  app.post(
    '/api/v1/auth/tokens',
    {
      config: { permission: 'tokens.create' },
      schema: {
        tags,
        summary: 'API 토큰 발급 / create an API token',
        description:
          '기본 유효기간은 ILTEO_TOKEN_DAYS(90일), expiresInDays로 1–365일. / Expires after ILTEO_TOKEN_DAYS (90) days unless expiresInDays (1–365) says otherwise.',
        body: TokenCreate,
        response: {
          200: Type.Object({ id: Type.String(), token: Type.String(), expiresAt: Type.String() }),
          ...problems,
        },
      },
    },
    async (req) => createToken(ctx.db, ctx.config, req.actor!, req.body),
  );

  // Listing and revoking one's own tokens needs the right to have them.
  app.get(
    '/api/v1/auth/tokens',
    {
      config: { permission: 'tokens.create' },
      schema: {
        tags,
        summary: '내 API 토큰 목록 / my API tokens',
        querystring: Type.Object(PageQuery),
        response: { 200: Page(TokenInfo), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listOwnTokens(ctx.db, req.actor!, { offset: p.offset, limit: p.pageSize });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );

  app.delete(
    '/api/v1/auth/tokens/:id',
    {
      config: { permission: 'tokens.create' },
      schema: {
        tags,
        summary: 'API 토큰 폐기 / revoke an API token',
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await revokeOwnToken(ctx.db, req.actor!, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/totp/enrol',
    {
      config: { public: true, totpEnrolment: true },
      schema: {
        tags,
        summary: 'OTP 등록 시작 / start TOTP enrolment',
        response: {
          200: Type.Object({ secret: Type.String(), otpauthUri: Type.String(), qrDataUrl: Type.String() }),
          ...problems,
        },
      },
    },
    async (req) => startTotpEnrolment(ctx.db, ctx.dataKey, req.actor),
  );

  app.post(
    '/api/v1/auth/totp/confirm',
    {
      config: { public: true, totpEnrolment: true },
      schema: {
        tags,
        summary: 'OTP 등록 완료 / confirm TOTP enrolment',
        description:
          '세션이 새 ID로 바뀝니다(새 쿠키와 csrfToken). / The session gets a new id: a new cookie and csrfToken.',
        body: Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ totpEnabled: Type.Boolean(), csrfToken: Type.String() }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const s = await confirmTotpEnrolment(ctx.db, ctx.config, ctx.dataKey, req.actor, {
        code: req.body.code,
        ip: req.ip,
      });
      setSessionCookie(req, reply, s.sessionToken, ctx.config);
      return { totpEnabled: true, csrfToken: s.csrfToken };
    },
  );
}
