import QRCode from 'qrcode';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import { DomainError } from '../../platform/errors.ts';
import { problems } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { LoginBody, TokenCreate, User } from './accounts.schema.ts';
import { SESSION_COOKIE } from './auth.hook.ts';
import { createToken, login, logout } from './sessions.service.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.ts';
import { getOwnUser } from './users.service.ts';

const tags = ['auth'];

/** Login, logout, API tokens and TOTP enrolment. */
export function registerAuthRoutes(app: Server, ctx: AppContext): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
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
      reply.setCookie(SESSION_COOKIE, r.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: req.protocol === 'https',
        maxAge: ctx.config.sessionAbsoluteHours * 3600,
      });
      return {
        user: await getOwnUser(ctx.db, r.userId),
        csrfToken: r.csrfToken,
        totpEnrolmentRequired: r.totpEnrolmentRequired,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { public: true }, schema: { tags, summary: '로그아웃 / log out' } },
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
      config: { public: true },
      schema: {
        tags,
        summary: '내 계정 / current user',
        response: {
          200: Type.Object({ user: User, csrfToken: Type.Union([Type.String(), Type.Null()]) }),
          ...problems,
        },
      },
    },
    async (req) => {
      if (!req.actor) throw new DomainError('unauthenticated', 'error.unauthenticated');
      return {
        user: await getOwnUser(ctx.db, req.actor.userId),
        csrfToken: req.csrfToken,
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
        body: TokenCreate,
        response: {
          200: Type.Object({
            id: Type.String(),
            token: Type.String(),
            expiresAt: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems,
        },
      },
    },
    async (req) => createToken(ctx.db, req.actor!, req.body),
  );

  app.post(
    '/api/v1/auth/totp/enrol',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'OTP 등록 시작 / start TOTP enrolment',
        response: {
          200: Type.Object({ secret: Type.String(), otpauthUri: Type.String(), qrDataUrl: Type.String() }),
          ...problems,
        },
      },
    },
    async (req) => {
      if (req.actor?.via !== 'session') throw new DomainError('unauthenticated', 'error.unauthenticated');
      const secret = newTotpSecret();
      // Stored but not enabled until the user proves the app shows the same codes.
      await ctx.db
        .updateTable('users')
        .set({ totp_secret: encryptField(ctx.dataKey, secret), totp_enabled: false })
        .where('id', '=', req.actor.userId)
        .execute();
      const uri = otpauthUri(secret, req.actor.login);
      return { secret, otpauthUri: uri, qrDataUrl: await QRCode.toDataURL(uri) };
    },
  );

  app.post(
    '/api/v1/auth/totp/confirm',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'OTP 등록 완료 / confirm TOTP enrolment',
        body: Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ totpEnabled: Type.Boolean() }), ...problems },
      },
    },
    async (req) => {
      if (req.actor?.via !== 'session') throw new DomainError('unauthenticated', 'error.unauthenticated');
      const row = await ctx.db
        .selectFrom('users')
        .select('totp_secret')
        .where('id', '=', req.actor.userId)
        .executeTakeFirstOrThrow();
      const secret = decryptField(ctx.dataKey, row.totp_secret);
      if (!secret || !verifyTotp(secret, req.body.code)) {
        throw new DomainError('validation', 'auth.otpInvalid', {}, [
          { field: 'code', key: 'auth.otpInvalid' },
        ]);
      }
      await ctx.db
        .updateTable('users')
        .set({ totp_enabled: true })
        .where('id', '=', req.actor.userId)
        .execute();
      return { totpEnabled: true };
    },
  );
}
