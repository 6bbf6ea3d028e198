import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { CodeTags } from '../../web/codes.tsx';
import { Csrf, ErrorSummary, type FieldErrors, Select, str } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { LoginFields } from '../../web/login-fields.tsx';
import { formToken, pageOpts, query, requireActor, seoul } from '../../web/page.tsx';
import { PostingSummary } from '../../web/posting-summary.tsx';
import { describeReferrals, ReferralCard } from '../../web/referral-card.tsx';
import { pageExists } from '../../web/registry.ts';
import {
  formFromSeeker,
  type ProfileForm,
  profileErrors,
  profileFromForm,
  SeekerFields,
} from '../../web/seeker-form.tsx';
import { startSession } from '../accounts/session-start.service.ts';
import { upcomingAppointmentsOf } from '../appointments/appointments.service.ts';
import { recommendPostings } from '../matching/matching.service.ts';
import { getPosting } from '../postings/postings.service.ts';
import { listReferrals } from '../referrals/referrals.service.ts';
import { publicCentres, registerSelf } from './portal.service.ts';
import { getOwnProfile, updateOwnProfile } from './profile.service.ts';

defineMessages({
  'pm.register': ['구직 등록', 'Register as a job seeker'],
  'pm.registerIntro': [
    '한 번 등록하면 연계된 모든 일자리센터에서 상담과 알선을 받을 수 있습니다. 주민등록번호는 받지 않습니다.',
    'Register once and every linked job centre can counsel you and refer you to jobs. We never ask for your resident number.',
  ],
  'pm.centre': ['이용할 일자리센터', 'Your job centre'],
  'pm.account': ['로그인 정보', 'Your login'],
  'pm.login': ['아이디 (영문·숫자 3자 이상)', 'Login (3 or more letters or digits)'],
  'pm.password': ['비밀번호 (8자 이상)', 'Password (at least 8 characters)'],
  'pm.submit': ['등록하기', 'Register'],
  'pm.me': ['내 정보', 'My page'],
  'pm.welcome': [
    '구직 등록이 완료되었습니다. 구직번호 {no}. 담당 상담사가 곧 연락드립니다.',
    'You are registered: no. {no}. A counsellor will contact you soon.',
  ],
  'pm.saved': ['저장되었습니다.', 'Saved.'],
  'pm.profile': ['내 구직 정보', 'My profile'],
  'pm.status': ['상태', 'Status'],
  'pm.notifications': ['받은 알림과 알림 수신 설정', 'Messages sent to me and how I get them'],
  'pm.programmes': ['내 프로그램(특강·교육·집단상담)', 'My programmes'],
  'pm.bookings': [
    '내 예약 (AI 면접 체험, 화상면접실, 노무사 상담, 면접정장)',
    'My bookings (AI booth, video rooms, attorney, suits)',
  ],
  'pm.recs': ['나에게 맞는 일자리', 'Jobs for you'],
  'pm.noRecs': [
    '지금은 추천할 일자리가 없습니다. 희망 조건을 넓혀 보세요.',
    'No recommendations right now. Try wider wishes.',
  ],
  'pm.recsFailed': [
    '추천 일자리를 지금 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.',
    'Your job recommendations could not be loaded just now. Please try again shortly.',
  ],
  'pm.referrals': ['알선 진행 상황', 'My referrals'],
  'pm.appointments': ['상담 예약', 'My appointments'],
  'pm.noReferrals': ['아직 알선된 일자리가 없습니다.', 'No referrals yet.'],
  'pm.edit': ['연락처·희망 조건 수정', 'Change contact details and wishes'],
  'field.loginFormat': ['영문, 숫자, . _ @ - 로 3~60자', '3–60 letters, digits or . _ @ -'],
});

function RegisterPage(p: {
  req: FastifyRequest;
  token: string;
  v: ProfileForm;
  errors: FieldErrors;
  message?: string;
  centres: { id: string; name: string }[];
}) {
  const { req, token, v, errors, message } = p;
  const L = req.lang;
  return (
    <Layout req={req} title={t(L, 'pm.register')}>
      <h1>{t(L, 'pm.register')}</h1>
      <p>{t(L, 'pm.registerIntro')}</p>
      <ErrorSummary lang={L} message={message} errors={errors} />
      <form method="post" action="/register" novalidate>
        <Csrf token={token} />
        <Select
          lang={L}
          name="centreId"
          label={t(L, 'pm.centre')}
          options={p.centres.map((c) => ({ value: c.id, label: c.name }))}
          value={str(v, 'centreId')}
          error={errors.centreId}
          required
        />
        <SeekerFields lang={L} v={v} errors={errors} />
        <LoginFields
          lang={L}
          legend={t(L, 'pm.account')}
          loginLabel={t(L, 'pm.login')}
          passwordLabel={t(L, 'pm.password')}
          login={str(v, 'login')}
          errors={errors}
        />
        <div class="actions">
          <button type="submit">{t(L, 'pm.submit')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** Portal: seeker self-registration and the seeker's own page (/me). */
export function registerSeekerPortalPages(app: Server, ctx: AppContext): void {
  const centres = async () => (await publicCentres(ctx.db, { offset: 0, limit: 100 })).items;

  app.get('/register', pageOpts, async (req, reply) => {
    if (req.actor?.role === 'seeker') return reply.redirect('/me', 303);
    const token = formToken(req, reply);
    return renderPage(
      reply,
      <RegisterPage req={req} token={token} v={{}} errors={{}} centres={await centres()} />,
    );
  });

  app.post('/register', pageOpts, async (req, reply) => {
    const b = (req.body ?? {}) as ProfileForm;
    const login = str(b, 'login');
    const password = typeof b.password === 'string' ? b.password : '';
    try {
      const problems: FieldProblem[] = [];
      if (!/^[A-Za-z0-9._@-]{3,60}$/.test(login)) problems.push({ field: 'login', key: 'field.loginFormat' });
      if (password.length < 8) problems.push({ field: 'password', key: 'auth.passwordTooShort' });
      if (!/^[0-9a-f-]{36}$/i.test(str(b, 'centreId')))
        problems.push({ field: 'centreId', key: 'field.required' });
      if (problems.length) throw invalid(problems);
      await registerSelf(
        ctx.db,
        ctx.dataKey,
        { ...profileFromForm(b), centreId: str(b, 'centreId'), login, password } as never,
        req.ip,
      );
      await startSession(ctx, req, reply, { login, password });
      return reply.redirect('/me?welcome=1', 303);
    } catch (err) {
      const e = profileErrors(err, req.lang);
      const token = formToken(req, reply);
      const { password: _omit, ...keep } = b;
      return renderPage(
        reply,
        <RegisterPage
          req={req}
          token={token}
          v={keep}
          errors={e.fields}
          message={e.form}
          centres={await centres()}
        />,
        400,
      );
    }
  });

  async function mePage(req: FastifyRequest, edit: { v?: ProfileForm; errors?: FieldErrors }) {
    const actor = requireActor(req);
    const L = req.lang;
    const me = await getOwnProfile(requestContext(ctx.db, req), { dataKey: ctx.dataKey });
    let recsFailed = false;
    const recs = await recommendPostings(requestContext(ctx.db, req), { seekerId: me.id, limit: 10 }).catch(
      (err: unknown) => {
        req.log.error({ err }, 'recommendations failed on /me');
        recsFailed = true;
        return { items: [] };
      },
    );
    const postings = (
      await Promise.all(recs.items.map((r) => getPosting(ctx.db, actor, r.postingId).catch(() => null)))
    ).filter((p) => p !== null);
    const refs = await listReferrals(requestContext(ctx.db, req), { seekerId: me.id, offset: 0, limit: 50 });
    const names = await describeReferrals(ctx, actor, req.ip, refs.items);
    // The seeker's own coming appointments with a counsellor (their own record: no access rule to ask).
    const appointments = await upcomingAppointmentsOf(ctx.db, { seekerId: me.id, limit: 5 });
    const q = query(req);
    return (
      <Layout req={req} title={t(L, 'pm.me')}>
        <h1>
          {me.name} <span class="muted">({me.registrationNo})</span>
        </h1>
        {q.welcome ? <Notice kind="ok">{t(L, 'pm.welcome', { no: me.registrationNo })}</Notice> : null}
        {q.saved ? <Notice kind="ok">{t(L, 'pm.saved')}</Notice> : null}
        <p>
          {t(L, 'pm.status')}: <span class="tag strong">{t(L, `ps.status.${me.status}`)}</span>
          <CodeTags set="occupations" codes={me.desired.occupations} lang={L} />
        </p>
        {pageExists('/me/bookings') ? (
          <p>
            <a href="/me/bookings">{t(L, 'pm.bookings')}</a>
          </p>
        ) : null}
        {pageExists('/me/programmes') ? (
          <p>
            <a href="/me/programmes">{t(L, 'pm.programmes')}</a>
          </p>
        ) : null}
        {pageExists('/me/notifications') ? (
          <p>
            <a href="/me/notifications">{t(L, 'pm.notifications')}</a>
          </p>
        ) : null}
        <div class="two">
          <section aria-labelledby="recs-h">
            <h2 id="recs-h">{t(L, 'pm.recs')}</h2>
            {recsFailed ? (
              <Notice kind="error">{t(L, 'pm.recsFailed')}</Notice>
            ) : postings.length === 0 ? (
              <p class="muted">{t(L, 'pm.noRecs')}</p>
            ) : null}
            <ol class="cards">
              {postings.map((p, i) => (
                <li class="card" key={p.id}>
                  <PostingSummary p={p} L={L} />
                  <ul>
                    {(recs.items[i]?.reasons ?? []).slice(0, 3).map((x) => (
                      <li key={x.factor}>{x.detail}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="refs-h">
            {appointments.length ? (
              <>
                <h2 id="appts-h">{t(L, 'pm.appointments')}</h2>
                <ul class="cards">
                  {appointments.map((a) => (
                    <li class="card" key={a.id}>
                      <strong>
                        {seoul(a.startsAt)}–{seoul(a.endsAt).slice(11)}
                      </strong>{' '}
                      <span class="tag">{t(L, `appointment.channel.${a.channel}`)}</span>
                      {a.place ? <p>{a.place}</p> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h2 id="refs-h">{t(L, 'pm.referrals')}</h2>
            {refs.items.length === 0 ? <p class="muted">{t(L, 'pm.noReferrals')}</p> : null}
            <ul class="cards">
              {refs.items.map((r) => (
                <ReferralCard
                  key={r.id}
                  r={r}
                  postingTitle={names.posting(r.postingId)}
                  postingHref={names.postingHref(r.postingId)}
                  L={L}
                />
              ))}
            </ul>
          </section>
        </div>
        <h2 id="edit">{t(L, 'pm.edit')}</h2>
        <ErrorSummary lang={L} errors={edit.errors ?? {}} />
        <form method="post" action="/me" novalidate>
          <Csrf token={req.csrfToken} />
          <SeekerFields
            lang={L}
            v={edit.v ?? formFromSeeker(me)}
            errors={edit.errors ?? {}}
            identity={false}
          />
          <div class="actions">
            <button type="submit">{t(L, 'web.form.save')}</button>
          </div>
        </form>
      </Layout>
    );
  }

  app.get('/me', pageOpts, async (req, reply) => {
    const actor = requireActor(req);
    if (actor.role !== 'seeker')
      return reply.redirect(actor.role === 'employer' ? '/employer' : '/staff', 303);
    return renderPage(reply, await mePage(req, {}));
  });

  app.post('/me', pageOpts, async (req, reply) => {
    requireActor(req);
    const b = (req.body ?? {}) as ProfileForm;
    const p = profileFromForm(b);
    try {
      await updateOwnProfile(requestContext(ctx.db, req), {
        dataKey: ctx.dataKey,
        patch: {
          phone: p.phone,
          email: p.email,
          address: p.address,
          desired: p.desired,
          certificates: p.certificates,
          keywords: p.keywords,
          consent: p.consent,
        } as never,
      });
      return reply.redirect('/me?saved=1', 303);
    } catch (err) {
      return renderPage(reply, await mePage(req, { v: b, errors: profileErrors(err, req.lang).fields }), 400);
    }
  });
}
