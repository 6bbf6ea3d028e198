import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { DateString, IdParams, Nullable, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { HALL_REQUEST_STATUSES } from './events.codes.ts';
import { Instant, routeContexts, tags } from './events.schemas.ts';
import {
  cancelHallRequest,
  listHallRequests,
  MAX_PREFERRED_DATES,
  requestHall,
  scheduleHall,
} from './hiring-hall.service.ts';

const Status = Type.Enum(Object.keys(HALL_REQUEST_STATUSES) as (keyof typeof HALL_REQUEST_STATUSES)[]);
const HallRequest = Type.Object({
  id: Uuid,
  centreId: Uuid,
  employerId: Uuid,
  employerName: Nullable(Type.String()),
  postingId: Uuid,
  postingTitle: Nullable(Type.String()),
  preferredDates: Type.Array(Type.String()),
  headcount: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  status: Type.String(),
  statusName: Type.String(),
  eventId: Nullable(Uuid),
  roomBookingIds: Type.Array(Uuid),
  scheduledAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
const Reason = Type.Object({ factor: Type.String(), points: Type.Integer(), detail: Type.String() });

/** The permanent hiring hall (상설채용관): requests, and scheduling them into a room and an event. */
export function registerHallRoutes(app: Server, ctx: AppContext) {
  const { rc } = routeContexts(ctx);
  app.post(
    '/api/v1/hiring-hall/requests',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '상설채용관 채용 요청 / a company asks the hiring hall for a recruitment',
        body: Type.Object(
          {
            employerId: Uuid,
            postingId: Uuid,
            preferredDates: Type.Array(DateString, { minItems: 1, maxItems: MAX_PREFERRED_DATES }),
            headcount: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: HallRequest, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await requestHall(rc(req), req.body)),
  );
  app.get(
    '/api/v1/hiring-hall/requests',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '상설채용관 요청 목록 / hiring hall requests (staff: their centres; a company: its own)',
        querystring: Type.Object({ status: Type.Optional(Status) }),
        response: {
          200: Type.Object({ items: Type.Array(HallRequest), total: Type.Integer() }),
          ...problems,
        },
      },
    },
    async (req) => {
      const items = await listHallRequests(rc(req), req.query);
      return { items, total: items.length };
    },
  );
  app.post(
    '/api/v1/hiring-hall/requests/:id/schedule',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '상설채용관 일정 확정 / book the room, create the hiring-hall event, shortlist',
        params: IdParams,
        body: Type.Object(
          {
            startsAt: Instant,
            endsAt: Instant,
            resourceId: Uuid,
            slotMinutes: Type.Optional(Type.Integer({ minimum: 10, maximum: 240 })),
            meetingUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            published: Type.Optional(Type.Boolean()),
            shortlist: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            request: HallRequest,
            eventId: Uuid,
            slots: Type.Integer(),
            shortlist: Type.Array(
              Type.Object({ seekerId: Uuid, score: Type.Integer(), reasons: Type.Array(Reason) }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => scheduleHall(rc(req), { id: req.params.id, ...req.body }),
  );
  app.post(
    '/api/v1/hiring-hall/requests/:id/cancel',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '상설채용관 요청 취소 / cancel a request not yet scheduled',
        params: IdParams,
        response: { 200: HallRequest, ...problems },
      },
    },
    async (req) => cancelHallRequest(rc(req), { id: req.params.id }),
  );
}
