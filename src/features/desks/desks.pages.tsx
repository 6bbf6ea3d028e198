import type { AppContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { koDate } from '../../web/dates.ts';
import { Layout, renderPage } from '../../web/layout.tsx';
import { pageOpts, seoul } from '../../web/page.tsx';
import { listDeskSessions } from './desks.service.ts';

// /desks (public, phone-first): the coming sessions of the mobile desks (찾아가는 취업상담실)
// by day, cancelled ones with the reason, and the link to subscribe to the ICS feed.

defineMessages({
  'dkp.title': ['찾아가는 취업상담실', 'Mobile job counselling desks'],
  'dkp.intro': [
    '행정복지센터·시장 등으로 찾아가는 취업상담 일정입니다. 예약 없이 오셔도 상담받을 수 있습니다.',
    'Where and when counsellors come to community centres and markets. Walk in, no booking needed.',
  ],
  'dkp.none': ['예정된 상담 일정이 없습니다.', 'No sessions are coming up.'],
  'dkp.ics': ['내 달력에 일정 추가(ICS 구독)', 'Add to my calendar (ICS feed)'],
  'dkp.cancelled': ['운영 안 함', 'Cancelled'],
  'dkp.capacity': ['상담 창구 {n}개', '{n} desks'],
});

export function registerDeskPages(app: Server, ctx: AppContext) {
  app.get('/desks', pageOpts, async (req, reply) => {
    const L = req.lang;
    const from = seoulToday();
    const end = new Date(`${from}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 60);
    const sessions = await listDeskSessions(ctx.db, { from, to: end.toISOString().slice(0, 10) });
    const days = [...new Set(sessions.map((s) => s.date))];
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'dkp.title')}>
        <h1>{t(L, 'dkp.title')}</h1>
        <p>{t(L, 'dkp.intro')}</p>
        <p>
          <a href="/api/v1/desks.ics">{t(L, 'dkp.ics')}</a>
        </p>
        {days.length === 0 ? <p>{t(L, 'dkp.none')}</p> : null}
        {days.map((day) => (
          <section key={day}>
            <h2>{koDate(day, L)}</h2>
            <ul class="cards">
              {sessions
                .filter((s) => s.date === day)
                .map((s) => (
                  <li class="card" id={`s-${s.id}`} key={s.id}>
                    <h3>{s.place}</h3>
                    <p>
                      {s.status === 'cancelled' ? <span class="tag">{t(L, 'dkp.cancelled')}</span> : null}{' '}
                      {seoul(s.startsAt).slice(11)}–{seoul(s.endsAt).slice(11)}
                      {s.capacity ? <span class="tag">{t(L, 'dkp.capacity', { n: s.capacity })}</span> : null}
                    </p>
                    <p>{s.address}</p>
                    {s.status === 'cancelled' && s.cancelReason ? <p>{s.cancelReason}</p> : null}
                    {s.note ? <p>{s.note}</p> : null}
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </Layout>,
    );
  });
}
