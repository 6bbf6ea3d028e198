import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { DomainError, type FieldProblem, invalid } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import {
  CheckLine,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  fieldId,
  formBody,
  formValues,
  Input,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { cancelEvent, updateEvent } from './event-changes.service.ts';
import { listEventEmployers } from './event-employers.service.ts';
import { seoulAt, TimeInput } from './event-new.pages.tsx';
import { type EventView, getEvent } from './events.service.ts';
import { seoulDate } from './events.time.ts';
import { listSlots } from './interviews.service.ts';
import { ReasonForm } from './reason-form.tsx';
import { listRegistrations } from './registrations.service.ts';

// /staff/events/{id}/edit: the organiser changes an event's title, day and times, venue or link,
// capacity, description and publication; /staff/events/{id}/cancel: the event is called off with
// a reason, the page first saying who will be told. Both answer on the desk.

defineMessages({
  'eve.edit': ['행사 정보 수정', 'Change the event'],
  'eve.save': ['변경 저장', 'Save the changes'],
  'eve.now': [
    '지금 참가 확정 {registered}명 · 대기 {waiting}명 · 면접 예약 {booked}건',
    'Now {registered} registered · {waiting} waiting · {booked} interviews booked',
  ],
  'eve.timesHint': [
    '면접 예약이 있으면 날짜·시각을 바꿀 수 없습니다. 장소나 시각을 바꾸면 참가 신청자에게 안내 문자가 갑니다.',
    'Times cannot change while interviews are booked. A new time or place is sent to those signed up.',
  ],
  'eve.capacityHint': [
    '현재 참가 확정 인원보다 적게 줄일 수 없습니다. 늘리면 대기자가 순서대로 확정됩니다.',
    'Not below those registered; a raise moves the waiting list up in order.',
  ],
  'eve.cancel': ['행사 취소', 'Cancel the event'],
  'eve.cancelWho': [
    '취소하면 참가 신청 {regs}건과 면접 예약 {booked}건이 모두 취소되고, 구직자와 참가 기업 {companies}곳에 사유와 함께 안내 문자가 갑니다. 되돌릴 수 없습니다.',
    'Cancelling ends {regs} registrations and {booked} interview bookings and tells the seekers and {companies} companies, with the reason. It cannot be undone.',
  ],
  'eve.reason': ['취소 사유(안내 문자에 그대로 실립니다)', 'Reason (sent as written)'],
  'eve.confirm': ['행사를 취소합니다', 'Cancel this event'],
  'eve.back': ['취소하지 않고 돌아가기', 'Go back without cancelling'],
  'eve.cancelled': ['취소된 행사입니다. 사유: {reason}', 'This event is cancelled. Reason: {reason}'],
  'eve.changed': ['행사 정보를 저장했습니다.', 'The event is saved.'],
  'eve.promoted': ['대기자 {n}명이 참가 확정되었습니다.', '{n} moved up from the waiting list.'],
  'eve.notified': ['참가 신청자 {n}명에게 변경 안내를 보냈습니다.', '{n} signed-up seekers were told.'],
  'eve.cancelDone': [
    '행사를 취소했습니다. 참가 신청 {regs}건·면접 예약 {booked}건을 취소하고 {n}곳(명)에 안내했습니다.',
    'Event cancelled: {regs} registrations and {booked} bookings ended, {n} told.',
  ],
});

const FIELDS = [
  'title',
  'date',
  'endDate',
  'startTime',
  'endTime',
  'venue',
  'onlineUrl',
  'capacity',
  'description',
  'published',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const LABELS: Record<string, string> = {
  title: 'evn.name',
  date: 'evn.date',
  endDate: 'evn.endDate',
  startTime: 'evn.startTime',
  endTime: 'evn.endTime',
  venue: 'evn.venue',
  onlineUrl: 'evn.onlineUrl',
  capacity: 'evn.capacity',
  description: 'evn.description',
};

function valuesOf(e: EventView): Values {
  const start = seoulDate(new Date(e.startsAt));
  const end = seoulDate(new Date(e.endsAt));
  return {
    title: e.title,
    date: start,
    endDate: end === start ? '' : end,
    startTime: seoul(e.startsAt).slice(11),
    endTime: seoul(e.endsAt).slice(11),
    venue: e.venue ?? '',
    onlineUrl: e.onlineUrl ?? '',
    capacity: e.capacity === null ? '' : String(e.capacity),
    description: e.description ?? '',
    published: e.published ? '1' : '',
  };
}

/** The posted form as the service's change, or 400 naming the fields that are not well formed. */
function changeOf(v: Values) {
  const problems: FieldProblem[] = [];
  const startsAt = seoulAt(v.date, v.startTime);
  const endsAt = seoulAt(v.endDate || v.date, v.endTime);
  if (!v.date) problems.push({ field: 'date', key: 'field.required' });
  else if (!seoulAt(v.date, '00:00')) problems.push({ field: 'date', key: 'field.date' });
  if (v.endDate && !seoulAt(v.endDate, '00:00')) problems.push({ field: 'endDate', key: 'field.date' });
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.startTime))
    problems.push({ field: 'startTime', key: 'evn.badTime' });
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v.endTime)) problems.push({ field: 'endTime', key: 'evn.badTime' });
  const capacity = v.capacity ? Number(v.capacity) : null;
  if (capacity !== null && !(Number.isInteger(capacity) && capacity >= 1 && capacity <= 100000)) {
    problems.push({ field: 'capacity', key: 'evn.capacityNumber' });
  }
  if (problems.length || !startsAt || !endsAt) throw invalid(problems);
  return {
    title: v.title,
    startsAt,
    endsAt,
    venue: v.venue || null,
    onlineUrl: v.onlineUrl || null,
    capacity,
    description: v.description || null,
    published: v.published === '1',
  };
}

/** A problem for a form: its fields named as the form names them, a conflict as the form's message. */
function problemOf(err: unknown, L: Lang) {
  if (err instanceof DomainError && err.code === 'not_found') throw err;
  const p = fieldErrors(err, L);
  const fields: FieldErrors = {};
  for (const [k, msg] of Object.entries(p.fields)) {
    fields[k === 'startsAt' ? 'startTime' : k === 'endsAt' ? 'endTime' : k] ??= msg;
  }
  return { form: p.form, fields, status: err instanceof DomainError && err.code === 'conflict' ? 409 : 400 };
}

/** The desk's notices after a change (query flags set by the redirects below). */
export function changeNotice(L: Lang, q: Record<string, string>): string | null {
  if (q.changed) {
    const parts = [t(L, 'eve.changed')];
    if (Number(q.promoted) > 0) parts.push(t(L, 'eve.promoted', { n: q.promoted }));
    if (Number(q.notified) > 0) parts.push(t(L, 'eve.notified', { n: q.notified }));
    return parts.join(' ');
  }
  if (q.cancelled) {
    return t(L, 'eve.cancelDone', { regs: q.regs ?? '0', booked: q.booked ?? '0', n: q.notified ?? '0' });
  }
  return null;
}

export function registerEventEditPages(app: Server, ctx: AppContext) {
  /** What the event holds now: registrations, waiting places, booked interviews, companies. */
  async function holdings(req: FastifyRequest, id: string) {
    const rc = requestContext(ctx.db, req);
    const [regs, slots, employers] = await Promise.all([
      listRegistrations(rc, { eventId: id }),
      listSlots(rc, { eventId: id }),
      listEventEmployers(rc, { eventId: id }),
    ]);
    return {
      registered: regs.filter((r) => r.status === 'registered').length,
      waiting: regs.filter((r) => r.status === 'waitlisted').length,
      booked: slots.filter((s) => s.taken).length,
      companies: employers.filter((x) => x.status !== 'withdrawn').length,
    };
  }

  async function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    v: Values | null,
    problem?: ReturnType<typeof problemOf>,
  ) {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const e = await getEvent(requestContext(ctx.db, req), { id });
    const now = await holdings(req, id);
    const values = v ?? valuesOf(e);
    const e2 = problem?.fields ?? {};
    const f = (name: (typeof FIELDS)[number]) => ({
      lang: L,
      name,
      label: t(L, LABELS[name] ?? name),
      value: values[name],
      error: e2[name],
    });
    const labels = Object.fromEntries(Object.entries(LABELS).map(([k, key]) => [k, t(L, key)]));
    return renderPage(
      reply,
      <Layout req={req} title={`${t(L, 'eve.edit')} — ${e.title}`} nav="/staff">
        <p>
          <a href={`/staff/events/${id}`}>← {e.title}</a>
        </p>
        <h1>{t(L, 'eve.edit')}</h1>
        <p>{t(L, 'eve.now', now)}</p>
        {problem ? <ErrorSummary lang={L} message={problem.form} errors={e2} labels={labels} /> : null}
        {e.cancelledAt ? (
          <Notice kind="error">{t(L, 'eve.cancelled', { reason: e.cancelReason ?? '' })}</Notice>
        ) : (
          <form method="post" action={`/staff/events/${id}/edit`} id="event-edit">
            <Csrf token={req.csrfToken} />
            <Input {...f('title')} required maxLength={200} />
            <p class="hint">{t(L, 'eve.timesHint')}</p>
            <div class="grid">
              <Input {...f('date')} type="date" required />
              <TimeInput {...f('startTime')} />
              <TimeInput {...f('endTime')} />
              <Input {...f('endDate')} type="date" />
            </div>
            <p class="hint">{t(L, 'evn.placeHint')}</p>
            <Input {...f('venue')} maxLength={300} />
            <Input {...f('onlineUrl')} type="url" maxLength={500} />
            <Input
              {...f('capacity')}
              type="number"
              inputMode="numeric"
              min={1}
              max={100000}
              hint={t(L, 'eve.capacityHint')}
            />
            <Textarea {...f('description')} maxLength={4000} rows={3} />
            <CheckLine
              id={fieldId('published')}
              name="published"
              value="1"
              checked={values.published === '1'}
              label={t(L, 'evn.published')}
            />
            <button type="submit">{t(L, 'eve.save')}</button>
          </form>
        )}
      </Layout>,
      problem?.status ?? 200,
    );
  }

  app.get('/staff/events/:id/edit', pageOpts, async (req, reply) =>
    editPage(req, reply, uuidParam(req), null),
  );

  app.post('/staff/events/:id/edit', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const v = formValues(formBody(req), FIELDS);
    try {
      const done = await updateEvent(requestContext(ctx.db, req), { id, ...changeOf(v) });
      const q = new URLSearchParams({
        changed: '1',
        promoted: `${done.promoted}`,
        notified: `${done.notified}`,
      });
      return reply.redirect(`/staff/events/${id}?${q}`, 303);
    } catch (err) {
      return editPage(req, reply, id, v, problemOf(err, req.lang));
    }
  });

  async function cancelPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    reason: string,
    problem?: ReturnType<typeof problemOf>,
  ) {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const e = await getEvent(requestContext(ctx.db, req), { id });
    const now = await holdings(req, id);
    return renderPage(
      reply,
      <Layout req={req} title={`${t(L, 'eve.cancel')} — ${e.title}`} nav="/staff">
        <p>
          <a href={`/staff/events/${id}`}>← {e.title}</a>
        </p>
        <h1>{t(L, 'eve.cancel')}</h1>
        <p>
          {e.title} · {seoul(e.startsAt)}–{seoul(e.endsAt).slice(11)}
        </p>
        {problem ? <ErrorSummary lang={L} message={problem.form} errors={problem.fields} /> : null}
        {e.cancelledAt ? (
          <Notice kind="error">{t(L, 'eve.cancelled', { reason: e.cancelReason ?? '' })}</Notice>
        ) : (
          <ReasonForm
            lang={L}
            action={`/staff/events/${id}/cancel`}
            csrf={req.csrfToken}
            notice={t(L, 'eve.cancelWho', {
              regs: now.registered + now.waiting,
              booked: now.booked,
              companies: now.companies,
            })}
            reason={reason}
            error={problem?.fields.reason}
            reasonLabel={t(L, 'eve.reason')}
            submitLabel={t(L, 'eve.confirm')}
            backHref={`/staff/events/${id}`}
            backLabel={t(L, 'eve.back')}
          />
        )}
      </Layout>,
      problem?.status ?? 200,
    );
  }

  app.get('/staff/events/:id/cancel', pageOpts, async (req, reply) =>
    cancelPage(req, reply, uuidParam(req), ''),
  );

  app.post('/staff/events/:id/cancel', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const { reason } = formValues(formBody(req), ['reason'] as const);
    try {
      const done = await cancelEvent(requestContext(ctx.db, req), { id, reason });
      const q = new URLSearchParams({
        cancelled: '1',
        regs: `${done.cancelledRegistrations}`,
        booked: `${done.cancelledInterviews}`,
        notified: `${done.notified}`,
      });
      return reply.redirect(`/staff/events/${id}?${q}`, 303);
    } catch (err) {
      return cancelPage(req, reply, id, reason, problemOf(err, req.lang));
    }
  });
}
