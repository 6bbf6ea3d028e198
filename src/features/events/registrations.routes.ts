import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { problems } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import {
  EventParams,
  Nullable,
  Registration,
  RegParams,
  routeContexts,
  SeekerBody,
  tags,
} from './events.schemas.ts';
import { cancel, checkIn, register } from './registrations.service.ts';

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
}
