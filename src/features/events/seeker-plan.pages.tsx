import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, fieldErrors } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, query, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { PrintLayout } from '../../web/print.tsx';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { getEvent } from './events.service.ts';
import { bookSlot, listSlots } from './interviews.service.ts';
import {
  answerInvitation,
  eventPlans,
  interviewPlan,
  myInvitation,
  type Plan,
} from './seeker-plan.service.ts';

// /events/{id}/invitation: a pre-matched seeker opens the invitation on a phone, accepts or
// declines it, and books a time with the inviting company; /events/{id}/plan: the seeker's own
// interview plan; /staff/events/{id}/plans: every booked seeker's plan, printable (A4).

defineMessages({
  'evi.title': ['채용행사 면접 초대', 'Interview invitation'],
  'evi.intro': [
    '상담사가 회원님의 구직 정보에 맞는 기업을 찾아 이 채용행사에 초대했습니다.',
    'A counsellor matched you with a company at this event and invites you.',
  ],
  'evi.company': ['추천 기업', 'Company'],
  'evi.posting': ['채용 공고', 'Posting'],
  'evi.accept': ['참가하기', 'Accept'],
  'evi.decline': ['참가하지 않기', 'Decline'],
  'evi.accepted': [
    '참가를 수락했습니다({status}). 아래에서 면접 시간을 고르세요.',
    'Accepted ({status}). Choose an interview time below.',
  ],
  'evi.declined': ['참가하지 않기로 했습니다. 마음이 바뀌면 다시 수락할 수 있습니다.', 'Declined.'],
  'evi.times': ['{company} 면접 시간 고르기', 'Choose a time with {company}'],
  'evi.book': ['{time} 예약', 'Book {time}'],
  'evi.noTimes': ['남은 면접 시간이 없습니다. 행사 당일 현장에서 접수할 수 있습니다.', 'No free time left.'],
  'evi.plan': ['내 면접 일정 보기', 'My interview plan'],
  'evi.booked': ['{time} 면접을 예약했습니다.', 'Your interview at {time} is booked.'],
  'evp.planTitle': ['면접 일정', 'Interview plan'],
  'evp.planNone': ['예약한 면접이 없습니다.', 'No interview booked.'],
  'evp.proposal': ['추천 시간(미예약): {company} {time}', 'Proposed (not booked): {company} {time}'],
  'evp.bookProposal': ['이 시간 예약', 'Book this time'],
  'evp.print': ['면접 일정표 인쇄', 'Print the interview plans'],
  'evp.planTime': ['시간', 'Time'],
  'evp.planCompany': ['기업·부스', 'Company and booth'],
  'evp.planPostings': ['채용 공고', 'Postings'],
  'evp.planResult': ['결과', 'Result'],
});

function PlanTable({ p, L }: { p: Plan; L: 'ko' | 'en' }) {
  if (p.interviews.length === 0) return <p>{t(L, 'evp.planNone')}</p>;
  return (
    <table class="plan">
      <thead>
        <tr>
          <th scope="col">{t(L, 'evp.planTime')}</th>
          <th scope="col">{t(L, 'evp.planCompany')}</th>
          <th scope="col">{t(L, 'evp.planPostings')}</th>
          <th scope="col">{t(L, 'evp.planResult')}</th>
        </tr>
      </thead>
      <tbody>
        {p.interviews.map((i) => (
          <tr key={i.bookingId}>
            <td>
              {seoul(i.startsAt).slice(11)}–{seoul(i.endsAt).slice(11)}
            </td>
            <td>
              {i.employerName}
              {i.booth ? ` · ${i.booth}` : ''}
              {i.meetingUrl ? (
                <>
                  <br />
                  <a href={i.meetingUrl} rel="noopener noreferrer">
                    {i.meetingUrl}
                  </a>
                </>
              ) : null}
            </td>
            <td>{i.postings.join(', ')}</td>
            <td>{i.resultName ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function registerSeekerPlanPages(app: Server, ctx: AppContext) {
  async function invitationPage(req: FastifyRequest, notice?: { kind: 'ok' | 'error'; text: string }) {
    requirePermission(req, 'events.take_part');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const id = uuidParam(req);
    const [e, inv] = await Promise.all([getEvent(rc, { id }), myInvitation(rc, { eventId: id })]);
    const accepted = inv.response === 'accepted';
    const now = Date.now();
    const times = accepted
      ? (await listSlots(rc, { eventId: id, free: true })).filter(
          (s) => s.employerId === inv.employerId && Date.parse(s.startsAt) > now,
        )
      : [];
    return (
      <Layout req={req} title={`${t(L, 'evi.title')} — ${e.title}`}>
        <h1>{t(L, 'evi.title')}</h1>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <p>{t(L, 'evi.intro')}</p>
        <dl>
          <dt>{t(L, 'evp.title')}</dt>
          <dd>
            <a href={`/events/${e.id}`}>{e.title}</a> ({e.kindName})
          </dd>
          <dt>{t(L, 'evp.when')}</dt>
          <dd>
            {seoul(e.startsAt)}–{seoul(e.endsAt).slice(11)}
          </dd>
          {e.venue ? (
            <>
              <dt>{t(L, 'evp.where')}</dt>
              <dd>{e.venue}</dd>
            </>
          ) : null}
          <dt>{t(L, 'evi.company')}</dt>
          <dd>
            {inv.employerName}
            {inv.booth ? ` · ${inv.booth}` : ''}
          </dd>
          {inv.postingTitle ? (
            <>
              <dt>{t(L, 'evi.posting')}</dt>
              <dd>{inv.postingTitle}</dd>
            </>
          ) : null}
        </dl>
        {inv.responseName ? <p class="tag strong">{inv.responseName}</p> : null}
        <form method="post" action={`/events/${e.id}/invitation`} class="inline">
          <Csrf token={req.csrfToken} />
          <button type="submit" name="response" value="accepted">
            {t(L, 'evi.accept')}
          </button>{' '}
          <button type="submit" name="response" value="declined" class="secondary">
            {t(L, 'evi.decline')}
          </button>
        </form>
        {accepted ? (
          <section aria-labelledby="times-h">
            <h2 id="times-h">{t(L, 'evi.times', { company: inv.employerName ?? '' })}</h2>
            {times.length === 0 ? <p>{t(L, 'evi.noTimes')}</p> : null}
            <ul class="slot-list">
              {times.map((s) => (
                <li key={s.id}>
                  <form method="post" action={`/events/${e.id}/invitation/book`} class="inline">
                    <Csrf token={req.csrfToken} />
                    <input type="hidden" name="slotId" value={s.id} />
                    <button type="submit">{t(L, 'evi.book', { time: seoul(s.startsAt).slice(11) })}</button>
                  </form>
                </li>
              ))}
            </ul>
            <p>
              <a href={`/events/${e.id}/plan`}>{t(L, 'evi.plan')}</a>
            </p>
          </section>
        ) : null}
      </Layout>
    );
  }

  app.get('/events/:id/invitation', pageOpts, async (req, reply) =>
    renderPage(reply, await invitationPage(req)),
  );

  async function act(req: FastifyRequest, run: () => Promise<string>) {
    try {
      return { status: 200, page: await invitationPage(req, { kind: 'ok', text: await run() }) };
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const status = (err as { code?: string }).code === 'conflict' ? 409 : 400;
      const text = [e.form, ...Object.values(e.fields)].filter(Boolean).join(' ');
      return { status, page: await invitationPage(req, { kind: 'error', text }) };
    }
  }

  app.post('/events/:id/invitation', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.take_part');
    const response = String((req.body as Record<string, unknown> | undefined)?.response ?? '');
    const { status, page } = await act(req, async () => {
      if (response !== 'accepted' && response !== 'declined') {
        throw invalid([{ field: 'response', key: 'field.invalid' }]);
      }
      const inv = await answerInvitation(requestContext(ctx.db, req), { eventId: uuidParam(req), response });
      return response === 'accepted'
        ? t(req.lang, 'evi.accepted', { status: inv.registered === 'waitlisted' ? '대기' : '참가 확정' })
        : t(req.lang, 'evi.declined');
    });
    return renderPage(reply, page, status);
  });

  app.post('/events/:id/invitation/book', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.take_part');
    const slotId = String((req.body as Record<string, unknown> | undefined)?.slotId ?? '');
    const { status, page } = await act(req, async () => {
      if (!/^[0-9a-f-]{36}$/i.test(slotId)) throw invalid([{ field: 'slotId', key: 'field.invalid' }]);
      const b = await bookSlot(requestContext(ctx.db, req), { slotId });
      return t(req.lang, 'evi.booked', { time: seoul(b.startsAt) });
    });
    if (status === 200) return reply.redirect(`/events/${uuidParam(req)}/plan?booked=1`, 303);
    return renderPage(reply, page, status);
  });

  app.get('/events/:id/plan', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.take_part');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const p = await interviewPlan(rc, { eventId: uuidParam(req) });
    return renderPage(
      reply,
      <Layout req={req} title={`${t(L, 'evp.planTitle')} — ${p.eventTitle}`}>
        <p>
          <a href={`/events/${p.eventId}`}>← {p.eventTitle}</a>
        </p>
        <h1>{t(L, 'evp.planTitle')}</h1>
        {query(req).booked ? <Notice kind="ok">{t(L, 'evi.booked', { time: '' }).trim()}</Notice> : null}
        <p>
          {p.eventTitle} · {seoul(p.startsAt).slice(0, 10)}
          {p.venue ? ` · ${p.venue}` : ''}
        </p>
        <div class="table-wrap">
          <PlanTable p={p} L={L} />
        </div>
        {p.proposals.map((x) => (
          <p key={x.slotId}>
            {t(L, 'evp.proposal', { company: x.employerName, time: seoul(x.startsAt).slice(11) })}{' '}
            <a href={`/events/${p.eventId}/invitation`}>{t(L, 'evp.bookProposal')}</a>
          </p>
        ))}
      </Layout>,
    );
  });

  app.get('/staff/events/:id/plans', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const id = uuidParam(req);
    const [e, plans] = await Promise.all([getEvent(rc, { id }), eventPlans(rc, { eventId: id })]);
    const labels = await seekerLabels(rc, { ids: plans.map((p) => p.seekerId) });
    return renderPage(
      reply,
      <PrintLayout req={req} title={`${t(L, 'evp.planTitle')} — ${e.title}`} back={`/staff/events/${e.id}`}>
        <h1>
          {e.title} {t(L, 'evp.planTitle')}
        </h1>
        <p>
          {seoul(e.startsAt)}–{seoul(e.endsAt).slice(11)}
          {e.venue ? ` · ${e.venue}` : ''}
        </p>
        {plans.length === 0 ? <p>{t(L, 'evp.planNone')}</p> : null}
        {plans.map((p) => {
          const who = labels.get(p.seekerId);
          return (
            <section key={p.seekerId} class="plan-sheet">
              <h2>{who ? `${who.name} (${who.registrationNo})` : t(L, 'evd.hidden')}</h2>
              <PlanTable p={p} L={L} />
              {p.proposals.map((x) => (
                <p key={x.slotId}>
                  {t(L, 'evp.proposal', { company: x.employerName, time: seoul(x.startsAt).slice(11) })}
                </p>
              ))}
            </section>
          );
        })}
      </PrintLayout>,
    );
  });
}
