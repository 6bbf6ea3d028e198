import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { Csrf, fieldErrors } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, query, requireActor, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { availability } from './availability.service.ts';
import { dayLabel, hoursText, timeOf } from './bookings.page-text.ts';
import { cancelBooking, createBooking, listBookings } from './bookings.service.ts';
import { addDays } from './bookings.slots.ts';
import { registerBookingStaffPages } from './bookings.staff.pages.tsx';
import { registerResourcePages } from './resources.pages.tsx';
import { getResource, listResources } from './resources.service.ts';
import { registerSuitPages } from './suits.pages.tsx';

// /bookings (public, phone-first: pick a service, free times for two weeks, book as a signed-in
// seeker) and /me/bookings (a seeker's own, with cancel). The staff day sheet is in
// bookings.staff.pages.tsx, the suit desk in suits.pages.tsx.

const DAYS_AHEAD = 14;

export function registerBookingPages(app: Server, ctx: AppContext) {
  async function publicPage(req: FastifyRequest, notice?: { kind: 'ok' | 'error'; text: string }) {
    const L = req.lang;
    const q = query(req);
    const resourceId = /^[0-9a-f-]{36}$/i.test(q.resourceId ?? '') ? q.resourceId : undefined;
    if (!resourceId) {
      const resources = await listResources({ db: ctx.db, lang: L });
      return (
        <Layout req={req} title={t(L, 'bk.title')}>
          <h1>{t(L, 'bk.title')}</h1>
          <p>{t(L, 'bk.intro')}</p>
          {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
          {resources.length === 0 ? <p>{t(L, 'bk.none')}</p> : null}
          <ul class="cards">
            {resources.map((r) => (
              <li class="card" key={r.id}>
                <h2>
                  <a href={`/bookings?resourceId=${r.id}`}>{r.name}</a>
                </h2>
                <p>
                  <span class="tag strong">{r.kindName}</span>{' '}
                  <span class="tag">{t(L, 'bk.slot', { minutes: r.slotMinutes })}</span>{' '}
                  {r.approvalRequired ? <span class="tag">{t(L, 'bk.approval')}</span> : null}
                </p>
                <p>
                  {t(L, 'bk.hours')}: {hoursText(r)}
                </p>
                {r.description ? <p class="muted">{r.description}</p> : null}
              </li>
            ))}
          </ul>
        </Layout>
      );
    }
    const r = await getResource({ db: ctx.db, lang: L }, { id: resourceId });
    const from = seoulToday();
    const to = addDays(from, DAYS_AHEAD - 1);
    const free = await availability({ db: ctx.db, lang: L }, { resourceId, from, to });
    const actor = req.actor;
    const canBook = actor?.role === 'seeker';
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    const here = `/bookings?resourceId=${resourceId}`;
    return (
      <Layout req={req} title={`${r.name} — ${t(L, 'bk.title')}`}>
        <p>
          <a href="/bookings">← {t(L, 'bk.back')}</a>
        </p>
        <h1>{r.name}</h1>
        <p>
          <span class="tag strong">{r.kindName}</span> {t(L, 'bk.hours')}: {hoursText(r)} ·{' '}
          {t(L, 'bk.slot', { minutes: r.slotMinutes })}
          {r.approvalRequired ? ` · ${t(L, 'bk.approval')}` : ''}
        </p>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        {!actor ? (
          <Notice kind="info">
            {t(L, 'bk.login')} <a href={`/login?next=${encodeURIComponent(here)}`}>{t(L, 'bk.loginLink')}</a>
          </Notice>
        ) : !canBook ? (
          <Notice kind="info">{t(L, 'bk.seekersOnly')}</Notice>
        ) : null}
        <h2>{t(L, 'bk.twoWeeks')}</h2>
        {days.map((d) => {
          const slots = free.items.filter((s) => seoul(s.startsAt, false) === d);
          const closed = free.closedDays.find((c) => c.date === d);
          return (
            <section class="card booking-day" key={d} aria-labelledby={`d-${d}`} data-day={d}>
              <h3 id={`d-${d}`}>{dayLabel(d)}</h3>
              {slots.length === 0 ? (
                <p class="muted">{closed ? t(L, 'bk.closed', { name: closed.name }) : t(L, 'bk.noTimes')}</p>
              ) : (
                <ul class="slot-list">
                  {slots.map((s) => (
                    <li key={s.startsAt}>
                      {canBook ? (
                        <form method="post" action="/bookings" class="inline">
                          <Csrf token={req.csrfToken} />
                          <input type="hidden" name="resourceId" value={resourceId} />
                          <input type="hidden" name="startsAt" value={s.startsAt} />
                          <button type="submit">{t(L, 'bk.book', { time: timeOf(s.startsAt) })}</button>
                        </form>
                      ) : (
                        <span class="tag">{timeOf(s.startsAt)}</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </Layout>
    );
  }

  app.get('/bookings', pageOpts, async (req, reply) => renderPage(reply, await publicPage(req)));

  app.post('/bookings', pageOpts, async (req, reply) => {
    requirePermission(req, 'bookings.book');
    const b = (req.body ?? {}) as Record<string, unknown>;
    const resourceId = typeof b.resourceId === 'string' ? b.resourceId : '';
    const startsAt = typeof b.startsAt === 'string' ? b.startsAt : '';
    (req.query as Record<string, string>).resourceId = resourceId;
    try {
      if (!/^[0-9a-f-]{36}$/i.test(resourceId))
        throw invalid([{ field: 'resourceId', key: 'field.invalid' }]);
      const made = await createBooking(requestContext(ctx.db, req), { resourceId, startsAt });
      const text = t(req.lang, made.status === 'requested' ? 'bk.requested' : 'bk.booked', {
        what: made.resourceName ?? '',
        when: seoul(made.startsAt),
      });
      return reply.redirect(`/me/bookings?booked=${encodeURIComponent(text)}`, 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const status = (err as { code?: string }).code === 'conflict' ? 409 : 400;
      const text = [e.form, ...Object.values(e.fields)].filter(Boolean).join(' ');
      return renderPage(reply, await publicPage(req, { kind: 'error', text }), status);
    }
  });

  async function minePage(req: FastifyRequest, reply: FastifyReply) {
    const actor = requireActor(req);
    if (actor.role !== 'seeker') return reply.redirect('/bookings', 303);
    const L = req.lang;
    const q = query(req);
    const mine = await listBookings(requestContext(ctx.db, req), {
      from: addDays(seoulToday(), -30),
      offset: 0,
      limit: 100,
    });
    const now = Date.now();
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'bk.mine')} nav="/me">
        <h1>{t(L, 'bk.mine')}</h1>
        {q.booked ? <Notice kind="ok">{q.booked.slice(0, 300)}</Notice> : null}
        {q.cancelled ? <Notice kind="ok">{t(L, 'bk.cancelled')}</Notice> : null}
        <p>
          <a href="/bookings">{t(L, 'bk.title')}</a>
        </p>
        {mine.items.length === 0 ? <p>{t(L, 'bk.mineNone')}</p> : null}
        <ul class="cards">
          {mine.items.map((b) => (
            <li class="card" key={b.id}>
              <h2>
                {b.resourceName} <span class="tag">{b.resourceKindName}</span>
              </h2>
              <p>
                {seoul(b.startsAt)} · <span class="tag strong">{b.statusName}</span>
                {b.cancelReasonName
                  ? ` (${b.cancelReasonName}${b.cancelNote ? `: ${b.cancelNote}` : ''})`
                  : ''}
              </p>
              {(b.status === 'confirmed' || b.status === 'requested') && Date.parse(b.startsAt) > now ? (
                <form method="post" action={`/me/bookings/${b.id}/cancel`} class="inline">
                  <Csrf token={req.csrfToken} />
                  <button type="submit">{t(L, 'bk.cancel')}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  }

  app.get('/me/bookings', pageOpts, minePage);
  app.post('/me/bookings/:id/cancel', pageOpts, async (req, reply) => {
    requirePermission(req, 'bookings.book');
    await cancelBooking(requestContext(ctx.db, req), { id: uuidParam(req) });
    return reply.redirect('/me/bookings?cancelled=1', 303);
  });
  registerBookingStaffPages(app, ctx);
  registerResourcePages(app, ctx);
  registerSuitPages(app, ctx);
}
