import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { DateString, IdParams, Nullable, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { employerSlots } from './employer-slots.service.ts';
import {
  EventParams,
  Instant,
  Interview,
  Result,
  routeContexts,
  SeekerBody,
  Slot,
  tags,
} from './events.schemas.ts';
import {
  bookSlot,
  cancelSlotBooking,
  createSlots,
  listSlots,
  recordInterviewResult,
} from './interviews.service.ts';

/** Interview slots of an event's employers, their 1:1 bookings and results (면접 시간·예약·결과). */
export function registerInterviewRoutes(app: Server, ctx: AppContext) {
  const { rc, read } = routeContexts(ctx);
  app.post(
    '/api/v1/events/:id/slots',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '면접 시간 열기 / open interview slots',
        params: EventParams,
        body: Type.Object(
          {
            employerId: Uuid,
            startsAt: Type.Optional(Instant),
            endsAt: Type.Optional(Instant),
            from: Type.Optional(Instant),
            to: Type.Optional(Instant),
            minutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
            meetingUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ items: Type.Array(Slot) }), ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ items: await createSlots(rc(req), { eventId: req.params.id, ...req.body }) }),
  );
  app.get(
    '/api/v1/events/:id/slots',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '면접 시간 / interview slots',
        params: EventParams,
        querystring: Type.Object({ free: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ items: Type.Array(Slot) }), ...problems },
      },
    },
    async (req) => ({
      items: await listSlots(read(req), { eventId: req.params.id, free: req.query.free }),
    }),
  );
  app.post(
    '/api/v1/slots/:id/booking',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '면접 예약 / book an interview slot',
        params: IdParams,
        body: SeekerBody,
        response: { 201: Interview, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await bookSlot(rc(req), { slotId: req.params.id, seekerId: req.body?.seekerId })),
  );
  app.delete(
    '/api/v1/slots/:id/booking',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '면접 예약 취소 / free a slot',
        params: IdParams,
        response: { 200: Interview, ...problems },
      },
    },
    async (req) => cancelSlotBooking(rc(req), { slotId: req.params.id }),
  );
  app.post(
    '/api/v1/bookings/interviews/:id/result',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '면접 결과 입력 / enter an interview result',
        params: IdParams,
        body: Type.Object(
          {
            result: Result,
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
            startDate: Type.Optional(DateString),
            postingId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 200: Interview, ...problems },
      },
    },
    async (req) => recordInterviewResult(rc(req), { id: req.params.id, ...req.body }),
  );
  app.get(
    '/api/v1/employer/event-slots',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '우리 기업의 면접 시간 / an employer account’s own interview slots',
        description:
          'Slots of the signed-in employer at events from 30 days back to a year ahead; who booked is ' +
          'shown with the name masked (홍*동) and nothing else of the person.',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                slotId: Uuid,
                eventId: Uuid,
                eventTitle: Type.String(),
                kind: Type.String(),
                kindName: Type.String(),
                place: Nullable(Type.String()),
                startsAt: Type.String(),
                endsAt: Type.String(),
                meetingUrl: Nullable(Type.String()),
                taken: Type.Boolean(),
                seekerName: Nullable(Type.String()),
                result: Nullable(Type.String()),
                resultName: Nullable(Type.String()),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => ({ items: await employerSlots(rc(req)) }),
  );
}
