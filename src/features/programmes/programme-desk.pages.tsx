import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { addDays, seoulToday } from '../../platform/domain/dates.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { Csrf, fieldErrors, formBody, str } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts, query, requirePermission, uuidParam } from '../../web/page.tsx';
import { recordAttendance, roster, surveyResults } from './attendance.service.ts';
import { cohortEmployments } from './cohort.service.ts';
import { EmployedSection, PlacesSection, RosterSection, WaitingSection } from './programme-desk.sections.tsx';
import { EnrolSection, findForEnrol, registerProgrammeEnrolPages } from './programme-enrol.pages.tsx';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from './programmes.codes.ts';
import { getProgramme, listOutcomes, programmeSummary } from './programmes.service.ts';
import { changePlaces } from './waiting-list.service.ts';

// The staff programme desk: /staff/programmes (the centre's programmes with their outcomes)
// and /staff/programmes/{id} (roster, attendance of a session — radio groups a phone, a tablet
// and the keyboard can work: Tab from person to person, arrows between marks —, completion,
// survey results; enrolling a seeker found by the search box and cancelling from the roster:
// programme-enrol.pages.tsx).

defineMessages({
  'pgd.title': ['프로그램 운영', 'Programme desk'],
  'pgd.none': ['이 기간의 프로그램이 없습니다.', 'No programmes in this period.'],
  'pgd.col.title': ['프로그램', 'Programme'],
  'pgd.col.dates': ['기간', 'Dates'],
  'pgd.col.enrolled': ['참가/대기', 'Enrolled/waiting'],
  'pgd.col.completed': ['수료', 'Completed'],
  'pgd.col.employed': ['6개월 내 취업', 'Employed ≤ 6 months'],
  'pgd.col.satisfaction': ['만족도', 'Satisfaction'],
  'pgd.col.name': ['이름', 'Name'],
  'pgd.col.status': ['상태', 'Status'],
  'pgd.col.attended': ['출석(사유결석)', 'Attended (excused)'],
  'pgd.col.survey': ['설문', 'Survey'],
  'pgd.back': ['프로그램 목록', 'All programmes'],
  'pgd.outcomes': ['성과', 'Outcomes'],
  'pgd.figures': [
    '참가 {enrolled}명 · 대기 {waitlisted}명 · 출석률 {rate} · 수료 {completed}명 · 만족도 {sat} ({answers}명 응답) · 수료 후 6개월 내 취업 {employed}명',
    '{enrolled} enrolled · {waitlisted} waiting · attendance {rate} · {completed} completed · satisfaction {sat} ({answers} answers) · {employed} employed within 6 months',
  ],
  'pgd.external': [
    '구직 등록 없는 참여자 {n}명(인원만 집계)',
    '{n} participants counted without registration',
  ],
  'pgd.attendance': ['출석 입력', 'Attendance'],
  'pgd.session': ['회차 선택', 'Session'],
  'pgd.sessionN': ['{n}회차 {at}', 'Session {n} {at}'],
  'pgd.show': ['보기', 'Show'],
  'pgd.save': ['출석 저장', 'Save attendance'],
  'pgd.saved': ['{n}명의 출석을 저장했습니다.', 'Attendance saved for {n}.'],
  'pgd.notYet': ['시작한 회차가 없습니다.', 'No session has begun.'],
  'pgd.externalAttended': ['등록하지 않은 참석 인원', 'Attendees not registered'],
  'pgd.roster': ['참가자 명단', 'Roster'],
  'pgd.done': ['수료', 'Completed'],
  'pgd.answered': ['응답', 'Answered'],
  'pgd.survey': ['만족도 조사 결과', 'Survey results'],
  'pgd.scoreRow': ['{score}점: {count}명', '{score}: {count}'],
  'pgd.noAnswers': ['아직 응답이 없습니다.', 'No answers yet.'],
  'pgd.new': ['새 프로그램 개설', 'Set up a programme'],
  'pgd.requests': ['기관 요청', 'Institution requests'],
  'pgd.created': [
    '프로그램을 개설했습니다: 회차 {n}개(공휴일·휴무일로 빠진 날 {skipped}일).',
    'Programme set up with {n} sessions ({skipped} closed days skipped).',
  ],
  'pgd.sessions': ['회차 일정 ({n}회)', 'Sessions ({n})'],
});

const pct = (n: number | null) => (n === null ? '–' : `${n}%`);

export function registerProgrammeDeskPages(app: Server, ctx: AppContext) {
  app.get('/staff/programmes', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    const L = req.lang;
    const today = seoulToday();
    const items = await listOutcomes(requestContext(ctx.db, req), {
      from: addDays(today, -210),
      to: addDays(today, 180),
    });
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pgd.title')}>
        <h1>{t(L, 'pgd.title')}</h1>
        <p>
          <a href="/staff/programmes/new" class="button">
            {t(L, 'pgd.new')}
          </a>{' '}
          <a href="/staff/programmes/requests">{t(L, 'pgd.requests')}</a>
        </p>
        {items.length === 0 ? <p>{t(L, 'pgd.none')}</p> : null}
        <StackTable
          lang={L}
          columns={[
            'pgd.col.title',
            'pgd.col.dates',
            'pgd.col.enrolled',
            'pgd.col.completed',
            'pgd.col.employed',
            'pgd.col.satisfaction',
          ]}
        >
          {items
            .slice()
            .reverse()
            .map((p) => (
              <tr key={p.id}>
                <td data-label={t(L, 'pgd.col.title')}>
                  <a href={`/staff/programmes/${p.id}`}>{p.title}</a> <span class="tag">{p.kindName}</span>
                  {p.cohort ? <span class="tag">{p.cohort}</span> : null}
                </td>
                <td data-label={t(L, 'pgd.col.dates')}>
                  {koDate(p.startsAt, L)} – {koDate(p.endsAt, L)}
                </td>
                <td data-label={t(L, 'pgd.col.enrolled')}>
                  {p.enrolled + p.externalParticipants} / {p.waitlisted}
                </td>
                <td data-label={t(L, 'pgd.col.completed')}>{p.completed + p.externalCompleted}</td>
                <td data-label={t(L, 'pgd.col.employed')}>{p.employedWithin6Months}</td>
                <td data-label={t(L, 'pgd.col.satisfaction')}>{p.satisfaction ?? '–'}</td>
              </tr>
            ))}
        </StackTable>
      </Layout>,
    );
  });

  async function deskPage(
    req: FastifyRequest,
    o: { notice?: { kind: 'ok' | 'error'; text: string }; sessionId?: string; find?: string } = {},
  ) {
    const L = req.lang;
    let notice = o.notice;
    const sessionId = o.sessionId;
    const id = uuidParam(req);
    const rc = requestContext(ctx.db, req);
    const p = await getProgramme(rc, { id });
    const [list, summary, survey] = await Promise.all([
      roster(rc, { programmeId: id }),
      programmeSummary(rc, { id }),
      surveyResults(rc, { programmeId: id }),
    ]);
    const begun = list.sessions.filter((s) => Date.parse(s.startsAt) <= Date.now());
    const wanted = sessionId ?? query(req).session;
    const session = begun.find((s) => s.id === wanted) ?? begun[begun.length - 1];
    const idx = session ? list.sessions.findIndex((s) => s.id === session.id) : -1;
    const registered = list.items.filter((e) => e.status === 'registered');
    const employed = await cohortEmployments(rc, { programmeId: id, roster: list });
    const ended = Date.parse(p.endsAt) <= Date.now();
    const enrolState = ended
      ? { find: '', found: null }
      : await findForEnrol(ctx, req, o.find ?? query(req).find ?? '');
    const created = query(req).created;
    if (!notice && created && /^\d{1,3}$/.test(created)) {
      notice = { kind: 'ok', text: t(L, 'pgd.created', { n: p.sessions.length, skipped: created }) };
    }
    return (
      <Layout req={req} title={`${p.title} — ${t(L, 'pgd.title')}`}>
        <p>
          <a href="/staff/programmes">← {t(L, 'pgd.back')}</a>
        </p>
        <h1>
          {p.title} <span class="tag">{p.kindName}</span>
          {p.cohort ? <span class="tag">{p.cohort}</span> : null}
        </h1>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <section aria-labelledby="out-h">
          <h2 id="out-h">{t(L, 'pgd.outcomes')}</h2>
          <p id="outcomes">
            {t(L, 'pgd.figures', {
              enrolled: summary.enrolled,
              waitlisted: summary.waitlisted,
              rate: pct(summary.attendanceRate),
              completed: summary.completed,
              sat: summary.satisfaction ?? '–',
              answers: summary.surveyAnswers,
              employed: summary.employedWithin6Months,
            })}
          </p>
          {summary.externalParticipants ? (
            <p>{t(L, 'pgd.external', { n: summary.externalParticipants })}</p>
          ) : null}
        </section>
        <PlacesSection L={L} p={p} summary={summary} csrf={req.csrfToken} />
        <WaitingSection L={L} list={list} />
        <EnrolSection
          L={L}
          programmeId={p.id}
          ended={ended}
          state={enrolState}
          live={list.items}
          csrf={req.csrfToken}
        />
        <details>
          <summary>{t(L, 'pgd.sessions', { n: p.sessions.length })}</summary>
          <ol>
            {p.sessions.map((s) => (
              <li key={s.id}>
                {koDate(s.startsAt, L, true)}–{koDate(s.endsAt, L, true).slice(-5)}
              </li>
            ))}
          </ol>
        </details>
        <section aria-labelledby="att-h">
          <h2 id="att-h">{t(L, 'pgd.attendance')}</h2>
          {session ? (
            <>
              <form method="get" action={`/staff/programmes/${p.id}`} class="inline">
                <label for="session-pick">{t(L, 'pgd.session')}</label>{' '}
                <select id="session-pick" name="session">
                  {begun.map((s) => (
                    <option key={s.id} value={s.id} selected={s.id === session.id}>
                      {t(L, 'pgd.sessionN', { n: s.seq, at: koDate(s.startsAt, L, true) })}
                    </option>
                  ))}
                </select>{' '}
                <button type="submit" class="secondary">
                  {t(L, 'pgd.show')}
                </button>
              </form>
              <form method="post" action={`/staff/programmes/${p.id}/attendance`} id="attendance-form">
                <Csrf token={req.csrfToken} />
                <input type="hidden" name="sessionId" value={session.id} />
                {registered.map((e) => {
                  const current = e.attendance[idx]?.status ?? null;
                  return (
                    <fieldset key={e.id} class="attendance-row">
                      <legend>{e.seekerName ?? e.registrationNo ?? e.seekerId}</legend>
                      {(Object.keys(ATTENDANCE_STATUSES) as AttendanceStatus[]).map((st) => (
                        <label key={st} class="inline">
                          <input type="radio" name={`m_${e.seekerId}`} value={st} checked={current === st} />{' '}
                          {ATTENDANCE_STATUSES[st][L === 'en' ? 1 : 0]}
                        </label>
                      ))}
                    </fieldset>
                  );
                })}
                {p.externalParticipants ? (
                  <p>
                    <label for="external-attended">{t(L, 'pgd.externalAttended')}</label>{' '}
                    <input
                      id="external-attended"
                      name="externalAttended"
                      type="number"
                      min="0"
                      max="5000"
                      inputMode="numeric"
                      value={session.externalAttended === null ? '' : String(session.externalAttended)}
                    />
                  </p>
                ) : null}
                <button type="submit">{t(L, 'pgd.save')}</button>
              </form>
            </>
          ) : (
            <p class="muted">{t(L, 'pgd.notYet')}</p>
          )}
        </section>
        <RosterSection L={L} list={list} programmeId={p.id} csrf={req.csrfToken} />
        <section aria-labelledby="survey-h">
          <h2 id="survey-h">{t(L, 'pgd.survey')}</h2>
          {survey.answers === 0 ? (
            <p class="muted">{t(L, 'pgd.noAnswers')}</p>
          ) : (
            <>
              <ul>
                {survey.byScore.map((s) => (
                  <li key={s.score}>{t(L, 'pgd.scoreRow', { score: s.score, count: s.count })}</li>
                ))}
              </ul>
              <ul>
                {survey.comments.map((c, i) => (
                  <li key={String(i)}>
                    “{c.comment}” <span class="muted">({c.score})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <EmployedSection L={L} data={employed} completed={summary.completed} />
      </Layout>
    );
  }

  app.get('/staff/programmes/:id', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    return renderPage(reply, await deskPage(req));
  });

  app.post('/staff/programmes/:id/places', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    const body = formBody(req);
    const capacity = Number(str(body, 'capacity'));
    const hold = str(body, 'holdHours');
    try {
      const bad = [
        ...(Number.isInteger(capacity) && capacity >= 1 && capacity <= 10000
          ? []
          : [{ field: 'capacity', key: 'field.minimum' as const, params: { limit: 1 } }]),
        ...(hold === '' || (/^\d{1,3}$/.test(hold) && Number(hold) <= 168)
          ? []
          : [{ field: 'holdHours', key: 'field.maximum' as const, params: { limit: 168 } }]),
      ];
      if (bad.length) throw invalid(bad);
      const r = await changePlaces(requestContext(ctx.db, req), {
        id: uuidParam(req),
        capacity,
        ...(hold === '' ? {} : { holdHours: Number(hold) }),
      });
      const text = t(req.lang, 'pgd.placesSaved', { cap: r.programme.capacity, n: r.promoted.length });
      return renderPage(reply, await deskPage(req, { notice: { kind: 'ok', text } }));
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const text = [e.form, ...Object.values(e.fields)].filter(Boolean).join(' ');
      return renderPage(reply, await deskPage(req, { notice: { kind: 'error', text } }), 400);
    }
  });

  app.post('/staff/programmes/:id/attendance', pageOpts, async (req, reply) => {
    requirePermission(req, 'programmes.manage');
    const body = formBody(req);
    const sessionId = str(body, 'sessionId');
    const marks = Object.keys(body)
      .filter((k) => k.startsWith('m_'))
      .map((k) => ({ seekerId: k.slice(2), status: str(body, k) as AttendanceStatus }))
      .filter((m) => m.status in ATTENDANCE_STATUSES);
    const ext = str(body, 'externalAttended');
    try {
      const r = await recordAttendance(requestContext(ctx.db, req), {
        programmeId: uuidParam(req),
        sessionId: /^[0-9a-f-]{36}$/i.test(sessionId) ? sessionId : '00000000-0000-0000-0000-000000000000',
        marks,
        ...(ext === ''
          ? {}
          : { externalAttended: Math.max(0, Math.min(5000, Number.parseInt(ext, 10) || 0)) }),
      });
      return renderPage(
        reply,
        await deskPage(req, {
          notice: { kind: 'ok', text: t(req.lang, 'pgd.saved', { n: r.marked }) },
          sessionId,
        }),
      );
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const text = [e.form, ...Object.values(e.fields)].filter(Boolean).join(' ');
      const status = (err as { code?: string }).code === 'conflict' ? 409 : 400;
      return renderPage(reply, await deskPage(req, { notice: { kind: 'error', text }, sessionId }), status);
    }
  });

  registerProgrammeEnrolPages(app, ctx, deskPage);
}
