import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, fieldErrors } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import {
  pageGuard,
  pageOpts,
  query,
  requireActor,
  requirePermission,
  seoul,
  uuidParam,
} from '../../web/page.tsx';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { WEEKDAYS } from './bookings.codes.ts';
import {
  availability,
  cancelBooking,
  createBooking,
  getResource,
  listBookings,
  listResources,
  markBooking,
  NO_SHOW_WINDOW_DAYS,
  type ResourceView,
  resourcesOfActor,
} from './bookings.service.ts';
import { addDays, weekday } from './bookings.slots.ts';
import { registerSuitPages } from './suits.pages.tsx';

// /bookings (public, phone-first: pick a service, free times for two weeks, book as a signed-in
// seeker), /me/bookings (a seeker's own, with cancel) and /staff/bookings (the day sheet of a
// resource: check-in, no-show, approval, the bookings a closure or holiday cancelled).

defineMessages({
  'bk.title': ['예약', 'Bookings'],
  'bk.intro': [
    'AI 면접 체험, 화상면접실, 증명사진, 노무사 상담, 면접정장 대여를 예약하세요. 무료입니다.',
    'Book the AI interview booth, video rooms, ID photos, a labour attorney or an interview suit. Free of charge.',
  ],
  'bk.none': ['예약할 수 있는 서비스가 없습니다.', 'Nothing can be booked yet.'],
  'bk.pick': ['시간 보기', 'See times'],
  'bk.slot': ['{minutes}분 단위', '{minutes}-minute slots'],
  'bk.approval': ['승인 후 확정', 'Confirmed after approval'],
  'bk.hours': ['운영 시간', 'Opening hours'],
  'bk.twoWeeks': ['앞으로 2주 동안 예약할 수 있는 시간', 'Free times in the next two weeks'],
  'bk.noTimes': ['예약 가능한 시간 없음', 'No free times'],
  'bk.closed': ['휴무: {name}', 'Closed: {name}'],
  'bk.book': ['{time} 예약', 'Book {time}'],
  'bk.login': ['로그인하면 예약할 수 있습니다.', 'Sign in to book.'],
  'bk.loginLink': ['로그인', 'Sign in'],
  'bk.seekersOnly': ['구직자 계정으로 예약할 수 있습니다.', 'Bookings are made with a job seeker account.'],
  'bk.booked': ['예약했습니다: {what} {when}', 'Booked: {what} {when}'],
  'bk.requested': [
    '예약을 신청했습니다. 센터가 승인하면 확정됩니다: {what} {when}',
    'Requested; the centre confirms it: {what} {when}',
  ],
  'bk.back': ['서비스 목록', 'All services'],
  'bk.mine': ['내 예약', 'My bookings'],
  'bk.mineNone': ['예약이 없습니다.', 'No bookings.'],
  'bk.cancel': ['예약 취소', 'Cancel'],
  'bk.cancelled': ['예약을 취소했습니다.', 'The booking is cancelled.'],
  'bk.what': ['서비스', 'Service'],
  'bk.when': ['일시', 'When'],
  'bk.status': ['상태', 'Status'],
  'bk.staffTitle': ['예약 일정표', 'Booking day sheet'],
  'bk.resource': ['자원', 'Resource'],
  'bk.day': ['날짜', 'Day'],
  'bk.show': ['보기', 'Show'],
  'bk.who': ['예약자', 'Booked by'],
  'bk.actions': ['처리', 'Actions'],
  'bk.checkIn': ['방문 확인', 'Check in'],
  'bk.noShow': ['노쇼', 'No-show'],
  'bk.confirm': ['승인', 'Approve'],
  'bk.noShows': ['최근 {days}일 노쇼 {n}회', '{n} no-shows in {days} days'],
  'bk.hidden': ['(열람 권한 없음)', '(not visible to you)'],
  'bk.employer': ['기업 예약', 'Employer booking'],
  'bk.dayEmpty': ['이 날 예약이 없습니다.', 'No bookings this day.'],
  'bk.noResources': [
    '이 센터에 예약 자원이 없습니다. API(POST /api/v1/resources)로 등록하세요.',
    'No bookable resources here yet (POST /api/v1/resources).',
  ],
  'bk.hitTitle': [
    '휴무·공휴일 지정으로 취소된 예약 (연락 필요)',
    'Cancelled by a closure or holiday (contact them)',
  ],
  'bk.done': ['처리했습니다.', 'Done.'],
  'bk.suits': ['면접정장 대여 창구', 'Suit desk'],
});

const DAYS_AHEAD = 14;

function hoursText(r: ResourceView): string {
  const byDay = new Map<string, number[]>();
  for (const w of r.openingHours) {
    const key = `${w.from}–${w.to}`;
    byDay.set(key, [...(byDay.get(key) ?? []), w.weekday]);
  }
  return [...byDay.entries()]
    .map(
      ([span, days]) =>
        `${days
          .sort((a, b) => a - b)
          .map((d) => WEEKDAYS[d])
          .join('·')} ${span}`,
    )
    .join(', ');
}

function dayLabel(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)} (${WEEKDAYS[weekday(date)]})`;
}

function timeOf(iso: string): string {
  return seoul(iso).slice(11, 16);
}

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
          <a href="/staff/suits">{t(L, 'bk.suits')}</a>
        </p>
        {resources.length === 0 ? (
          <p>{t(L, 'bk.noResources')}</p>
        ) : (
          <form method="get" action="/staff/bookings" class="search">
            <label for="bk-resource">{t(L, 'bk.resource')}</label>
            <select id="bk-resource" name="resourceId">
              {resources.map((r) => (
                <option key={r.id} value={r.id} selected={r.id === resource?.id}>
                  {r.name} ({r.kindName})
                </option>
              ))}
            </select>
            <label for="bk-date">{t(L, 'bk.day')}</label>
            <input id="bk-date" type="date" name="date" value={day} />
            <button type="submit">{t(L, 'bk.show')}</button>
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
  registerSuitPages(app, ctx);
}
