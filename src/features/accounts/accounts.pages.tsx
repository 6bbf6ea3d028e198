import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, type FieldErrors, fieldErrors, Input, str } from '../../web/forms.tsx';
import { isStaff, Layout, Notice, renderPage } from '../../web/layout.tsx';
import { formToken, pageOpts, query, requireActor, safeNext } from '../../web/page.tsx';
import { SESSION_COOKIE } from './auth.hook.ts';
import { login, logout } from './sessions.service.ts';

defineMessages({
  'page.login.title': ['로그인', 'Log in'],
  'page.login.intro': [
    '상담사, 기업 담당자, 구직자 모두 이곳에서 로그인합니다.',
    'Counsellors, employers and job seekers all log in here.',
  ],
  'page.login.login': ['아이디', 'Login'],
  'page.login.password': ['비밀번호', 'Password'],
  'page.login.otp': ['OTP 코드 (6자리)', 'One-time code (6 digits)'],
  'page.login.otpHint': [
    '2단계 인증을 등록한 경우 인증 앱의 코드를 입력하세요.',
    'If you set up two-step login, enter the code from your authenticator app.',
  ],
  'page.login.submit': ['로그인', 'Log in'],
  'page.login.noAccount': ['계정이 없으신가요?', 'No account yet?'],
  'page.login.registerSeeker': ['구직자 등록', 'Register as a job seeker'],
  'page.login.registerEmployer': ['기업 회원가입', 'Sign up as an employer'],
  'page.totp.title': ['2단계 인증(OTP) 등록', 'Set up two-step login (OTP)'],
  'page.totp.required': [
    '이 계정은 2단계 인증이 필요합니다. 지금 등록해 주세요.',
    'This account needs two-step login. Please set it up now.',
  ],
  'page.totp.intro': [
    '인증 앱(Google Authenticator 등)으로 아래 QR 코드를 스캔한 뒤, 앱에 표시된 6자리 코드를 입력하세요.',
    'Scan the QR code below with an authenticator app, then enter the 6-digit code it shows.',
  ],
  'page.totp.start': ['QR 코드 만들기', 'Create the QR code'],
  'page.totp.qrAlt': ['OTP 등록용 QR 코드', 'QR code for OTP setup'],
  'page.totp.secret': ['직접 입력용 키', 'Key for manual entry'],
  'page.totp.code': ['인증 앱의 6자리 코드', '6-digit code from the app'],
  'page.totp.confirm': ['등록 완료', 'Finish setup'],
  'page.totp.done': ['2단계 인증이 등록되었습니다.', 'Two-step login is set up.'],
  'page.totp.continue': ['계속하기', 'Continue'],
});

/** Where a user lands after login. */
export function homeOf(actor: Pick<Actor, 'role'> | null): string {
  if (!actor) return '/';
  if (isStaff(actor as Actor)) return '/staff';
  if (actor.role === 'seeker') return '/me';
  if (actor.role === 'employer') return '/employer';
  return '/';
}

interface LoginState {
  login?: string;
  next?: string;
  showOtp?: boolean;
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
        <Input
          lang={L}
          name="otp"
          label={t(L, 'page.login.otp')}
          hint={t(L, 'page.login.otpHint')}
          inputMode="numeric"
          autocomplete="one-time-code"
          maxLength={6}
          required={s.showOtp}
          error={errors.otp}
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

function setSession(req: FastifyRequest, reply: FastifyReply, token: string, hours: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: req.protocol === 'https',
    maxAge: hours * 3600,
  });
}

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
  setSession(req, reply, r.sessionToken, ctx.config.sessionAbsoluteHours);
  const user = await ctx.db
    .selectFrom('users')
    .select(['role'])
    .where('id', '=', r.userId)
    .executeTakeFirst();
  return { ...r, role: user?.role ?? 'seeker' };
}

/** Calls one of the auth API routes in-process with the visitor's session (TOTP enrolment). */
async function callAuthApi(app: Server, req: FastifyRequest, url: string, payload?: object) {
  const res = await app.inject({
    method: 'POST',
    url,
    cookies: { [SESSION_COOKIE]: req.cookies[SESSION_COOKIE] ?? '' },
    headers: { 'x-csrf-token': req.csrfToken ?? '', 'accept-language': req.lang },
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

interface TotpState {
  qr?: string;
  secret?: string;
  error?: string;
  done?: boolean;
}

function TotpPage({ req, s }: { req: FastifyRequest; s: TotpState }) {
  const L = req.lang;
  const required = query(req).required === '1';
  return (
    <Layout req={req} title={t(L, 'page.totp.title')}>
      <h1>{t(L, 'page.totp.title')}</h1>
      {required ? <Notice kind="info">{t(L, 'page.totp.required')}</Notice> : null}
      {s.done ? (
        <>
          <Notice kind="ok">{t(L, 'page.totp.done')}</Notice>
          <p>
            <a class="button" href={homeOf(req.actor)}>
              {t(L, 'page.totp.continue')}
            </a>
          </p>
        </>
      ) : s.qr ? (
        <>
          <p>{t(L, 'page.totp.intro')}</p>
          <img class="qr" src={s.qr} alt={t(L, 'page.totp.qrAlt')} width={200} height={200} />
          <p>
            {t(L, 'page.totp.secret')}: <code>{s.secret}</code>
          </p>
          <ErrorSummary lang={L} errors={s.error ? { code: s.error } : {}} />
          <form method="post" action="/account/totp/confirm">
            <Csrf token={req.csrfToken} />
            <input type="hidden" name="qr" value={s.qr} />
            <input type="hidden" name="secret" value={s.secret} />
            <Input
              lang={L}
              name="code"
              label={t(L, 'page.totp.code')}
              inputMode="numeric"
              autocomplete="one-time-code"
              maxLength={6}
              required
              error={s.error}
            />
            <div class="actions">
              <button type="submit">{t(L, 'page.totp.confirm')}</button>
            </div>
          </form>
        </>
      ) : (
        <form method="post" action="/account/totp">
          <Csrf token={req.csrfToken} />
          <p>{t(L, 'page.totp.intro')}</p>
          <button type="submit">{t(L, 'page.totp.start')}</button>
        </form>
      )}
    </Layout>
  );
}

/** /login, /logout and the TOTP enrolment page. */
export function registerAccountPages(app: Server, ctx: AppContext): void {
  app.get('/login', pageOpts, async (req, reply) => {
    const next = query(req).next;
    if (req.actor) return reply.redirect(safeNext(next, homeOf(req.actor)), 303);
    const token = formToken(req, reply);
    return renderPage(reply, <LoginPage req={req} token={token} s={{ next }} />);
  });

  app.post('/login', pageOpts, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const creds = {
      login: str(body, 'login'),
      password: body.password ?? '',
      otp: str(body, 'otp') || undefined,
    };
    const next = str(body, 'next');
    try {
      const errors: FieldErrors = {};
      if (!creds.login) errors.login = t(req.lang, 'field.required');
      if (!creds.password) errors.password = t(req.lang, 'field.required');
      if (Object.keys(errors).length) throw Object.assign(new Error('missing'), { errors });
      const r = await startSession(ctx, req, reply, creds);
      if (r.totpEnrolmentRequired) return reply.redirect('/account/totp?required=1', 303);
      return reply.redirect(safeNext(next, homeOf({ role: r.role })), 303);
    } catch (err) {
      const missing = (err as { errors?: FieldErrors }).errors;
      const e = missing ? { form: '', fields: missing } : fieldErrors(err, req.lang);
      const showOtp = err instanceof DomainError && err.key.startsWith('auth.otp');
      const token = formToken(req, reply);
      return renderPage(
        reply,
        <LoginPage
          req={req}
          token={token}
          s={{ login: creds.login, next, showOtp, message: e.form, errors: e.fields }}
        />,
        missing ? 400 : 401,
      );
    }
  });

  app.post('/logout', pageOpts, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/account/totp', pageOpts, async (req, reply) => {
    requireActor(req);
    return renderPage(reply, <TotpPage req={req} s={{}} />);
  });

  app.post('/account/totp', pageOpts, async (req, reply) => {
    requireActor(req);
    const r = await callAuthApi(app, req, '/api/v1/auth/totp/enrol');
    if (r.status !== 200) throw new DomainError('forbidden', 'error.forbidden');
    return renderPage(
      reply,
      <TotpPage req={req} s={{ qr: String(r.body.qrDataUrl), secret: String(r.body.secret) }} />,
    );
  });

  app.post('/account/totp/confirm', pageOpts, async (req, reply) => {
    requireActor(req);
    const body = (req.body ?? {}) as Record<string, string>;
    const code = str(body, 'code');
    const r = await callAuthApi(app, req, '/api/v1/auth/totp/confirm', { code });
    if (r.status === 200) return renderPage(reply, <TotpPage req={req} s={{ done: true }} />);
    const qr = str(body, 'qr');
    const secret = str(body, 'secret');
    const safeQr = qr.startsWith('data:image/png;base64,') ? qr : '';
    return renderPage(
      reply,
      <TotpPage
        req={req}
        s={{
          qr: safeQr,
          secret,
          error: t(req.lang, /^\d{6}$/.test(code) ? 'auth.otpInvalid' : 'field.pattern'),
        }}
      />,
      400,
    );
  });
}
