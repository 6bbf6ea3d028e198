import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, requestContext } from '../../platform/context.ts';
import type { Server } from '../../platform/http/server.ts';
import { t } from '../../platform/i18n/i18n.ts';
import {
  CheckLine,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  fieldErrors,
  formBody,
  Input,
  keyOptions,
  Select,
  str,
  Textarea,
} from '../../web/forms.tsx';
import { Layout, Notice, renderPage } from '../../web/layout.tsx';
import { pageOpts, query, requirePermission, uuidParam } from '../../web/page.tsx';
import { seekerLabels } from '../seekers/seekers.service.ts';
import { safeBack } from './appointments.pages.tsx';
import './appointments.page-messages.ts';
import {
  APPOINTMENT_CHANNELS,
  createAppointment,
  getAppointment,
  moveAppointment,
} from './appointments.service.ts';
import { localInput, mondayOf } from './appointments.time.ts';

const DURATIONS = ['30', '45', '60', '90', '120'];

type Values = Record<'startsAt' | 'minutes' | 'channel' | 'place' | 'note' | 'allowClosedDay', string>;

/** The end of an appointment `minutes` after a datetime-local start (Korean time). */
function endOf(startsAt: string, minutes: string): string {
  const start = Date.parse(`${startsAt}:00+09:00`);
  const m = Number.parseInt(minutes, 10);
  if (Number.isNaN(start) || !DURATIONS.includes(minutes)) return '';
  return localInput(new Date(start + m * 60_000).toISOString());
}

function AppointmentForm({
  req,
  action,
  v,
  errors,
  message,
  hidden,
  submit,
}: {
  req: FastifyRequest;
  action: string;
  v: Values;
  errors: FieldErrors;
  message?: string;
  hidden: Record<string, string>;
  submit: string;
}) {
  const L = req.lang;
  return (
    <form method="post" action={action} class="appt-form">
      <Csrf token={req.csrfToken} />
      {Object.entries(hidden).map(([k, val]) => (
        <input key={k} type="hidden" name={k} value={val} />
      ))}
      <ErrorSummary lang={L} message={message} errors={errors} />
      <div class="grid">
        <Input
          lang={L}
          name="startsAt"
          type="datetime-local"
          label={t(L, 'pa.startsAt')}
          value={v.startsAt}
          error={errors.startsAt}
          required
        />
        <Select
          lang={L}
          name="minutes"
          label={t(L, 'pa.minutes')}
          empty={false}
          value={v.minutes || '60'}
          error={errors.endsAt}
          options={DURATIONS.map((m) => ({ value: m, label: t(L, 'pa.minutesN', { n: m }) }))}
        />
        <Select
          lang={L}
          name="channel"
          label={t(L, 'pa.channel')}
          empty={false}
          value={v.channel || 'visit'}
          error={errors.channel}
          options={keyOptions(L, APPOINTMENT_CHANNELS, 'appointment.channel')}
        />
        <Input
          lang={L}
          name="place"
          label={t(L, 'pa.place')}
          value={v.place}
          error={errors.place}
          maxLength={200}
        />
      </div>
      <Textarea
        lang={L}
        name="note"
        label={t(L, 'pa.note')}
        value={v.note}
        error={errors.note}
        rows={3}
        maxLength={2000}
      />
      <CheckLine
        id="f-allowClosedDay"
        name="allowClosedDay"
        value="1"
        checked={v.allowClosedDay === '1'}
        label={t(L, 'pa.allowClosedDay')}
        hint={t(L, 'pa.allowClosedDayHint')}
      />
      <div class="actions">
        <button type="submit">{submit}</button>
        <a href={hidden.back || '/staff/calendar'}>{t(L, 'pa.back')}</a>
      </div>
    </form>
  );
}

function valuesOf(body: Record<string, string | string[]>): Values {
  return {
    startsAt: str(body, 'startsAt'),
    minutes: str(body, 'minutes'),
    channel: str(body, 'channel'),
    place: str(body, 'place'),
    note: str(body, 'note'),
    allowClosedDay: str(body, 'allowClosedDay'),
  };
}

/** Booking and moving forms of the calendar (/staff/calendar/new, /staff/calendar/{id}/edit). */
export function registerAppointmentForms(app: Server, ctx: AppContext): void {
  async function newPage(
    req: FastifyRequest,
    reply: FastifyReply,
    v: Values,
    hidden: Record<string, string>,
    problem?: { form: string; fields: FieldErrors },
  ) {
    const L = req.lang;
    const seekerId = hidden.seekerId ?? '';
    const label = /^[0-9a-f-]{36}$/i.test(seekerId)
      ? (await seekerLabels(requestContext(ctx.db, req), { ids: [seekerId] })).get(seekerId)
      : undefined;
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pa.new')} nav="/staff/calendar">
        <h1>{t(L, 'pa.new')}</h1>
        {label ? (
          <>
            <p>
              {t(L, 'pa.with')}:{' '}
              <a href={`/staff/seekers/${seekerId}`}>
                {label.name} ({label.registrationNo})
              </a>
            </p>
            {hidden.counsellingId ? <Notice kind="info">{t(L, 'pa.fromNextContact')}</Notice> : null}
            <AppointmentForm
              req={req}
              action="/staff/calendar/new"
              v={v}
              errors={problem?.fields ?? {}}
              message={problem?.form}
              hidden={hidden}
              submit={t(L, 'pa.book')}
            />
          </>
        ) : (
          <p>
            {t(L, 'pa.pickSeeker')} <a href="/staff/seekers">{t(L, 'pa.findSeeker')}</a>
          </p>
        )}
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.get('/staff/calendar/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'appointments.write');
    const q = query(req);
    const startsAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(q.startsAt ?? '') ? q.startsAt!.slice(0, 16) : '';
    return newPage(
      req,
      reply,
      { startsAt, minutes: '60', channel: q.channel ?? 'visit', place: '', note: '', allowClosedDay: '' },
      {
        seekerId: q.seekerId ?? '',
        ...(q.counsellingId ? { counsellingId: q.counsellingId } : {}),
        back: safeBack(q.back),
      },
    );
  });

  app.post('/staff/calendar/new', pageOpts, async (req, reply) => {
    requirePermission(req, 'appointments.write');
    const body = formBody(req);
    const v = valuesOf(body);
    const hidden = {
      seekerId: str(body, 'seekerId'),
      ...(str(body, 'counsellingId') ? { counsellingId: str(body, 'counsellingId') } : {}),
      back: safeBack(str(body, 'back')),
    };
    try {
      const a = await createAppointment(requestContext(ctx.db, req), {
        seekerId: hidden.seekerId,
        startsAt: v.startsAt,
        endsAt: endOf(v.startsAt, v.minutes),
        channel: v.channel as (typeof APPOINTMENT_CHANNELS)[number],
        place: v.place,
        note: v.note,
        counsellingId: hidden.counsellingId ?? null,
        allowClosedDay: v.allowClosedDay === '1',
      });
      const week = mondayOf(localInput(a.startsAt).slice(0, 10));
      return reply.redirect(`/staff/calendar?week=${week}&booked=1`, 303);
    } catch (err) {
      return newPage(req, reply, v, hidden, fieldErrors(err, req.lang));
    }
  });

  async function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    v: Values | null,
    back: string,
    problem?: { form: string; fields: FieldErrors },
  ) {
    const L = req.lang;
    const id = uuidParam(req);
    const rc = requestContext(ctx.db, req);
    const a = await getAppointment(rc, { id });
    const label = (await seekerLabels(rc, { ids: [a.seekerId] })).get(a.seekerId);
    const minutes = String(Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000));
    const values: Values = v ?? {
      startsAt: localInput(a.startsAt),
      minutes: DURATIONS.includes(minutes) ? minutes : '60',
      channel: a.channel,
      place: a.place ?? '',
      note: a.note ?? '',
      allowClosedDay: '',
    };
    return renderPage(
      reply,
      <Layout req={req} title={t(L, 'pa.edit')} nav="/staff/calendar">
        <h1>{t(L, 'pa.edit')}</h1>
        {label ? (
          <p>
            {t(L, 'pa.with')}:{' '}
            <a href={`/staff/seekers/${a.seekerId}`}>
              {label.name} ({label.registrationNo})
            </a>
          </p>
        ) : null}
        <AppointmentForm
          req={req}
          action={`/staff/calendar/${a.id}/edit`}
          v={values}
          errors={problem?.fields ?? {}}
          message={problem?.form}
          hidden={{ back }}
          submit={t(L, 'pa.save')}
        />
      </Layout>,
      problem ? 400 : 200,
    );
  }

  app.get('/staff/calendar/:id/edit', pageOpts, async (req, reply) => {
    requirePermission(req, 'appointments.write');
    return editPage(req, reply, null, safeBack(query(req).back));
  });

  app.post('/staff/calendar/:id/edit', pageOpts, async (req, reply) => {
    requirePermission(req, 'appointments.write');
    const body = formBody(req);
    const v = valuesOf(body);
    const back = safeBack(str(body, 'back'));
    try {
      const a = await moveAppointment(requestContext(ctx.db, req), {
        id: uuidParam(req),
        startsAt: v.startsAt,
        endsAt: endOf(v.startsAt, v.minutes),
        channel: v.channel as (typeof APPOINTMENT_CHANNELS)[number],
        place: v.place,
        note: v.note,
        allowClosedDay: v.allowClosedDay === '1',
      });
      const week = mondayOf(localInput(a.startsAt).slice(0, 10));
      return reply.redirect(`/staff/calendar?week=${week}&moved=1`, 303);
    } catch (err) {
      return editPage(req, reply, v, back, fieldErrors(err, req.lang));
    }
  });
}
