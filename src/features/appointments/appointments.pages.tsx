import type { FastifyRequest } from 'fastify';
import { can } from '../../platform/access/policy.ts';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { asset } from '../../web/assets.ts';
import { Csrf, Input, Select } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageGuard, pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { userNames } from '../accounts/user-lookups.service.ts';
import { closedDays } from '../calendar/calendar.service.ts';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { registerAppointmentForms } from './appointment-form.pages.tsx';
import './appointments.page-messages.ts';
import {
  type Appointment,
  cancelAppointment,
  feedIssuedAt,
  issueFeedToken,
  listAppointments,
} from './appointments.service.ts';
import { addDaysTo, mondayOf, seoulDay, seoulTime, WEEKDAYS } from './appointments.time.ts';

/** One appointment as a calendar entry: time, seeker, channel, place, then its actions. */
function Entry({
  req,
  a,
  seeker,
  counsellor,
  back,
}: {
  req: FastifyRequest;
  a: Appointment;
  seeker?: { name: string; registrationNo: string };
  counsellor?: string;
  back: string;
}) {
  const L = req.lang;
  return (
    <li class="appt">
      <p class="when">
        <time datetime={a.startsAt}>{seoulTime(a.startsAt)}</time>–
        <time datetime={a.endsAt}>{seoulTime(a.endsAt)}</time>{' '}
        <span class="tag">{t(L, `appointment.channel.${a.channel}`)}</span>
      </p>
      <p>
        {seeker ? <a href={`/staff/seekers/${a.seekerId}`}>{seeker.name}</a> : t(L, 'pa.hiddenSeeker')}
        {seeker ? <span class="muted"> ({seeker.registrationNo})</span> : null}
      </p>
      {a.place ? <p class="muted">{a.place}</p> : null}
      {counsellor ? (
        <p class="muted">
          {t(L, 'pa.counsellor')}: {counsellor}
        </p>
      ) : null}
      {can(req.actor, 'appointments.write') ? (
        <div class="actions">
          <a class="button secondary" href={`/staff/calendar/${a.id}/edit?back=${encodeURIComponent(back)}`}>
            {t(L, 'pa.move')}
            <span class="visually-hidden">
              : {seeker?.name ?? ''} {seoulTime(a.startsAt)}
            </span>
          </a>
          <form method="post" action={`/staff/calendar/${a.id}/cancel`} class="inline">
            <Csrf token={req.csrfToken} />
            <input type="hidden" name="back" value={back} />
            <button type="submit" class="link">
              {t(L, 'pa.cancel')}
              <span class="visually-hidden">
                : {seeker?.name ?? ''} {seoulTime(a.startsAt)}
              </span>
            </button>
          </form>
        </div>
      ) : null}
    </li>
  );
}

/**
 * The appointments of a period with their seekers' names (through the seekers feature's one
 * access rule, each named seeker access-logged) and counsellors' names.
 */
export async function appointmentsWithNames(
  ctx: AppContext,
  req: FastifyRequest,
  opts: { from: Date; to: Date; counsellorId?: string; limit?: number },
) {
  const rc = requestContext(ctx.db, req);
  const list = await listAppointments(rc, { ...opts, offset: 0, limit: opts.limit ?? 200 });
  const [seekers, counsellors] = await Promise.all([
    seekerLabels(rc, { ids: list.items.map((a) => a.seekerId) }),
    userNames(ctx.db, [rc.actor.userId, ...list.items.map((a) => a.counsellorId)]),
  ]);
  return { ...list, seekers, counsellors };
}

/** The dashboard section of today's appointments of the signed-in counsellor. */
export async function todaySection(ctx: AppContext, req: FastifyRequest) {
  const L = req.lang;
  const actor = req.actor;
  if (!actor || !can(actor, 'appointments.write')) return { count: 0, node: null };
  const today = seoulToday();
  const from = seoulDay(today);
  const r = await appointmentsWithNames(ctx, req, {
    from,
    to: seoulDay(addDaysTo(today, 1)),
    counsellorId: actor.userId,
  });
  const node = (
    <section aria-labelledby="today-appts">
      <h2 id="today-appts">{t(L, 'pa.today')}</h2>
      {r.items.length === 0 ? (
        <p class="muted">
          {t(L, 'pa.todayNone')} <a href="/staff/calendar">{t(L, 'pa.openCalendar')}</a>
        </p>
      ) : (
        <ol class="appts">
          {r.items.map((a) => (
            <Entry key={a.id} req={req} a={a} seeker={r.seekers.get(a.seekerId)} back="/staff" />
          ))}
        </ol>
      )}
    </section>
  );
  return { count: r.total, node };
}

/** /staff/calendar: a week (Monday to Sunday) of appointments, a day per block; phone first. */
export function registerAppointmentPages(app: Server, ctx: AppContext): void {
  app.get('/staff/calendar', pageOpts, async (req, reply) => {
    const { actor, L, q } = pageGuard(req, 'appointments.write');
    const monday = mondayOf(/^\d{4}-\d{2}-\d{2}$/.test(q.week ?? '') ? q.week! : seoulToday());
    const sunday = addDaysTo(monday, 6);
    const mine = q.counsellorId === undefined || q.counsellorId === '';
    const everyone = q.counsellorId === 'all';
    const counsellorId = everyone
      ? undefined
      : mine
        ? actor.userId
        : /^[0-9a-f-]{36}$/i.test(q.counsellorId!)
          ? q.counsellorId
          : actor.userId;
    const [r, closed, feedAt] = await Promise.all([
      appointmentsWithNames(ctx, req, {
        from: seoulDay(monday),
        to: seoulDay(addDaysTo(monday, 7)),
        counsellorId,
      }),
      closedDays(ctx, { centreId: actor.centreId, from: monday, to: sunday }),
      feedIssuedAt(ctx.db, actor),
    ]);
    const days = Array.from({ length: 7 }, (_, i) => addDaysTo(monday, i));
    const today = seoulToday();
    const self = `/staff/calendar?week=${monday}${q.counsellorId ? `&counsellorId=${encodeURIComponent(q.counsellorId)}` : ''}`;
    const keep = q.counsellorId ? `&counsellorId=${encodeURIComponent(q.counsellorId)}` : '';
    const counsellorOptions = [...r.counsellors].map(([value, label]) => ({ value, label }));
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pa.title')}>
        <link rel="stylesheet" href={asset('calendar.css')} />
        <h1>{t(L, 'pa.title')}</h1>
        {q.booked ? <Notice kind="ok">{t(L, 'pa.booked')}</Notice> : null}
        {q.moved ? <Notice kind="ok">{t(L, 'pa.moved')}</Notice> : null}
        {q.cancelled ? <Notice kind="ok">{t(L, 'pa.cancelled')}</Notice> : null}
        <nav class="week-nav" aria-label={t(L, 'pa.weekNav')}>
          <a href={`/staff/calendar?week=${addDaysTo(monday, -7)}${keep}`} rel="prev">
            {t(L, 'pa.prevWeek')}
          </a>
          <h2 id="week-h">{t(L, 'pa.week', { from: monday, to: sunday })}</h2>
          <a href={`/staff/calendar?week=${addDaysTo(monday, 7)}${keep}`} rel="next">
            {t(L, 'pa.nextWeek')}
          </a>
          <a href={`/staff/calendar${keep ? `?${keep.slice(1)}` : ''}`}>{t(L, 'pa.thisWeek')}</a>
        </nav>
        <form method="get" action="/staff/calendar" class="search">
          <input type="hidden" name="week" value={monday} />
          <Select
            lang={L}
            name="counsellorId"
            label={t(L, 'pa.whose')}
            empty={t(L, 'pa.mine')}
            value={q.counsellorId}
            options={[
              { value: 'all', label: t(L, 'pa.allCentre') },
              ...counsellorOptions.filter((o) => o.value !== actor.userId),
            ]}
          />
          <div class="actions">
            <button type="submit">{t(L, 'pa.show')}</button>
          </div>
        </form>
        <p class="muted">{t(L, 'pa.howToBook')}</p>
        <div class="week">
          {days.map((d, i) => {
            const items = r.items.filter((a) => seoulDayOf(a.startsAt) === d);
            const off = closed.filter((c) => c.date === d);
            return (
              <section
                key={d}
                class={`day${d === today ? ' today' : ''}${i >= 5 || off.length ? ' off' : ''}`}
                aria-labelledby={`d-${d}`}
              >
                <h3 id={`d-${d}`}>
                  {t(L, `pa.wd.${WEEKDAYS[i]}`)} {d.slice(5).replace('-', '.')}
                  {d === today ? <span class="tag strong">{t(L, 'pa.todayTag')}</span> : null}
                </h3>
                {off.map((c) => (
                  <p key={c.name} class="closed">
                    {c.name}
                  </p>
                ))}
                {items.length === 0 ? (
                  <p class="muted">{t(L, 'pa.none')}</p>
                ) : (
                  <ol class="appts">
                    {items.map((a) => (
                      <Entry
                        key={a.id}
                        req={req}
                        a={a}
                        seeker={r.seekers.get(a.seekerId)}
                        counsellor={
                          counsellorId === actor.userId ? undefined : r.counsellors.get(a.counsellorId)
                        }
                        back={self}
                      />
                    ))}
                  </ol>
                )}
              </section>
            );
          })}
        </div>
        <section aria-labelledby="feed-h" class="feed">
          <h2 id="feed-h">{t(L, 'pa.feed')}</h2>
          <p>{t(L, 'pa.feedHow')}</p>
          {feedAt ? (
            <p class="muted">{t(L, 'pa.feedIssued', { at: seoulDayOf(feedAt.toISOString()) })}</p>
          ) : null}
          <form method="post" action="/staff/calendar/feed">
            <Csrf token={req.csrfToken} />
            <button type="submit" class="secondary">
              {feedAt ? t(L, 'pa.feedRenew') : t(L, 'pa.feedIssue')}
            </button>
          </form>
        </section>
      </Layout>,
    );
  });

  app.post('/staff/calendar/feed', pageOpts, async (req, reply) => {
    requirePermission(req, 'appointments.write');
    const L = req.lang;
    const token = await issueFeedToken(requestContext(ctx.db, req));
    const url = `${ctx.config.publicUrl}/calendar/feed/${token}.ics`;
    // Shown once, on this answer (not in a redirect's URL, where history and logs keep it);
    // only its hash is kept.
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pa.feed')} nav="/staff/calendar">
        <h1>{t(L, 'pa.feed')}</h1>
        <Notice kind="ok">{t(L, 'pa.feedOnce')}</Notice>
        <Input lang={L} id="feed-url" name="feedUrl" label={t(L, 'pa.feedUrl')} readOnly value={url} />
        <p>{t(L, 'pa.feedHow')}</p>
        <p>
          <a href="/staff/calendar">{t(L, 'pa.backToCalendar')}</a>
        </p>
      </Layout>,
    );
  });

  app.post('/staff/calendar/:id/cancel', pageOpts, async (req, reply) => {
    requirePermission(req, 'appointments.write');
    const b = (req.body ?? {}) as Record<string, string>;
    await cancelAppointment(requestContext(ctx.db, req), { id: uuidParam(req), reason: b.reason });
    const back = safeBack(b.back);
    return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}cancelled=1`, 303);
  });

  registerAppointmentForms(app, ctx);
}

/** The Seoul day (YYYY-MM-DD) of an ISO instant. */
function seoulDayOf(iso: string): string {
  return new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Where a calendar form returns to: a staff page, else the calendar. */
export function safeBack(v: unknown): string {
  return typeof v === 'string' && /^\/staff(\/|\?|$)/.test(v) && !v.includes('//') ? v : '/staff/calendar';
}
