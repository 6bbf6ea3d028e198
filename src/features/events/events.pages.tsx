import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, fieldErrors } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { listEventEmployers } from './event-employers.service.ts';
import { getEvent, listEvents } from './events.service.ts';
import { addDays } from './events.time.ts';
import { bookSlot, listSlots } from './interviews.service.ts';
import { register } from './registrations.service.ts';

// /events (public, phone-first: the coming hiring events) and /events/{id} (the event, its
// employers and free interview times; a signed-in seeker registers and books a time).

defineMessages({
  'evp.title': ['채용행사', 'Hiring events'],
  'evp.intro': [
    '다가오는 채용박람회·화상면접의 날·금요채용마당입니다.',
    'Coming job fairs and interview days.',
  ],
  'evp.none': ['예정된 채용행사가 없습니다.', 'No hiring events are coming up.'],
  'evp.back': ['채용행사 목록', 'All hiring events'],
  'evp.when': ['일시', 'When'],
  'evp.where': ['장소', 'Where'],
  'evp.online': ['온라인 참여', 'Join online'],
  'evp.capacity': ['정원 {n}명', 'Capacity {n}'],
  'evp.employers': ['참가 기업', 'Employers'],
  'evp.noEmployers': ['참가 기업을 모집 중입니다.', 'Employers are still being gathered.'],
  'evp.slots': ['1:1 면접 예약', 'Book a 1:1 interview'],
  'evp.noSlots': ['예약할 수 있는 면접 시간이 없습니다.', 'No interview times are free.'],
  'evp.book': ['{time} 예약', 'Book {time}'],
  'evp.register': ['참가 신청', 'Register'],
  'evp.login': [
    '구직자로 로그인하면 참가 신청과 면접 예약을 할 수 있습니다.',
    'Sign in as a job seeker to register and book.',
  ],
  'evp.loginLink': ['로그인', 'Sign in'],
  'evp.registered': ['참가 신청이 접수되었습니다: {status}', 'Registration received: {status}'],
  'evp.booked': ['{time} 면접이 예약되었습니다.', 'Your interview at {time} is booked.'],
  'evp.cancelledTag': ['취소됨', 'Cancelled'],
  'evp.cancelled': [
    '이 채용행사는 취소되었습니다. 사유: {reason}. 참가 신청과 면접 예약은 모두 취소되었습니다.',
    'This event is cancelled. Reason: {reason}. Registrations and interview bookings are cancelled.',
  ],
});

export function registerEventPages(app: Server, ctx: AppContext) {
  app.get('/events', pageOpts, async (req, reply) => {
    const L = req.lang;
    const from = seoulToday();
    const events = await listEvents(
      { db: ctx.db, actor: req.actor, lang: L },
      { from, to: addDays(from, 120) },
    );
    const shown = events.filter((e) => e.published);
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'evp.title')}>
        <h1>{t(L, 'evp.title')}</h1>
        <p>{t(L, 'evp.intro')}</p>
        {shown.length === 0 ? <p>{t(L, 'evp.none')}</p> : null}
        <ul class="cards">
          {shown.map((e) => (
            <li class="card" key={e.id}>
              <h2>
                <a href={`/events/${e.id}`}>{e.title}</a>
              </h2>
              <p>
                <span class="tag strong">{e.kindName}</span> {seoul(e.startsAt)}–{seoul(e.endsAt).slice(11)}
                {e.cancelledAt ? <span class="tag">{t(L, 'evp.cancelledTag')}</span> : null}
              </p>
              {e.venue ? <p>{e.venue}</p> : null}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });

  async function eventPage(req: FastifyRequest, notice?: { kind: 'ok' | 'error'; text: string }) {
    const L = req.lang;
    const id = uuidParam(req);
    const read = { db: ctx.db, actor: req.actor, lang: L };
    const [e, employers, slots] = await Promise.all([
      getEvent(read, { id }),
      listEventEmployers(read, { eventId: id }),
      listSlots(read, { eventId: id, free: true }),
    ]);
    const names = new Map(employers.map((x) => [x.employerId, x.employerName ?? '']));
    const now = Date.now();
    const open = slots.filter((s) => Date.parse(s.startsAt) > now && names.has(s.employerId));
    const canAct = req.actor?.role === 'seeker' && !e.cancelledAt;
    return (
      <Layout req={req} title={`${e.title} — ${t(L, 'evp.title')}`}>
        <p>
          <a href="/events">← {t(L, 'evp.back')}</a>
        </p>
        <h1>{e.title}</h1>
        <p>
          <span class="tag strong">{e.kindName}</span>
          {e.capacity ? <span class="tag">{t(L, 'evp.capacity', { n: e.capacity })}</span> : null}
        </p>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        {e.cancelledAt ? (
          <Notice kind="error">{t(L, 'evp.cancelled', { reason: e.cancelReason ?? '' })}</Notice>
        ) : null}
        <dl>
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
          {e.onlineUrl ? (
            <>
              <dt>{t(L, 'evp.online')}</dt>
              <dd>
                <a href={e.onlineUrl} rel="noopener noreferrer">
                  {e.onlineUrl}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
        {e.description ? <p>{e.description}</p> : null}
        {e.cancelledAt ? null : canAct ? (
          <div>
            <form method="post" action={`/events/${e.id}/register`} class="inline">
              <Csrf token={req.csrfToken} />
              <button type="submit">{t(L, 'evp.register')}</button>
            </form>{' '}
            <a href={`/events/${e.id}/plan`}>{t(L, 'evi.plan')}</a>
          </div>
        ) : (
          <Notice kind="info">
            {t(L, 'evp.login')}{' '}
            <a href={`/login?next=${encodeURIComponent(`/events/${e.id}`)}`}>{t(L, 'evp.loginLink')}</a>
          </Notice>
        )}
        <h2>{t(L, 'evp.employers')}</h2>
        {employers.length === 0 ? <p class="muted">{t(L, 'evp.noEmployers')}</p> : null}
        {employers.map((x) => {
          const mine = open.filter((s) => s.employerId === x.employerId);
          return (
            <section class="card" key={x.employerId} aria-labelledby={`emp-${x.employerId}`}>
              <h3 id={`emp-${x.employerId}`}>
                {x.employerName}
                {x.booth ? <span class="tag">{x.booth}</span> : null}
              </h3>
              <p class="muted">{t(L, 'evp.slots')}</p>
              {mine.length === 0 ? <p class="muted">{t(L, 'evp.noSlots')}</p> : null}
              <ul class="slot-list">
                {mine.map((s) => (
                  <li key={s.id}>
                    {canAct ? (
                      <form method="post" action={`/events/${e.id}/book`} class="inline">
                        <Csrf token={req.csrfToken} />
                        <input type="hidden" name="slotId" value={s.id} />
                        <button type="submit">
                          {t(L, 'evp.book', { time: seoul(s.startsAt).slice(11) })}
                        </button>
                      </form>
                    ) : (
                      <span class="tag">{seoul(s.startsAt).slice(11)}</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </Layout>
    );
  }

  app.get('/events/:id', pageOpts, async (req, reply) => renderPage(reply, await eventPage(req)));

  async function act(req: FastifyRequest, run: () => Promise<string>) {
    try {
      return { status: 200, page: await eventPage(req, { kind: 'ok', text: await run() }) };
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const status = (err as { code?: string }).code === 'conflict' ? 409 : 400;
      const text = [e.form, ...Object.values(e.fields)].filter(Boolean).join(' ');
      return { status, page: await eventPage(req, { kind: 'error', text }) };
    }
  }

  app.post('/events/:id/register', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.take_part');
    const { status, page } = await act(req, async () => {
      const r = await register(requestContext(ctx.db, req), { eventId: uuidParam(req) });
      return t(req.lang, 'evp.registered', { status: r.statusName });
    });
    return renderPage(reply, page, status);
  });

  app.post('/events/:id/book', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.take_part');
    const slotId = String((req.body as Record<string, unknown> | undefined)?.slotId ?? '');
    const { status, page } = await act(req, async () => {
      if (!/^[0-9a-f-]{36}$/i.test(slotId)) throw invalid([{ field: 'slotId', key: 'field.invalid' }]);
      const b = await bookSlot(requestContext(ctx.db, req), { slotId });
      return t(req.lang, 'evp.booked', { time: seoul(b.startsAt) });
    });
    return renderPage(reply, page, status);
  });
}
