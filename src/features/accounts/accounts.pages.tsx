import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, type FieldErrors, fieldErrors, Input, OtpInput, str } from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { formToken, query, safeNext } from '../../web/page.tsx';
import { registerAuditPages } from './audit.pages.tsx';
import { SESSION_COOKIE, setSessionCookie } from './auth.hook.ts';
import { registerCentrePages } from './centres.pages.tsx';
import { homeOf } from './landing.ts';
import { CODE_STEP_MINUTES, codeStepToken, readCodeStepToken } from './login-code.ts';
import {
  checkPassword,
  completeLogin,
  type LoginResult,
  logout,
  type PasswordChecked,
  passwordCheckedUser,
} from './sessions.service.ts';
import { enrolmentPageOpts, registerTotpEnrolmentPages } from './totp-enrolment.pages.tsx';
import { registerUserPages } from './users.pages.tsx';

defineMessages({
  'page.login.title': ['로그인', 'Log in'],
  'page.login.intro': [
    '상담사, 기업 담당자, 구직자 모두 이곳에서 로그인합니다.',
    'Counsellors, employers and job seekers all log in here.',
  ],
  'page.login.login': ['아이디', 'Login'],
  'page.login.password': ['비밀번호', 'Password'],
  'page.login.submit': ['로그인', 'Log in'],
  'page.login.noAccount': ['계정이 없으신가요?', 'No account yet?'],
  'page.login.registerSeeker': ['구직자 등록', 'Register as a job seeker'],
  'page.login.registerEmployer': ['기업 회원가입', 'Sign up as an employer'],
  'page.login.codeTitle': ['OTP 코드 입력', 'Enter your one-time code'],
  'page.login.codeIntro': [
    '비밀번호가 확인되었습니다. 인증 앱에 표시된 6자리 코드를 {minutes}분 안에 입력하세요.',
    'Your password is right. Within {minutes} minutes, enter the 6-digit code your authenticator app shows.',
  ],
  'page.login.otp': ['OTP 코드 (6자리)', 'One-time code (6 digits)'],
  'page.login.codeSubmit': ['확인', 'Verify'],
  'page.login.restart': ['처음부터 다시 로그인', 'Start the login again'],
  'page.login.codeExpired': [
    '코드 입력 시간이 지났습니다. 아이디와 비밀번호를 다시 입력하세요.',
    'The time to enter the code has run out. Enter your login and password again.',
  ],
});

/** The HttpOnly cookie of the login's code step (`login-code.ts`), sent to /login* only. */
const CODE_COOKIE = 'ilteo_login_code';

interface LoginState {
  login?: string;
  next?: string;
  message?: string;
  errors?: FieldErrors;
}

function LoginPage({ req, token, s }: { req: FastifyRequest; token: string; s: LoginState }) {
  const L = req.lang;
  const errors = s.errors ?? {};
  return (
    <Layout req={req} title={t(L, 'page.login.title')}>
      <h1>{t(L, 'page.login.title')}</h1>
      <p>{t(L, 'page.login.intro')}</p>
      <ErrorSummary lang={L} message={s.message} errors={errors} />
      <form method="post" action="/login" class="narrow">
        <Csrf token={token} />
        <input type="hidden" name="next" value={s.next ?? ''} />
        <Input
          lang={L}
          name="login"
          label={t(L, 'page.login.login')}
          value={s.login}
          required
          autocomplete="username"
          error={errors.login}
        />
        <Input
          lang={L}
          name="password"
          type="password"
          label={t(L, 'page.login.password')}
          required
          autocomplete="current-password"
          error={errors.password}
        />
        <div class="actions">
          <button type="submit">{t(L, 'page.login.submit')}</button>
        </div>
      </form>
      <p>
        {t(L, 'page.login.noAccount')} <a href="/register">{t(L, 'page.login.registerSeeker')}</a> ·{' '}
        <a href="/employer/signup">{t(L, 'page.login.registerEmployer')}</a>
      </p>
    </Layout>
  );
}

/** The code step: a right password waits here for the TOTP code. */
function CodePage({ req, token, s }: { req: FastifyRequest; token: string; s: LoginState }) {
  const L = req.lang;
  const errors = s.errors ?? {};
  return (
    <Layout req={req} title={t(L, 'page.login.codeTitle')}>
      <h1>{t(L, 'page.login.codeTitle')}</h1>
      <p>{t(L, 'page.login.codeIntro', { minutes: CODE_STEP_MINUTES })}</p>
      <ErrorSummary lang={L} message={s.message} errors={errors} />
      <form method="post" action="/login/code" class="narrow">
        <Csrf token={token} />
        <input type="hidden" name="next" value={s.next ?? ''} />
        <OtpInput lang={L} name="otp" label={t(L, 'page.login.otp')} error={errors.otp} />
        <div class="actions">
          <button type="submit">{t(L, 'page.login.codeSubmit')}</button>
        </div>
      </form>
      <p>
        <a href={s.next ? `/login?next=${encodeURIComponent(s.next)}` : '/login'}>
          {t(L, 'page.login.restart')}
        </a>
      </p>
    </Layout>
  );
}

function setCodeCookie(req: FastifyRequest, reply: FastifyReply, value: string) {
  reply.setCookie(CODE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/login',
    secure: req.protocol === 'https',
    maxAge: CODE_STEP_MINUTES * 60,
  });
}

/** Ends the visitor's old session, finishes the login and sets the new session cookie. */
async function openWebSession(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  user: PasswordChecked,
  otp: string | undefined,
): Promise<LoginResult> {
  const r = await completeLogin(ctx.db, ctx.config, ctx.dataKey, user, { otp, ip: req.ip });
  const old = req.cookies[SESSION_COOKIE];
  if (old) await logout(ctx.db, old);
  setSessionCookie(req, reply, r.sessionToken, ctx.config);
  return r;
}

/** Where a finished login goes: enrolment first when a factor is missing, else `next` or home. */
function landing(r: LoginResult, role: PasswordChecked['role'], next: string): string {
  const home = homeOf({ role, totpEnrolmentRequired: r.totpEnrolmentRequired });
  return r.totpEnrolmentRequired ? home : safeNext(next, home);
}

/**
 * /login (password, then a code step for users with a second factor), /logout and the TOTP
 * enrolment page.
 */
export function registerAccountPages(app: Server, ctx: AppContext): void {
  registerUserPages(app, ctx);
  registerAuditPages(app, ctx);
  registerCentrePages(app, ctx);
  app.get('/login', enrolmentPageOpts, async (req, reply) => {
    const next = query(req).next;
    if (req.actor) return reply.redirect(safeNext(next, homeOf(req.actor)), 303);
    const token = formToken(req, reply);
    return renderPage(reply, <LoginPage req={req} token={token} s={{ next }} />);
  });

  app.post('/login', enrolmentPageOpts, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const creds = { login: str(body, 'login'), password: body.password ?? '' };
    const otp = str(body, 'otp') || undefined;
    const next = str(body, 'next');
    try {
      const errors: FieldErrors = {};
      if (!creds.login) errors.login = t(req.lang, 'field.required');
      if (!creds.password) errors.password = t(req.lang, 'field.required');
      if (Object.keys(errors).length) throw Object.assign(new Error('missing'), { errors });
      const user = await checkPassword(ctx.db, ctx.config, creds);
      if (user.totpSecret && !otp) {
        setCodeCookie(req, reply, codeStepToken(ctx.dataKey, user.id));
        return reply.redirect(`/login/code${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
      }
      const r = await openWebSession(ctx, req, reply, user, otp);
      return reply.redirect(landing(r, user.role, next), 303);
    } catch (err) {
      const missing = (err as { errors?: FieldErrors }).errors;
      const e = missing ? { form: '', fields: missing } : fieldErrors(err, req.lang);
      const token = formToken(req, reply);
      return renderPage(
        reply,
        <LoginPage
          req={req}
          token={token}
          s={{ login: creds.login, next, message: e.form, errors: e.fields }}
        />,
        missing ? 400 : 401,
      );
    }
  });

  const codeStepUser = (req: FastifyRequest) => {
    const cookie = req.cookies[CODE_COOKIE];
    return cookie ? readCodeStepToken(ctx.dataKey, cookie) : null;
  };
  const restart = (req: FastifyRequest, reply: FastifyReply, next: string, message: string) => {
    reply.clearCookie(CODE_COOKIE, { path: '/login' });
    const token = formToken(req, reply);
    return renderPage(reply, <LoginPage req={req} token={token} s={{ next, message }} />, 401);
  };

  app.get('/login/code', enrolmentPageOpts, async (req, reply) => {
    const next = query(req).next ?? '';
    if (req.actor) return reply.redirect(safeNext(next, homeOf(req.actor)), 303);
    if (!codeStepUser(req)) return restart(req, reply, next, t(req.lang, 'page.login.codeExpired'));
    const token = formToken(req, reply);
    return renderPage(reply, <CodePage req={req} token={token} s={{ next }} />);
  });

  app.post('/login/code', enrolmentPageOpts, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const next = str(body, 'next');
    const otp = str(body, 'otp');
    const userId = codeStepUser(req);
    if (!userId) return restart(req, reply, next, t(req.lang, 'page.login.codeExpired'));
    try {
      if (!otp) {
        throw new DomainError('unauthenticated', 'auth.otpRequired', {}, [
          { field: 'otp', key: 'auth.otpRequired' },
        ]);
      }
      const user = await passwordCheckedUser(ctx.db, ctx.config, userId);
      const r = await openWebSession(ctx, req, reply, user, otp);
      reply.clearCookie(CODE_COOKIE, { path: '/login' });
      return reply.redirect(landing(r, user.role, next), 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      // A wrong or missing code is asked for again; a lock or a disabled account starts over.
      if (!e.fields.otp) return restart(req, reply, next, e.form);
      const token = formToken(req, reply);
      return renderPage(
        reply,
        <CodePage req={req} token={token} s={{ next, message: e.form, errors: e.fields }} />,
        401,
      );
    }
  });

  app.post('/logout', enrolmentPageOpts, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  registerTotpEnrolmentPages(app, ctx);
}
