import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { Server } from '../../platform/http/server.ts';
import { defineMessages, type Lang, t } from '../../platform/i18n/i18n.ts';
import { ErrorSummary, fieldErrors, formBody, formValues } from '../../web/forms.tsx';
import { Layout, renderPage } from '../../web/layout.tsx';
import { pageOpts, requirePermission, seoul, uuidParam } from '../../web/page.tsx';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { listEventEmployers } from './event-employers.service.ts';
import { getEvent } from './events.service.ts';
import { listSlots } from './interviews.service.ts';
import { ReasonForm } from './reason-form.tsx';
import { cancelSlot, deleteSlot, withdrawEmployer } from './slot-changes.service.ts';

// The desk's way back: a free slot removed with one button, a booked slot cancelled after a page
// that names the seeker who will be told and asks the reason, an employer's entry withdrawn after
// a page that says how many of its interviews end. Each answers on the desk with a notice.

defineMessages({
  'esc.remove': ['삭제', 'Remove'],
  'esc.removeSlot': ['{time} 빈 면접 시간 삭제', 'Remove the free slot at {time}'],
  'esc.cancelSlot': ['면접 시간 취소', 'Cancel the interview slot'],
  'esc.cancelLink': ['{time} 면접 시간 취소', 'Cancel the interview slot at {time}'],
  'esc.slotWho': [
    '{company} · {time} 면접을 예약한 {seeker}님의 예약이 취소되고 사유와 함께 안내 문자가 갑니다. 이 면접 시간은 없어집니다.',
    'The booking of {seeker} with {company} at {time} ends and they are told, with the reason. The slot is removed.',
  ],
  'esc.slotFree': [
    '{company} · {time} 면접 시간은 비어 있습니다. 취소하면 없어집니다.',
    'The slot of {company} at {time} is free; cancelling removes it.',
  ],
  'esc.reason': ['사유(안내 문자에 그대로 실립니다)', 'Reason (sent as written)'],
  'esc.confirmSlot': ['면접 시간을 취소합니다', 'Cancel this slot'],
  'esc.back': ['돌아가기', 'Go back'],
  'esc.withdraw': ['참가 취소', 'Withdraw'],
  'esc.withdrawOf': ['{name} 참가 취소', 'Withdraw {name}'],
  'esc.withdrawWho': [
    '{name}의 면접 시간 {slots}개가 없어지고, 예약된 면접 {booked}건은 취소되어 구직자에게 사유와 함께 안내 문자가 갑니다.',
    '{slots} slots of {name} are removed; {booked} booked interviews end and their seekers are told, with the reason.',
  ],
  'esc.confirmWithdraw': ['참가를 취소합니다', 'Withdraw this employer'],
  'esc.removed': ['빈 면접 시간을 삭제했습니다.', 'The free slot is removed.'],
  'esc.slotCancelled': ['면접 시간을 취소했습니다. 안내 {n}건을 보냈습니다.', 'Slot cancelled; {n} told.'],
  'esc.withdrawn': [
    '참가를 취소했습니다. 면접 예약 {booked}건을 취소하고 면접 시간 {slots}개를 없앴습니다.',
    'Withdrawn: {booked} bookings ended, {slots} slots removed.',
  ],
});

/** The desk's notices after a slot or entry change (query flags set by the redirects below). */
export function slotNotice(L: Lang, q: Record<string, string>): string | null {
  if (q.slotRemoved) return t(L, 'esc.removed');
  if (q.slotCancelled) return t(L, 'esc.slotCancelled', { n: q.notified ?? '0' });
  if (q.withdrawn) return t(L, 'esc.withdrawn', { booked: q.booked ?? '0', slots: q.slots ?? '0' });
  return null;
}

/** The form's problem, or the error again when it is not one a form shows (404 and the like). */
function problemOf(err: unknown, L: Lang) {
  const p = fieldErrors(err, L);
  return { ...p, status: err instanceof DomainError && err.code === 'conflict' ? 409 : 400 };
}

export function registerSlotChangePages(app: Server, ctx: AppContext) {
  app.post('/staff/events/:id/slots/:slotId/delete', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const slotId = uuidParam(req, 'slotId');
    try {
      await deleteSlot(requestContext(ctx.db, req), { slotId });
      return reply.redirect(`/staff/events/${id}?slotRemoved=1#evd-slots`, 303);
    } catch (err) {
      const e = problemOf(err, req.lang);
      return reply.redirect(`/staff/events/${id}?error=${encodeURIComponent(e.form)}#evd-slots`, 303);
    }
  });

  async function slotPage(
    req: FastifyRequest,
    reply: FastifyReply,
    reason: string,
    problem?: ReturnType<typeof problemOf>,
  ) {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const id = uuidParam(req);
    const slotId = uuidParam(req, 'slotId');
    const rc = requestContext(ctx.db, req);
    const [e, slots, employers] = await Promise.all([
      getEvent(rc, { id }),
      listSlots(rc, { eventId: id }),
      listEventEmployers(rc, { eventId: id }),
    ]);
    const slot = slots.find((s) => s.id === slotId);
    if (!slot) throw notFound('slot.notFound');
    const company = employers.find((x) => x.employerId === slot.employerId)?.employerName ?? '';
    const seeker = slot.seekerId
      ? (await seekerLabels(rc, { ids: [slot.seekerId] })).get(slot.seekerId)
      : null;
    const time = seoul(slot.startsAt);
    return renderPage(
      reply,
      <Layout req={req} title={`${t(L, 'esc.cancelSlot')} — ${e.title}`} nav="/staff">
        <p>
          <a href={`/staff/events/${id}`}>← {e.title}</a>
        </p>
        <h1>{t(L, 'esc.cancelSlot')}</h1>
        {problem ? <ErrorSummary lang={L} message={problem.form} errors={problem.fields} /> : null}
        <ReasonForm
          lang={L}
          action={`/staff/events/${id}/slots/${slotId}/cancel`}
          csrf={req.csrfToken}
          notice={
            slot.taken
              ? t(L, 'esc.slotWho', { company, time, seeker: seeker?.name ?? t(L, 'evd.hidden') })
              : t(L, 'esc.slotFree', { company, time })
          }
          reason={reason}
          error={problem?.fields.reason}
          reasonLabel={t(L, 'esc.reason')}
          submitLabel={t(L, 'esc.confirmSlot')}
          backHref={`/staff/events/${id}`}
          backLabel={t(L, 'esc.back')}
        />
      </Layout>,
      problem?.status ?? 200,
    );
  }

  app.get('/staff/events/:id/slots/:slotId/cancel', pageOpts, async (req, reply) => slotPage(req, reply, ''));

  app.post('/staff/events/:id/slots/:slotId/cancel', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const slotId = uuidParam(req, 'slotId');
    const { reason } = formValues(formBody(req), ['reason'] as const);
    try {
      const done = await cancelSlot(requestContext(ctx.db, req), { slotId, reason });
      return reply.redirect(`/staff/events/${id}?slotCancelled=1&notified=${done.notified}#evd-slots`, 303);
    } catch (err) {
      return slotPage(req, reply, reason, problemOf(err, req.lang));
    }
  });

  async function withdrawPage(
    req: FastifyRequest,
    reply: FastifyReply,
    reason: string,
    problem?: ReturnType<typeof problemOf>,
  ) {
    requirePermission(req, 'events.manage');
    const L = req.lang;
    const id = uuidParam(req);
    const employerId = uuidParam(req, 'employerId');
    const rc = requestContext(ctx.db, req);
    const [e, slots, employers] = await Promise.all([
      getEvent(rc, { id }),
      listSlots(rc, { eventId: id }),
      listEventEmployers(rc, { eventId: id }),
    ]);
    const entry = employers.find((x) => x.employerId === employerId && x.status !== 'withdrawn');
    if (!entry) throw notFound('event.employerNotFound');
    const name = entry.employerName ?? '';
    const mine = slots.filter((s) => s.employerId === employerId);
    return renderPage(
      reply,
      <Layout req={req} title={`${t(L, 'esc.withdrawOf', { name })} — ${e.title}`} nav="/staff">
        <p>
          <a href={`/staff/events/${id}`}>← {e.title}</a>
        </p>
        <h1>{t(L, 'esc.withdrawOf', { name })}</h1>
        {problem ? <ErrorSummary lang={L} message={problem.form} errors={problem.fields} /> : null}
        <ReasonForm
          lang={L}
          action={`/staff/events/${id}/employers/${employerId}/withdraw`}
          csrf={req.csrfToken}
          notice={t(L, 'esc.withdrawWho', {
            name,
            slots: mine.length,
            booked: mine.filter((s) => s.taken).length,
          })}
          reason={reason}
          error={problem?.fields.reason}
          reasonLabel={t(L, 'esc.reason')}
          submitLabel={t(L, 'esc.confirmWithdraw')}
          backHref={`/staff/events/${id}`}
          backLabel={t(L, 'esc.back')}
        />
      </Layout>,
      problem?.status ?? 200,
    );
  }

  app.get('/staff/events/:id/employers/:employerId/withdraw', pageOpts, async (req, reply) =>
    withdrawPage(req, reply, ''),
  );

  app.post('/staff/events/:id/employers/:employerId/withdraw', pageOpts, async (req, reply) => {
    requirePermission(req, 'events.manage');
    const id = uuidParam(req);
    const employerId = uuidParam(req, 'employerId');
    const { reason } = formValues(formBody(req), ['reason'] as const);
    try {
      const done = await withdrawEmployer(requestContext(ctx.db, req), { eventId: id, employerId, reason });
      const q = `withdrawn=1&booked=${done.cancelledInterviews}&slots=${done.removedSlots}`;
      return reply.redirect(`/staff/events/${id}?${q}#evs-employers`, 303);
    } catch (err) {
      return withdrawPage(req, reply, reason, problemOf(err, req.lang));
    }
  });
}
