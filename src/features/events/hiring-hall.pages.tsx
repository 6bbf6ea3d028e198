import type { FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { isRealDate } from '../../platform/domain/validate.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, t } from '../../platform/i18n/i18n.ts';
import { Csrf, type FieldErrors, fieldErrors, Input, Select } from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { StackTable } from '../../web/lists.tsx';
import { num, pageOpts, requirePermission, uuidParam } from '../../web/page.tsx';
import { resourcesOfActor } from '../bookings/resources.service.ts';
import { seoulMidnight } from './events.time.ts';
import { HALL_ROOM_KINDS, hallFigures, listHallRequests, scheduleHall } from './hiring-hall.service.ts';
import { registerHallEmployerPages } from './hiring-hall-employer.pages.tsx';

// /staff/hiring-hall: the permanent hiring hall (상설채용관) — the year's figures and the
// companies' requests; /staff/hiring-hall/{id}: schedule one into a room (booked through
// bookings) and go on to its shortlist (the hall event's pre-event matching page).

defineMessages({
  'hh.title': ['상설채용관', 'Permanent hiring hall'],
  'hh.intro': [
    '기업이 구인 요청을 하면 면접 장소(회의실·화상면접실)를 잡아 주고 구직자를 매칭합니다.',
    'A company asks for a recruitment; the centre books it a room and matches candidates.',
  ],
  'hh.figures': ['{year}년 실적', '{year} figures'],
  'hh.requested': ['일정 요청', 'Requested'],
  'hh.scheduled': ['일정 확정', 'Scheduled'],
  'hh.companies': ['참가 기업', 'Companies'],
  'hh.seekers': ['참여 구직자', 'Seekers'],
  'hh.interviews': ['면접', 'Interviews'],
  'hh.passed': ['1차 합격', 'Passed first round'],
  'hh.hired': ['채용', 'Hired'],
  'hh.requests': ['요청 목록', 'Requests'],
  'hh.none': ['요청이 없습니다.', 'No requests.'],
  'hh.company': ['기업', 'Company'],
  'hh.posting': ['구인공고', 'Posting'],
  'hh.dates': ['희망일', 'Preferred days'],
  'hh.status': ['상태', 'Status'],
  'hh.action': ['처리', 'Action'],
  'hh.schedule': ['일정 잡기', 'Schedule'],
  'hh.event': ['행사·후보자', 'Event and shortlist'],
  'hh.scheduleTitle': ['상설채용관 일정 잡기', 'Schedule a hiring hall recruitment'],
  'hh.room': ['면접 공간', 'Room'],
  'hh.day': ['날짜', 'Day'],
  'hh.from': ['시작 시각', 'From'],
  'hh.to': ['종료 시각', 'To'],
  'hh.minutes': ['면접 1회 시간(분)', 'Minutes per interview'],
  'hh.meetingUrl': ['화상면접 링크(화상면접실)', 'Meeting link (video room)'],
  'hh.save': ['면접 공간 예약하고 행사 만들기', 'Book the room and create the event'],
  'hh.noRooms': [
    '센터에 회의실·화상면접실이 없습니다. 예약 자원에서 먼저 등록하세요.',
    'The centre has no meeting or video room yet: add one among the bookable resources.',
  ],
  'hh.back': ['상설채용관', 'Hiring hall'],
});

export function registerHallPages(app: Server, ctx: AppContext) {
  app.get('/staff/hiring-hall', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const year = Number(seoulToday().slice(0, 4));
    const [fig, items] = await Promise.all([hallFigures(rc, { year }), listHallRequests(rc)]);
    const cells = [
      ['hh.requested', fig.requested + fig.scheduled],
      ['hh.scheduled', fig.scheduled],
      ['hh.companies', fig.employers],
      ['hh.seekers', fig.seekers],
      ['hh.interviews', fig.interviews],
      ['hh.passed', fig.passedFirst],
      ['hh.hired', fig.hired],
    ] as const;
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'hh.title')} nav="/staff/events">
        <p>
          <a href="/staff/events">← {t(L, 'evd.title')}</a>
        </p>
        <h1>{t(L, 'hh.title')}</h1>
        <p>{t(L, 'hh.intro')}</p>
        <h2>{t(L, 'hh.figures', { year })}</h2>
        <ul class="figures" aria-label={t(L, 'hh.figures', { year })}>
          {cells.map(([k, v]) => (
            <li key={k}>
              <span class="value">{num(v)}</span> {t(L, k)}
            </li>
          ))}
        </ul>
        <h2>{t(L, 'hh.requests')}</h2>
        {items.length === 0 ? <p>{t(L, 'hh.none')}</p> : null}
        <StackTable lang={L} columns={['hh.company', 'hh.posting', 'hh.dates', 'hh.status', 'hh.action']}>
          {items.map((r) => (
            <tr key={r.id}>
              <td data-label={t(L, 'hh.company')}>{r.employerName}</td>
              <td data-label={t(L, 'hh.posting')}>{r.postingTitle}</td>
              <td data-label={t(L, 'hh.dates')}>{r.preferredDates.join(', ')}</td>
              <td data-label={t(L, 'hh.status')}>{r.statusName}</td>
              <td data-label={t(L, 'hh.action')}>
                {r.status === 'requested' ? (
                  <a href={`/staff/hiring-hall/${r.id}`}>{t(L, 'hh.schedule')}</a>
                ) : r.eventId ? (
                  <a href={`/staff/events/${r.eventId}/matches`}>{t(L, 'hh.event')}</a>
                ) : null}
              </td>
            </tr>
          ))}
        </StackTable>
      </Layout>,
    );
  });

  async function schedulePage(
    req: FastifyRequest,
    v: Record<string, string>,
    errors: FieldErrors,
    form = '',
  ) {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const rc = requestContext(ctx.db, req);
    const id = uuidParam(req);
    const [items, rooms] = await Promise.all([listHallRequests(rc), resourcesOfActor(rc)]);
    const r = items.find((x) => x.id === id);
    if (!r) throw notFound('hall.notFound');
    const options = rooms
      .filter((x) => (HALL_ROOM_KINDS as readonly string[]).includes(x.kind))
      .map((x) => ({ value: x.id, label: `${x.name} (${x.kindName}, ${x.slotMinutes}분 단위)` }));
    const f = (name: string) => ({ name, lang: L, value: v[name], error: errors[name] });
    return (
      <Layout req={req} title={t(L, 'hh.scheduleTitle')} nav="/staff/events">
        <p>
          <a href="/staff/hiring-hall">← {t(L, 'hh.back')}</a>
        </p>
        <h1>{t(L, 'hh.scheduleTitle')}</h1>
        <p>
          {r.employerName} · {r.postingTitle} · {t(L, 'hh.dates')} {r.preferredDates.join(', ')}
          {r.headcount ? ` · ${r.headcount}명` : ''}
        </p>
        {r.note ? <p class="muted">{r.note}</p> : null}
        {form ? <Notice kind="error">{form}</Notice> : null}
        {r.status !== 'requested' ? <Notice kind="info">{r.statusName}</Notice> : null}
        {options.length === 0 ? <Notice kind="info">{t(L, 'hh.noRooms')}</Notice> : null}
        <form method="post" action={`/staff/hiring-hall/${r.id}/schedule`}>
          <Csrf token={req.csrfToken} />
          <Select {...f('resourceId')} label={t(L, 'hh.room')} options={options} required />
          <Input
            {...f('day')}
            value={v.day ?? r.preferredDates[0]}
            type="date"
            label={t(L, 'hh.day')}
            required
          />
          <Input
            {...f('from')}
            value={v.from ?? '14:00'}
            label={t(L, 'hh.from')}
            pattern="[0-2][0-9]:[0-5][0-9]"
            required
          />
          <Input
            {...f('to')}
            value={v.to ?? '16:00'}
            label={t(L, 'hh.to')}
            pattern="[0-2][0-9]:[0-5][0-9]"
            required
          />
          <Input
            {...f('slotMinutes')}
            value={v.slotMinutes ?? '30'}
            type="number"
            min={10}
            max={240}
            inputMode="numeric"
            label={t(L, 'hh.minutes')}
            required
          />
          <Input {...f('meetingUrl')} type="url" label={t(L, 'hh.meetingUrl')} maxLength={500} />
          <button type="submit">{t(L, 'hh.save')}</button>
        </form>
      </Layout>
    );
  }

  app.get('/staff/hiring-hall/:id', pageOpts, async (req, reply) =>
    renderPage(reply, await schedulePage(req, {}, {})),
  );

  app.post('/staff/hiring-hall/:id/schedule', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const b = (req.body ?? {}) as Record<string, string>;
    const v = Object.fromEntries(
      ['resourceId', 'day', 'from', 'to', 'slotMinutes', 'meetingUrl'].map((k) => [
        k,
        String(b[k] ?? '').trim(),
      ]),
    );
    const minute = (hhmm: string) =>
      /^\d{2}:\d{2}$/.test(hhmm) ? Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) : Number.NaN;
    const instant = (hhmm: string) => {
      const m = minute(hhmm);
      return isRealDate(v.day ?? '') && !Number.isNaN(m) && m < 24 * 60
        ? new Date(seoulMidnight(v.day as string).getTime() + m * 60_000).toISOString()
        : 'invalid';
    };
    try {
      if (!isRealDate(v.day ?? '')) throw invalid([{ field: 'day', key: 'field.date' }]);
      const done = await scheduleHall(requestContext(ctx.db, req), {
        id: uuidParam(req),
        resourceId: /^[0-9a-f-]{36}$/i.test(v.resourceId ?? '')
          ? (v.resourceId as string)
          : '00000000-0000-0000-0000-000000000000',
        startsAt: instant(v.from ?? ''),
        endsAt: instant(v.to ?? ''),
        slotMinutes: Math.min(240, Math.max(10, Number(v.slotMinutes) || 30)),
        meetingUrl: v.meetingUrl || null,
      });
      return reply.redirect(`/staff/events/${done.eventId}/matches?scheduled=1`, 303);
    } catch (err) {
      const e = fieldErrors(err, req.lang);
      const fields: FieldErrors = {};
      for (const [k, msg] of Object.entries(e.fields)) {
        const to = k === 'startsAt' ? 'from' : k === 'endsAt' ? 'to' : k;
        fields[to] = msg;
      }
      const status = (err as { code?: string }).code === 'conflict' ? 409 : 400;
      return renderPage(reply, await schedulePage(req, v, fields, e.form), status);
    }
  });

  registerHallEmployerPages(app, ctx);
}
