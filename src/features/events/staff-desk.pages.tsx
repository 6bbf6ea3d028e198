import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { Csrf, fieldErrors, Input } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts, query, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { DeskEmployers, setupNotice } from './desk-setup.pages.tsx';
import { changeNotice } from './event-edit.pages.tsx';
import { listEventEmployers } from './event-employers.service.ts';
import { INTERVIEW_RESULTS, type InterviewResult } from './events.codes.ts';
import { eventSummary, getEvent, listEvents } from './events.service.ts';
import { addDays } from './events.time.ts';
import { listSlots, recordInterviewResult } from './interviews.service.ts';
import { checkIn, listRegistrations } from './registrations.service.ts';
import { slotNotice } from './slot-changes.pages.tsx';

// /staff/events (the centre's events) and /staff/events/{id} (the desk: totals, the slot grid
// with results entered in one select and a button, registrations with check-in).

defineMessages({
  'evd.title': ['채용행사 운영', 'Hiring event desk'],
  'evd.hall': ['상설채용관 요청·일정', 'Permanent hiring hall requests'],
  'evd.none': ['최근·예정 채용행사가 없습니다.', 'No recent or coming events.'],
  'evd.unpublished': ['비공개', 'Not published'],
  'evd.cancelledTag': ['취소됨', 'Cancelled'],
  'evd.cancelled': ['취소된 행사입니다({at}). 사유: {reason}', 'Cancelled ({at}). Reason: {reason}'],
  'evd.manage': ['관리', 'Manage'],
  'evd.totals': [
    '참가 기업 {employers} · 구직자 {seekers} · 면접 {interviews} · 1차 합격 {passedFirst} · 채용 {hired}',
    'Employers {employers} · seekers {seekers} · interviews {interviews} · passed {passedFirst} · hired {hired}',
  ],
  'evd.slots': ['면접 시간표', 'Interview slots'],
  'evd.time': ['시간', 'Time'],
  'evd.employer': ['기업', 'Employer'],
  'evd.seeker': ['구직자', 'Seeker'],
  'evd.result': ['결과', 'Result'],
  'evd.free': ['빈 시간', 'Free'],
  'evd.hidden': ['(조회 권한 없음)', '(not visible)'],
  'evd.save': ['저장', 'Save'],
  'evd.regs': ['참가 신청', 'Registrations'],
  'evd.status': ['상태', 'Status'],
  'evd.checkIn': ['입장 확인', 'Check in'],
  'evd.checkedIn': ['입장 {time}', 'In at {time}'],
  'evd.done': ['저장했습니다.', 'Saved.'],
  'evd.find': ['전화번호·뒷자리 4자리·이름으로 찾기', 'Find by phone, its last four digits or name'],
  'evd.matches': ['사전 매칭·초대', 'Pre-event matching and invitations'],
  'evd.findGo': ['찾기', 'Find'],
  'evd.findAll': ['전체 보기', 'Show all'],
  'evd.notFound': ['“{q}”에 해당하는 참가 신청이 없습니다.', 'No registration matches “{q}”.'],
});

/** A slot's way back on the desk: a free one removed at once, a booked one cancelled on its own page. */
function SlotActions(p: {
  L: Lang;
  eventId: string;
  csrf: string | null | undefined;
  slot: { id: string; startsAt: string; taken: boolean; result?: string | null };
}) {
  const { L, slot } = p;
  const time = seoul(slot.startsAt).slice(11);
  if (!slot.taken) {
    return (
      <form method="post" action={`/staff/events/${p.eventId}/slots/${slot.id}/delete`} class="inline">
        <Csrf token={p.csrf} />
        <button type="submit" aria-label={t(L, 'esc.removeSlot', { time })}>
          {t(L, 'esc.remove')}
        </button>
      </form>
    );
  }
  if (slot.result) return null;
  return (
    <a
      href={`/staff/events/${p.eventId}/slots/${slot.id}/cancel`}
      aria-label={t(L, 'esc.cancelLink', { time })}
    >
      {t(L, 'esc.cancelSlot')}
    </a>
  );
}

export function registerEventDeskPages(app: Server, ctx: AppContext) {
  app.get('/staff/events', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const today = seoulToday();
    const items = await listEvents(
      { db: ctx.db, actor: req.actor, lang: L },
      { from: addDays(today, -30), to: addDays(today, 180) },
    );
    const own = items.filter(
      (e) => req.actor?.centreScope === null || req.actor?.centreScope?.includes(e.centreId),
    );
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'evd.title')} nav="/staff">
        <h1>{t(L, 'evd.title')}</h1>
        <p>
          <a href="/staff/events/new">{t(L, 'evn.new')}</a>
          {' · '}
          <a href="/staff/hiring-hall">{t(L, 'evd.hall')}</a>
        </p>
        {own.length === 0 ? <p>{t(L, 'evd.none')}</p> : null}
        <ul class="cards">
          {own.map((e) => (
            <li class="card" key={e.id}>
              <h2>
                <a href={`/staff/events/${e.id}`}>{e.title}</a>
              </h2>
              <p>
                <span class="tag strong">{e.kindName}</span> {seoul(e.startsAt)}
                {e.published ? null : <span class="tag">{t(L, 'evd.unpublished')}</span>}
                {e.cancelledAt ? <span class="tag">{t(L, 'evd.cancelledTag')}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  app.get('/staff/events/:id', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const id = uuidParam(req);
    const q = query(req);
    const [e, sum, employers, slots, regs] = await Promise.all([
      getEvent(rc, { id }),
      eventSummary(rc, { id }),
      listEventEmployers(rc, { eventId: id }),
      listSlots(rc, { eventId: id }),
      listRegistrations(rc, { eventId: id, q: q.q, dataKey: ctx.dataKey }),
    ]);
    const labels = await seekerLabels(rc, {
      ids: [...slots.map((s) => s.seekerId), ...regs.map((r) => r.seekerId)].filter(
        (s): s is string => typeof s === 'string',
      ),
    });
    const who = (seekerId: string) => {
      const s = labels.get(seekerId);
      return s ? `${s.name} (${s.registrationNo})` : t(L, 'evd.hidden');
    };
    const names = new Map(employers.map((x) => [x.employerId, x.employerName ?? '']));
    return renderPage(
      reply,
      <Layout req={req} title={`${e.title} — ${t(L, 'evd.title')}`} nav="/staff">
        <p>
          <a href="/staff/events">← {t(L, 'evd.title')}</a>
        </p>
        <h1>{e.title}</h1>
        <p>
          <span class="tag strong">{e.kindName}</span> {seoul(e.startsAt)}–{seoul(e.endsAt).slice(11)}
        </p>
        {e.cancelledAt ? (
          <Notice kind="error">
            {t(L, 'evd.cancelled', { at: seoul(e.cancelledAt), reason: e.cancelReason ?? '' })}
          </Notice>
        ) : null}
        {q.done ? <Notice kind="ok">{t(L, 'evd.done')}</Notice> : null}
        {[setupNotice(L, q), changeNotice(L, q), slotNotice(L, q)].map((text) =>
          text ? (
            <Notice kind="ok" key={text}>
              {text}
            </Notice>
          ) : null,
        )}
        {q.error ? <Notice kind="error">{q.error.slice(0, 300)}</Notice> : null}
        <p>{t(L, 'evd.totals', { ...sum })}</p>
        <p>
          {e.cancelledAt ? null : (
            <>
              <a href={`/staff/events/${e.id}/edit`}>{t(L, 'eve.edit')}</a>
              {' · '}
              <a href={`/staff/events/${e.id}/cancel`}>{t(L, 'eve.cancel')}</a>
              {' · '}
            </>
          )}
          <a href={`/staff/events/${e.id}/matches`}>{t(L, 'evd.matches')}</a>
          {' · '}
          <a href={`/staff/events/${e.id}/plans`}>{t(L, 'evp.print')}</a>
        </p>
        <DeskEmployers
          L={L}
          eventId={e.id}
          csrf={req.csrfToken}
          employers={employers}
          slots={slots}
          open={!e.cancelledAt}
        />
        <h2 id="evd-slots">{t(L, 'evd.slots')}</h2>
        <StackTable
          lang={L}
          columns={[
            'evd.time',
            'evd.employer',
            'evd.seeker',
            'evd.result',
            ...(e.cancelledAt ? [] : ['evd.manage']),
          ]}
        >
          {slots.map((s) => (
            <tr key={s.id}>
              <td data-label={t(L, 'evd.time')}>{seoul(s.startsAt).slice(11)}</td>
              <td data-label={t(L, 'evd.employer')}>{names.get(s.employerId) ?? ''}</td>
              <td data-label={t(L, 'evd.seeker')}>{s.seekerId ? who(s.seekerId) : t(L, 'evd.free')}</td>
              <td data-label={t(L, 'evd.result')}>
                {s.bookingId ? (
                  <form method="post" action={`/staff/events/${e.id}/result`} class="inline">
                    <Csrf token={req.csrfToken} />
                    <input type="hidden" name="bookingId" value={s.bookingId} />
                    <label class="visually-hidden" for={`r-${s.bookingId}`}>
                      {t(L, 'evd.result')}
                    </label>
                    <select id={`r-${s.bookingId}`} name="result">
                      {Object.entries(INTERVIEW_RESULTS).map(([code, n]) => (
                        <option key={code} value={code} selected={s.result === code}>
                          {n[L === 'en' ? 1 : 0]}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit">{t(L, 'evd.save')}</button>
                  </form>
                ) : null}
              </td>
              {e.cancelledAt ? null : (
                <td data-label={t(L, 'evd.manage')}>
                  <SlotActions L={L} eventId={e.id} slot={s} csrf={req.csrfToken} />
                </td>
              )}
            </tr>
          ))}
        </StackTable>
        <h2 id="registrations">{t(L, 'evd.regs')}</h2>
        <form method="get" action={`/staff/events/${e.id}#registrations`} class="search">
          <Input
            lang={L}
            id="desk-q"
            name="q"
            type="search"
            label={t(L, 'evd.find')}
            inputMode="search"
            maxLength={100}
            value={q.q ?? ''}
          />
          <div class="actions">
            <button type="submit">{t(L, 'evd.findGo')}</button>
            {q.q ? (
              <>
                {' '}
                <a href={`/staff/events/${e.id}#registrations`}>{t(L, 'evd.findAll')}</a>
              </>
            ) : null}
          </div>
        </form>
        {q.q && regs.length === 0 ? <p>{t(L, 'evd.notFound', { q: q.q })}</p> : null}
        <StackTable lang={L} columns={['evd.seeker', 'evd.status', 'evd.checkIn']}>
          {regs.map((r) => (
            <tr key={r.id}>
              <td data-label={t(L, 'evd.seeker')}>{who(r.seekerId)}</td>
              <td data-label={t(L, 'evd.status')}>{r.statusName}</td>
              <td data-label={t(L, 'evd.checkIn')}>
                {r.checkedInAt ? (
                  t(L, 'evd.checkedIn', { time: seoul(r.checkedInAt).slice(11) })
                ) : r.status === 'registered' ? (
                  <form method="post" action={`/staff/events/${e.id}/check-in`} class="inline">
                    <Csrf token={req.csrfToken} />
                    <input type="hidden" name="rid" value={r.id} />
                    <button type="submit">{t(L, 'evd.checkIn')}</button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </StackTable>
      </Layout>,
    );
  });

  const uuid = /^[0-9a-f-]{36}$/i;
  async function act(
    req: Parameters<typeof requestContext>[1] & { params: unknown },
    run: () => Promise<unknown>,
  ) {
    try {
      await run();
      return 'done=1';
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      return `error=${encodeURIComponent([e.form, ...Object.values(e.fields)].filter(Boolean).join(' '))}`;
    }
  }

  app.post('/staff/events/:id/result', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const bookingId = String(b.bookingId ?? '');
    const result = String(b.result ?? '');
    const to = await act(req, async () => {
      if (!uuid.test(bookingId) || !(result in INTERVIEW_RESULTS))
        throw invalid([{ field: 'result', key: 'field.invalid' }]);
      await recordInterviewResult(requestContext(ctx.db, req), {
        id: bookingId,
        result: result as InterviewResult,
      });
    });
    return reply.redirect(`/staff/events/${id}?${to}`, 303);
  });

  app.post('/staff/events/:id/check-in', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const rid = String(((req.body ?? {}) as Record<string, unknown>).rid ?? '');
    const to = await act(req, async () => {
      if (!uuid.test(rid)) throw invalid([{ field: 'rid', key: 'field.invalid' }]);
      await checkIn(requestContext(ctx.db, req), { eventId: id, id: rid });
    });
    return reply.redirect(`/staff/events/${id}?${to}`, 303);
  });
}
