import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { Csrf, fieldErrors, Input, Select } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { pageGuard, pageOpts, query, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { WEEKDAYS } from './bookings.codes.ts';
import { timeOf } from './bookings.page-text.ts';
import { listBookings, markBooking, NO_SHOW_WINDOW_DAYS } from './bookings.service.ts';
import { weekday } from './bookings.slots.ts';
import { resourcesOfActor } from './resources.service.ts';

// /staff/bookings: the day sheet of a resource (check-in, no-show, approval) and the bookings a
// closure or holiday cancelled, to contact.

export function registerBookingStaffPages(app: Server, ctx: AppContext) {
  async function staffPage(req: FastifyRequest, status = 200, reply?: FastifyReply) {
    const { L, q } = pageGuard(req, 'bookings.manage');
    const rc = requestContext(ctx.db, req);
    const resources = await resourcesOfActor(rc);
    const resource = resources.find((r) => r.id === q.resourceId) ?? resources[0];
    const day = /^\d{4}-\d{2}-\d{2}$/.test(q.date ?? '') ? (q.date as string) : seoulToday();
    const sheet = resource
      ? await listBookings(rc, { resourceId: resource.id, from: day, to: day, offset: 0, limit: 100 })
      : { items: [], total: 0 };
    const hit = await listBookings(rc, { from: seoulToday(), status: 'cancelled', offset: 0, limit: 100 });
    const hitItems = hit.items.filter((b) => b.cancelReason === 'closure' || b.cancelReason === 'holiday');
    const labels = await seekerLabels(rc, {
      ids: [...sheet.items, ...hitItems].map((b) => b.seekerId).filter((s): s is string => s !== null),
    });
    const who = (b: (typeof sheet.items)[number]) => {
      if (!b.seekerId) return t(L, 'bk.employer');
      const s = labels.get(b.seekerId);
      return s ? `${s.name} (${s.registrationNo})` : t(L, 'bk.hidden');
    };
    const back = `resourceId=${resource?.id ?? ''}&date=${day}`;
    const page = (
      <Layout req={req} title={t(L, 'bk.staffTitle')} nav="/staff">
        <h1>{t(L, 'bk.staffTitle')}</h1>
        {q.done ? <Notice kind="ok">{t(L, 'bk.done')}</Notice> : null}
        {q.error ? <Notice kind="error">{q.error.slice(0, 300)}</Notice> : null}
        <p>
          <a href="/staff/bookings/resources">{t(L, 'bk.resources')}</a> ·{' '}
          <a href="/staff/suits">{t(L, 'bk.suits')}</a>
        </p>
        {resources.length === 0 ? (
          <p>{t(L, 'bk.noResources')}</p>
        ) : (
          <form method="get" action="/staff/bookings" class="search">
            <Select
              lang={L}
              id="bk-resource"
              name="resourceId"
              label={t(L, 'bk.resource')}
              value={resource?.id}
              empty={false}
              options={resources.map((r) => ({ value: r.id, label: `${r.name} (${r.kindName})` }))}
            />
            <Input lang={L} id="bk-date" type="date" name="date" label={t(L, 'bk.day')} value={day} />
            <div class="actions">
              <button type="submit">{t(L, 'bk.show')}</button>
            </div>
          </form>
        )}
        {resource ? (
          <section aria-labelledby="sheet-h">
            <h2 id="sheet-h">
              {resource.name} · {day} ({WEEKDAYS[weekday(day)]})
            </h2>
            {sheet.items.length === 0 ? (
              <p>{t(L, 'bk.dayEmpty')}</p>
            ) : (
              <StackTable lang={L} columns={['bk.when', 'bk.who', 'bk.status', 'bk.actions']}>
                {sheet.items.map((b) => (
                  <tr key={b.id}>
                    <td data-label={t(L, 'bk.when')}>
                      {timeOf(b.startsAt)}–{timeOf(b.endsAt)}
                    </td>
                    <td data-label={t(L, 'bk.who')}>
                      {who(b)}{' '}
                      {b.seekerNoShows ? (
                        <span class="tag bad">
                          {t(L, 'bk.noShows', { n: b.seekerNoShows, days: NO_SHOW_WINDOW_DAYS })}
                        </span>
                      ) : null}
                    </td>
                    <td data-label={t(L, 'bk.status')}>
                      <span class="tag strong">{b.statusName}</span>
                      {b.cancelReasonName ? ` ${b.cancelReasonName}` : ''}
                    </td>
                    <td data-label={t(L, 'bk.actions')}>
                      {(
                        [
                          ['requested', 'confirm', 'bk.confirm'],
                          ['confirmed', 'check-in', 'bk.checkIn'],
                          ['confirmed', 'no-show', 'bk.noShow'],
                        ] as const
                      )
                        .filter(([s]) => s === b.status)
                        .map(([, action, label]) => (
                          <form
                            key={action}
                            method="post"
                            action={`/staff/bookings/${b.id}/${action}?${back}`}
                            class="inline"
                          >
                            <Csrf token={req.csrfToken} />
                            <button
                              type="submit"
                              aria-label={`${t(L, label)} ${timeOf(b.startsAt)} ${who(b)}`}
                            >
                              {t(L, label)}
                            </button>
                          </form>
                        ))}
                    </td>
                  </tr>
                ))}
              </StackTable>
            )}
          </section>
        ) : null}
        <section aria-labelledby="hit-h">
          <h2 id="hit-h">{t(L, 'bk.hitTitle')}</h2>
          {hitItems.length === 0 ? <p class="muted">{t(L, 'bk.mineNone')}</p> : null}
          <ul>
            {hitItems.map((b) => (
              <li key={b.id}>
                {seoul(b.startsAt)} {b.resourceName} — {who(b)} ({b.cancelReasonName}: {b.cancelNote})
              </li>
            ))}
          </ul>
        </section>
      </Layout>
    );
    return reply ? renderPage(reply, page, status) : page;
  }

  app.get('/staff/bookings', pageOpts, async (req, reply) => staffPage(req, 200, reply));
  for (const [action, to] of [
    ['confirm', 'confirmed'],
    ['check-in', 'checked_in'],
    ['no-show', 'no_show'],
  ] as const) {
    app.post(`/staff/bookings/:id/${action}`, pageOpts, async (req, reply) => {
      requirePermission(req, 'bookings.manage');
      const q = query(req);
      const keep = new URLSearchParams({ resourceId: q.resourceId ?? '', date: q.date ?? '' });
      try {
        await markBooking(requestContext(ctx.db, req), { id: uuidParam(req), to });
        keep.set('done', '1');
      } catch (err) {
        keep.set('error', fieldErrors(err, req.lang).form);
      }
      return reply.redirect(`/staff/bookings?${keep.toString()}`, 303);
    });
  }
}
