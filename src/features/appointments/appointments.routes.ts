import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { IdParams, Page, PageQuery, pageOf, problems, Uuid, Warnings } from '../../platform/http/schemas.ts';
import { appointmentsIcs } from './appointments.ics.ts';
import { registerAppointmentPages } from './appointments.pages.tsx';
import {
  APPOINTMENT_CHANNELS,
  cancelAppointment,
  createAppointment,
  feedAppointments,
  issueFeedToken,
  listAppointments,
  moveAppointment,
} from './appointments.service.ts';

const tags = ['appointments'];
const DateTime = Type.String({
  minLength: 10,
  maxLength: 40,
  description: 'ISO 8601; Korean time without an offset',
});
const Channel = Type.Enum([...APPOINTMENT_CHANNELS]);
const Text = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));

const Appointment = Type.Object({
  id: Uuid,
  seekerId: Uuid,
  counsellorId: Uuid,
  centreId: Uuid,
  startsAt: Type.String(),
  endsAt: Type.String(),
  channel: Type.String(),
  place: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  cancelledAt: Type.Union([Type.String(), Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  counsellingId: Type.Union([Uuid, Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const Written = Type.Intersect([Appointment, Type.Object({ warnings: Warnings })]);

function instant(raw: string, field: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00+09:00`) : new Date(raw);
  if (Number.isNaN(d.getTime()))
    throw new DomainError('validation', 'error.validation', {}, [{ field, key: 'appointment.dateTime' }]);
  return d;
}

/** Appointments of counsellors with seekers, their calendar pages and the ICS feed. */
export const appointmentsFeature: Feature = {
  name: 'appointments',
  routes(app, ctx) {
    app.post(
      '/api/v1/appointments',
      {
        config: { permission: 'appointments.write' },
        schema: {
          tags,
          summary: '상담 예약 / book an appointment',
          body: Type.Object(
            {
              seekerId: Uuid,
              startsAt: DateTime,
              endsAt: DateTime,
              channel: Channel,
              place: Text(200),
              note: Text(2000),
              counsellorId: Type.Optional(Uuid),
              counsellingId: Type.Optional(Type.Union([Uuid, Type.Null()])),
              allowClosedDay: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 201: Written, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createAppointment(requestContext(ctx.db, req), req.body)),
    );
    app.get(
      '/api/v1/appointments',
      {
        config: { permission: 'appointments.read' },
        schema: {
          tags,
          summary: '상담 예약 목록 / appointments in a period',
          querystring: Type.Object({
            ...PageQuery,
            from: Type.Optional(DateTime),
            to: Type.Optional(DateTime),
            counsellorId: Type.Optional(Uuid),
            seekerId: Type.Optional(Uuid),
            cancelled: Type.Optional(Type.Boolean()),
          }),
          response: { 200: Page(Appointment), ...problems },
        },
      },
      async (req) => {
        const p = pageOf(req.query);
        const q = req.query;
        const from = q.from ? instant(q.from, 'from') : new Date();
        const to = q.to ? instant(q.to, 'to') : new Date(from.getTime() + 7 * 86_400_000);
        const r = await listAppointments(requestContext(ctx.db, req), {
          from,
          to,
          counsellorId: q.counsellorId,
          seekerId: q.seekerId,
          withCancelled: q.cancelled,
          offset: p.offset,
          limit: p.pageSize,
        });
        return { ...r, page: p.page, pageSize: p.pageSize };
      },
    );
    app.patch(
      '/api/v1/appointments/:id',
      {
        config: { permission: 'appointments.write' },
        schema: {
          tags,
          summary: '상담 예약 변경 / move an appointment',
          params: IdParams,
          body: Type.Object(
            {
              startsAt: Type.Optional(DateTime),
              endsAt: Type.Optional(DateTime),
              channel: Type.Optional(Channel),
              place: Text(200),
              note: Text(2000),
              counsellorId: Type.Optional(Uuid),
              allowClosedDay: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 200: Written, ...problems },
        },
      },
      async (req) => moveAppointment(requestContext(ctx.db, req), { id: req.params.id, ...req.body }),
    );
    app.post(
      '/api/v1/appointments/:id/cancel',
      {
        config: { permission: 'appointments.write' },
        schema: {
          tags,
          summary: '상담 예약 취소 / cancel an appointment',
          params: IdParams,
          body: Type.Optional(
            Type.Object(
              { reason: Type.Optional(Type.String({ maxLength: 500 })) },
              { additionalProperties: false },
            ),
          ),
          response: { 200: Written, ...problems },
        },
      },
      async (req) =>
        cancelAppointment(requestContext(ctx.db, req), { id: req.params.id, reason: req.body?.reason }),
    );
    app.post(
      '/api/v1/appointments/feed',
      {
        config: { permission: 'appointments.write' },
        schema: {
          tags,
          summary: '캘린더 구독 주소 발급 / issue the ICS feed URL (replaces the previous one)',
          response: { 201: Type.Object({ url: Type.String() }), ...problems },
        },
      },
      async (req, reply) => {
        const token = await issueFeedToken(requestContext(ctx.db, req));
        return reply.status(201).send({ url: `${ctx.config.publicUrl}/calendar/feed/${token}.ics` });
      },
    );
    // The calendar app of a phone reads this without a session: the secret in the path is the
    // credential (issued above, kept hashed, replaced to revoke).
    app.get(
      '/calendar/feed/:file',
      { schema: { hide: true }, config: { public: true } },
      async (req, reply) => {
        const file = (req.params as { file: string }).file;
        const items = file.endsWith('.ics') ? await feedAppointments(ctx.db, file.slice(0, -4)) : null;
        if (!items) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
        return reply
          .header('cache-control', 'private, max-age=300')
          .type('text/calendar; charset=utf-8')
          .send(appointmentsIcs(items, { baseUrl: ctx.config.publicUrl }));
      },
    );
    registerAppointmentPages(app, ctx);
  },
};
