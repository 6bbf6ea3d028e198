import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { addDays, seoulToday } from '../../platform/domain/dates.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { Check, CheckGroup, Csrf, fieldErrors, formBody, str, Textarea } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { answerSurvey } from './attendance.service.ts';
import { cancelEnrolment, enrol } from './enrolments.service.ts';
import { ENROLMENT_STATUSES, nameOf } from './programmes.codes.ts';
import {
  findEnrolmentsOfSeeker,
  findLiveEnrolmentOf,
  surveyedEnrolmentIds,
} from './programmes.repository.ts';
import { getProgramme, listProgrammes } from './programmes.service.ts';
import { confirmOffer } from './waiting-list.service.ts';

// /programmes (public, phone-first: coming lectures, courses, group counselling),
// /programmes/{id} (sessions; a signed-in seeker signs up, cancels, answers the survey once;
// the online link only for a confirmed place) and /me/programmes (the seeker's own).

defineMessages({
  'pgp.title': ['취업 프로그램', 'Programmes'],
  'pgp.intro': [
    '취업특강, 교육과정, 집단상담 등 다가오는 프로그램입니다.',
    'Coming lectures, courses and group counselling.',
  ],
  'pgp.none': ['예정된 프로그램이 없습니다.', 'No programmes are coming up.'],
  'pgp.back': ['프로그램 목록', 'All programmes'],
  'pgp.sessions': ['회차', 'Sessions'],
  'pgp.session': ['{n}회차', 'Session {n}'],
  'pgp.where': ['장소', 'Where'],
  'pgp.link': ['접속 주소', 'Join link'],
  'pgp.linkHidden': [
    '접속 주소는 참가가 확정된 분께만 보입니다.',
    'The link is shown once your place is confirmed.',
  ],
  'pgp.places': ['정원 {cap}명 · 남은 자리 {left}', 'Capacity {cap} · {left} left'],
  'pgp.full': ['정원 마감(대기 신청 가능)', 'Full (waiting list open)'],
  'pgp.targets': ['대상', 'For'],
  'pgp.signUp': ['신청하기', 'Sign up'],
  'pgp.signUpWait': ['대기 신청하기', 'Join the waiting list'],
  'pgp.login': ['구직자로 로그인하면 신청할 수 있습니다.', 'Sign in as a job seeker to sign up.'],
  'pgp.loginLink': ['로그인', 'Sign in'],
  'pgp.mine': ['내 신청: {status}', 'My enrolment: {status}'],
  'pgp.position': ['대기 {n}번', 'Waiting, number {n}'],
  'pgp.cancel': ['신청 취소', 'Cancel my enrolment'],
  'pgp.enrolled': ['신청되었습니다: {status}', 'Signed up: {status}'],
  'pgp.cancelled': ['신청을 취소했습니다.', 'Your enrolment is cancelled.'],
  'pgp.survey': ['만족도 조사', 'Satisfaction survey'],
  'pgp.score': ['만족도(1 매우 불만족 – 5 매우 만족)', 'Satisfaction (1 very poor – 5 very good)'],
  'pgp.comment': ['의견(선택)', 'Comment (optional)'],
  'pgp.send': ['응답 보내기', 'Send'],
  'pgp.thanks': ['응답해 주셔서 감사합니다.', 'Thank you for your answer.'],
  'pgp.answered': ['만족도 조사에 응답하셨습니다.', 'You have answered the survey.'],
  'pgp.offered': [
    '대기하시던 프로그램에 자리가 났습니다. {until}까지 확정하지 않으면 다음 대기자에게 넘어갑니다.',
    'A place has come up for you. Confirm by {until}, or it passes to the next person waiting.',
  ],
  'pgp.confirm': ['참가 확정하기', 'Confirm my place'],
  'pgp.confirmed': ['참가가 확정되었습니다.', 'Your place is confirmed.'],
  'pgp.holdUntil': ['{until}까지 확정', 'Confirm by {until}'],
  'pgp.myTitle': ['내 프로그램', 'My programmes'],
  'pgp.myNone': ['신청한 프로그램이 없습니다.', 'You have not signed up for any programme.'],
});

export function registerProgrammePages(app: Server, ctx: AppContext) {
  app.get('/programmes', pageOpts, async (req, reply) => {
    const L = req.lang;
    const from = seoulToday();
    const items = (
      await listProgrammes({ db: ctx.db, actor: req.actor, lang: L }, { from, to: addDays(from, 180) })
    )
      .filter((p) => p.published)
      .filter((p) => Date.parse(p.endsAt) > Date.now());
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pgp.title')}>
        <h1>{t(L, 'pgp.title')}</h1>
        <p>{t(L, 'pgp.intro')}</p>
        {items.length === 0 ? <p>{t(L, 'pgp.none')}</p> : null}
        <ul class="cards">
          {items.map((p) => (
            <li class="card" key={p.id}>
              <h2>
                <a href={`/programmes/${p.id}`}>{p.title}</a>
              </h2>
              <p>
                <span class="tag strong">{p.kindName}</span> <span class="tag">{p.formatName}</span>
                {p.cohort ? <span class="tag">{p.cohort}</span> : null}
              </p>
              <p>
                {koDate(p.startsAt, L, true)}
                {p.startsAt.slice(0, 10) === p.endsAt.slice(0, 10) ? null : ` – ${koDate(p.endsAt, L)}`}
              </p>
              <p class="muted">
                {p.placesLeft > 0
                  ? t(L, 'pgp.places', { cap: p.capacity, left: p.placesLeft })
                  : t(L, 'pgp.full')}
              </p>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  async function programmePage(req: FastifyRequest, notice?: { kind: 'ok' | 'error'; text: string }) {
    const L = req.lang;
    const id = uuidParam(req);
    const read = { db: ctx.db, actor: req.actor, lang: L };
    const p = await getProgramme(read, { id });
    const seekerId = req.actor?.role === 'seeker' ? req.actor.seekerId : null;
    const mine = seekerId ? await findLiveEnrolmentOf(ctx.db, p.id, seekerId) : undefined;
    const answered = seekerId ? (await surveyedEnrolmentIds(ctx.db, seekerId)).has(p.id) : false;
    const started = Date.parse(p.startsAt) <= Date.now();
    return (
      <Layout req={req} title={`${p.title} — ${t(L, 'pgp.title')}`}>
        <p>
          <a href="/programmes">← {t(L, 'pgp.back')}</a>
        </p>
        <h1>{p.title}</h1>
        <p>
          <span class="tag strong">{p.kindName}</span> <span class="tag">{p.formatName}</span>
          {p.cohort ? <span class="tag">{p.cohort}</span> : null}
        </p>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <p>
          {p.placesLeft > 0 ? t(L, 'pgp.places', { cap: p.capacity, left: p.placesLeft }) : t(L, 'pgp.full')}
        </p>
        <dl>
          {p.targetGroupNames.length ? (
            <>
              <dt>{t(L, 'pgp.targets')}</dt>
              <dd>{p.targetGroupNames.join(', ')}</dd>
            </>
          ) : null}
          {p.venue ? (
            <>
              <dt>{t(L, 'pgp.where')}</dt>
              <dd>{p.venue}</dd>
            </>
          ) : null}
          {p.format === 'online' ? (
            <>
              <dt>{t(L, 'pgp.link')}</dt>
              <dd>
                {p.onlineUrl ? (
                  <a href={p.onlineUrl} rel="noopener noreferrer" id="join-link">
                    {p.onlineUrl}
                  </a>
                ) : (
                  <span class="muted">{t(L, 'pgp.linkHidden')}</span>
                )}
              </dd>
            </>
          ) : null}
        </dl>
        {p.description ? <p>{p.description}</p> : null}
        {mine ? (
          <section aria-labelledby="mine-h" class="card">
            <h2 id="mine-h">{t(L, 'pgp.mine', { status: nameOf(ENROLMENT_STATUSES, mine.status, L) })}</h2>
            {mine.status === 'offered' && mine.hold_until ? (
              <>
                <Notice kind="info">
                  {t(L, 'pgp.offered', { until: koDate(mine.hold_until, L, true) })}
                </Notice>
                <form method="post" action={`/programmes/${p.id}/confirm`} class="inline">
                  <Csrf token={req.csrfToken} />
                  <input type="hidden" name="enrolmentId" value={mine.id} />
                  <button type="submit">{t(L, 'pgp.confirm')}</button>
                </form>{' '}
              </>
            ) : null}
            {started ? null : (
              <form method="post" action={`/programmes/${p.id}/cancel`} class="inline">
                <Csrf token={req.csrfToken} />
                <input type="hidden" name="enrolmentId" value={mine.id} />
                <button type="submit" class="secondary">
                  {t(L, 'pgp.cancel')}
                </button>
              </form>
            )}
          </section>
        ) : seekerId ? (
          Date.parse(p.endsAt) > Date.now() ? (
            <form method="post" action={`/programmes/${p.id}/enrol`} class="inline">
              <Csrf token={req.csrfToken} />
              <button type="submit">{p.placesLeft > 0 ? t(L, 'pgp.signUp') : t(L, 'pgp.signUpWait')}</button>
            </form>
          ) : null
        ) : (
          <Notice kind="info">
            {t(L, 'pgp.login')}{' '}
            <a href={`/login?next=${encodeURIComponent(`/programmes/${p.id}`)}`}>{t(L, 'pgp.loginLink')}</a>
          </Notice>
        )}
        {mine?.status === 'registered' && started ? (
          answered ? (
            <p class="muted">{t(L, 'pgp.answered')}</p>
          ) : (
            <form method="post" action={`/programmes/${p.id}/survey`} class="card">
              <Csrf token={req.csrfToken} />
              <CheckGroup name="score" legend={`${t(L, 'pgp.survey')}: ${t(L, 'pgp.score')}`}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <Check
                    key={n}
                    type="radio"
                    id={`survey-score-${n}`}
                    name="score"
                    value={String(n)}
                    required
                    label={String(n)}
                  />
                ))}
              </CheckGroup>
              <Textarea
                lang={L}
                id="survey-comment"
                name="comment"
                label={t(L, 'pgp.comment')}
                rows={3}
                maxLength={2000}
              />
              <button type="submit">{t(L, 'pgp.send')}</button>
            </form>
          )
        ) : null}
        <h2>{t(L, 'pgp.sessions')}</h2>
        <ol>
          {p.sessions.map((s) => (
            <li key={s.id}>
              {t(L, 'pgp.session', { n: s.seq })}: {koDate(s.startsAt, L, true)}–
              {koDate(s.endsAt, L, true).slice(-5)}
            </li>
          ))}
        </ol>
      </Layout>
    );
  }

  app.get('/programmes/:id', pageOpts, async (req, reply) => renderPage(reply, await programmePage(req)));

  async function act(req: FastifyRequest, run: () => Promise<string>) {
    try {
      return { status: 200, page: await programmePage(req, { kind: 'ok', text: await run() }) };
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const status = (err as { code?: string }).code === 'conflict' ? 409 : 400;
      const text = [e.form, ...Object.values(e.fields)].filter(Boolean).join(' ');
      return { status, page: await programmePage(req, { kind: 'error', text }) };
    }
  }

  app.post('/programmes/:id/enrol', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.enrol');
    const { status, page } = await act(req, async () => {
      const e = await enrol(requestContext(ctx.db, req), { programmeId: uuidParam(req) });
      const s = e.waitingPosition
        ? `${e.statusName} (${t(req.lang, 'pgp.position', { n: e.waitingPosition })})`
        : e.statusName;
      return t(req.lang, 'pgp.enrolled', { status: s });
    });
    return renderPage(reply, page, status);
  });

  app.post('/programmes/:id/cancel', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.enrol');
    const id = str(formBody(req), 'enrolmentId');
    const { status, page } = await act(req, async () => {
      await cancelEnrolment(requestContext(ctx.db, req), {
        id: /^[0-9a-f-]{36}$/i.test(id) ? id : '00000000-0000-0000-0000-000000000000',
      });
      return t(req.lang, 'pgp.cancelled');
    });
    return renderPage(reply, page, status);
  });

  app.post('/programmes/:id/confirm', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.enrol');
    const id = str(formBody(req), 'enrolmentId');
    const { status, page } = await act(req, async () => {
      await confirmOffer(requestContext(ctx.db, req), {
        id: /^[0-9a-f-]{36}$/i.test(id) ? id : '00000000-0000-0000-0000-000000000000',
      });
      return t(req.lang, 'pgp.confirmed');
    });
    return renderPage(reply, page, status);
  });

  app.post('/programmes/:id/survey', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.enrol');
    const body = formBody(req);
    const { status, page } = await act(req, async () => {
      const score = Number(str(body, 'score'));
      if (!Number.isInteger(score) || score < 1 || score > 5) {
        throw invalid([{ field: 'score', key: 'field.required' }]);
      }
      await answerSurvey(requestContext(ctx.db, req), {
        programmeId: uuidParam(req),
        score,
        comment: str(body, 'comment'),
      });
      return t(req.lang, 'pgp.thanks');
    });
    return renderPage(reply, page, status);
  });

  app.get('/me/programmes', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'programmes.enrol');
    const L = req.lang;
    const rows =
      actor.role === 'seeker' && actor.seekerId ? await findEnrolmentsOfSeeker(ctx.db, actor.seekerId) : [];
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pgp.myTitle')}>
        <h1>{t(L, 'pgp.myTitle')}</h1>
        {rows.length === 0 ? <p>{t(L, 'pgp.myNone')}</p> : null}
        <ul class="cards">
          {rows.map((r) => (
            <li class="card" key={r.id}>
              <h2>
                <a href={`/programmes/${r.programme_id}`}>{r.title}</a>
              </h2>
              <p>
                <span class="tag strong">{nameOf(ENROLMENT_STATUSES, r.status, L)}</span>{' '}
                {koDate(r.first_starts_at, L, true)}
                {r.status === 'offered' && r.hold_until ? (
                  <strong> {t(L, 'pgp.holdUntil', { until: koDate(r.hold_until, L, true) })}</strong>
                ) : null}
              </p>
              {r.status === 'registered' && r.format === 'online' && r.online_url ? (
                <p>
                  <a href={r.online_url} rel="noopener noreferrer">
                    {t(L, 'pgp.link')}
                  </a>
                </p>
              ) : r.venue ? (
                <p class="muted">{r.venue}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });
}
