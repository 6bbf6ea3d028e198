import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { SESSION_COOKIE, setSessionCookie } from './auth.hook.ts';
import { login, logout } from './sessions.service.ts';

/** Runs the login service and sets the session cookie (also used after self-registration). */
export async function startSession(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  creds: { login: string; password: string; otp?: string },
) {
  const old = req.cookies[SESSION_COOKIE];
  if (old) await logout(ctx.db, old);
  const r = await login(ctx.db, ctx.config, ctx.dataKey, { ...creds, ip: req.ip });
  setSessionCookie(req, reply, r.sessionToken, ctx.config);
  const user = await ctx.db
    .selectFrom('users')
    .select(['role'])
    .where('id', '=', r.userId)
    .executeTakeFirst();
  return { ...r, role: user?.role ?? 'seeker' };
}
