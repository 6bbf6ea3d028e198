import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Layout, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageOpts, requirePermission, seoul } from '../../web/page.tsx';
import { type EmployerSlotView, employerSlots } from './employer-slots.service.ts';

// /employer/events: the employer portal's own interview slots at hiring events, grouped by
// event, with who booked each (name masked) and the result.

defineMessages({
  'eve.title': ['채용행사 면접 일정', 'Interview slots at hiring events'],
  'eve.intro': [
    '우리 회사가 참가하는 채용행사의 면접 시간과 예약한 구직자입니다. 구직자 이름은 일부 가려서 보여 드립니다.',
    'Your interview slots at hiring events and who booked them (names partly hidden).',
  ],
  'eve.none': [
    '참가하는 채용행사의 면접 시간이 없습니다. 참가 신청은 센터 담당자에게 문의하세요.',
    'No interview slots yet. Ask the centre to take part in an event.',
  ],
  'eve.time': ['시간', 'Time'],
  'eve.seeker': ['예약한 구직자', 'Booked by'],
  'eve.result': ['결과', 'Result'],
  'eve.free': ['빈 시간', 'Free'],
  'eve.online': ['화상면접 링크', 'Meeting link'],
  'eve.counts': ['면접 시간 {slots}개 · 예약 {booked}건', '{slots} slots · {booked} booked'],
});

export function registerEmployerSlotPages(app: Server, ctx: AppContext) {
  app.get('/employer/events', pageOpts, async (req, reply) => {
    const actor = requirePermission(req, 'events.take_part');
    if (actor.role !== 'employer') return reply.redirect('/staff/events', 303);
    const L = req.lang;
    const slots = await employerSlots(requestContext(ctx.db, req));
    const byEvent = new Map<string, EmployerSlotView[]>();
    for (const s of slots) byEvent.set(s.eventId, [...(byEvent.get(s.eventId) ?? []), s]);
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'eve.title')}>
        <p>
          <a href="/employer">← {t(L, 'pe.my')}</a>
        </p>
        <h1>{t(L, 'eve.title')}</h1>
        <p>{t(L, 'eve.intro')}</p>
        {slots.length === 0 ? <p>{t(L, 'eve.none')}</p> : null}
        {[...byEvent.values()].map((list) => {
          const e = list[0] as EmployerSlotView;
          return (
            <section key={e.eventId}>
              <h2>{e.eventTitle}</h2>
              <p>
                <span class="tag strong">{e.kindName}</span> {seoul(e.startsAt).slice(0, 10)}
                {e.place ? ` · ${e.place}` : ''}
              </p>
              <p class="muted">
                {t(L, 'eve.counts', { slots: list.length, booked: list.filter((s) => s.taken).length })}
              </p>
              <StackTable lang={L} columns={['eve.time', 'eve.seeker', 'eve.result']}>
                {list.map((s) => (
                  <tr key={s.slotId}>
                    <td data-label={t(L, 'eve.time')}>
                      {seoul(s.startsAt).slice(11)}–{seoul(s.endsAt).slice(11)}
                      {s.meetingUrl ? (
                        <>
                          {' '}
                          <a href={s.meetingUrl} rel="noopener noreferrer">
                            {t(L, 'eve.online')}
                          </a>
                        </>
                      ) : null}
                    </td>
                    <td data-label={t(L, 'eve.seeker')}>{s.seekerName ?? t(L, 'eve.free')}</td>
                    <td data-label={t(L, 'eve.result')}>{s.resultName ?? ''}</td>
                  </tr>
                ))}
              </StackTable>
            </section>
          );
        })}
      </Layout>,
    );
  });
}
