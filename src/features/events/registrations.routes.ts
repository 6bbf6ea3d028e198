import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { Nullable, problems } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { EventParams, Registration, RegParams, routeContexts, SeekerBody, tags } from './events.schemas.ts';
import { cancel, checkIn, listRegistrations, register } from './registrations.service.ts';

/** Seekers' registrations for an event: register (or wait), check in at the desk, cancel. */
export function registerRegistrationRoutes(app: Server, ctx: AppContext) {
  const { rc } = routeContexts(ctx);
  app.post(
    '/api/v1/events/:id/registrations',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '행사 참가 신청 / register for an event',
        params: EventParams,
        body: SeekerBody,
        response: { 201: Registration, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await register(rc(req), { eventId: req.params.id, seekerId: req.body?.seekerId })),
  );
  app.post(
    '/api/v1/events/:id/registrations/:rid/check-in',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '입장 확인 / check in',
        params: RegParams,
        response: { 200: Registration, ...problems },
      },
    },
    async (req) => checkIn(rc(req), { eventId: req.params.id, id: req.params.rid }),
  );
  app.post(
    '/api/v1/events/:id/registrations/:rid/cancel',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '참가 취소 / cancel a registration (promotes the first waiting)',
        params: RegParams,
        response: {
          200: Type.Intersect([Registration, Type.Object({ promoted: Nullable(Registration) })]),
          ...problems,
        },
      },
    },
    async (req) => cancel(rc(req), { eventId: req.params.id, id: req.params.rid }),
  );
  app.get(
    '/api/v1/events/:id/registrations',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '참가 신청 목록·입장 조회 / registrations, or the one at the desk by phone or name',
        description:
          '`q`: a phone number or its last four digits, a 구직번호, a birth date, or a name; ' +
          'only the registrations of seekers it finds are listed.',
        params: EventParams,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(Registration) }), ...problems },
      },
    },
    async (req) => ({
      items: await listRegistrations(rc(req), {
        eventId: req.params.id,
        q: req.query.q,
        dataKey: ctx.dataKey,
      }),
    }),
  );
}
