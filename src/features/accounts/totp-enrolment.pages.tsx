import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, OtpInput, str } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, query, requireActor } from '../../web/page.tsx';
import { setSessionCookie } from './auth.hook.ts';
import { homeOf } from './landing.ts';
import { sha256 } from './sessions.service.ts';
import { confirmTotpEnrolment, pendingTotpEnrolment, startTotpEnrolment } from './totp.service.ts';

defineMessages({
  'page.totp.title': ['2단계 인증(OTP) 등록', 'Set up two-step login (OTP)'],
  'page.totp.required': [
    '이 계정은 2단계 인증이 필요합니다. 등록을 마쳐야 다른 메뉴를 쓸 수 있습니다.',
    'This account needs two-step login. Finish the setup to use the other pages.',
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

/** Page options of the routes a session that must still enrol its second factor may use. */
export const enrolmentPageOpts = { ...pageOpts, config: { totpEnrolment: true } };

interface TotpState {
  qr?: string;
  secret?: string;
  error?: string;
  done?: boolean;
}

function TotpPage({ req, s }: { req: FastifyRequest; s: TotpState }) {
  const L = req.lang;
  const required = req.actor?.totpEnrolmentRequired === true || query(req).required === '1';
  return (
    <Layout req={req} title={t(L, 'page.totp.title')}>
      <h1>{t(L, 'page.totp.title')}</h1>
      {required && !s.done ? <Notice kind="info">{t(L, 'page.totp.required')}</Notice> : null}
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
            {t(L, 'page.totp.secret')}: <code id="totp-secret">{s.secret}</code>
          </p>
          <ErrorSummary lang={L} errors={s.error ? { code: s.error } : {}} />
          <form method="post" action="/account/totp/confirm">
            <Csrf token={req.csrfToken} />
            <OtpInput lang={L} name="code" label={t(L, 'page.totp.code')} error={s.error} />
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

/**
 * /account/totp: enrolment of a TOTP second factor, open to a session that must still enrol
 * one (`totpEnrolment`); confirming it gives the visitor a new full session.
 */
export function registerTotpEnrolmentPages(app: Server, ctx: AppContext): void {
  const opts = enrolmentPageOpts;
  app.get('/account/totp', opts, async (req, reply) => {
    requireActor(req);
    return renderPage(reply, <TotpPage req={req} s={{}} />);
  });

  app.post('/account/totp', opts, async (req, reply) => {
    const r = await startTotpEnrolment(ctx.db, ctx.dataKey, requireActor(req));
    return renderPage(reply, <TotpPage req={req} s={{ qr: r.qrDataUrl, secret: r.secret }} />);
  });

  app.post('/account/totp/confirm', opts, async (req, reply) => {
    const actor = requireActor(req);
    const body = (req.body ?? {}) as Record<string, string>;
    const code = str(body, 'code');
    try {
      if (!/^\d{6}$/.test(code)) {
        throw new DomainError('validation', 'field.pattern', {}, [{ field: 'code', key: 'field.pattern' }]);
      }
      const s = await confirmTotpEnrolment(ctx.db, ctx.config, ctx.dataKey, actor, { code, ip: req.ip });
      setSessionCookie(req, reply, s.sessionToken, ctx.config);
      // The page below already belongs to the new session (its logout form, its CSRF token).
      req.actor = { ...actor, totpEnrolmentRequired: false, sessionId: sha256(s.sessionToken) };
      req.csrfToken = s.csrfToken;
      return renderPage(reply, <TotpPage req={req} s={{ done: true }} />);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation') throw err;
      const pending = await pendingTotpEnrolment(ctx.db, ctx.dataKey, actor);
      const s = pending ? { qr: pending.qrDataUrl, secret: pending.secret } : {};
      return renderPage(reply, <TotpPage req={req} s={{ ...s, error: t(req.lang, err.key) }} />, 400);
    }
  });
}
