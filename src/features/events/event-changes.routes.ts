import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { IdParams, Nullable, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { cancelEvent, updateEvent } from './event-changes.service.ts';
import { Event, Instant, routeContexts, tags } from './events.schemas.ts';
import { cancelSlot, deleteSlot, withdrawEmployer } from './slot-changes.service.ts';

const Reason = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, description: '사유: 알림에 그대로 실립니다' }) },
  { additionalProperties: false },
);

/** Changing an event after it is set up: its details, cancellation, an employer's withdrawal, slots. */
export function registerEventChangeRoutes(app: Server, ctx: AppContext) {
  const { rc } = routeContexts(ctx);
  app.patch(
    '/api/v1/events/:id',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '채용행사 수정 / change a hiring event',
        description:
          'Fields left out stay. 400 `event.capacityBelowRegistered` (on `capacity`) below the places ' +
          'taken; 409 `event.timesBooked` for new times while interviews are booked, 400 ' +
          '`event.slotsOutside` when slots would lie outside them, 409 `event.hallTimes` for a ' +
          'hiring-hall day; 409 `event.unpublishTaken` to unpublish with seekers signed up; 409 ' +
          '`event.cancelled`. A raised capacity moves the waiting list up (`promoted`); a new time ' +
          'or place is told to those signed up (`notified`).',
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            startsAt: Type.Optional(Instant),
            endsAt: Type.Optional(Instant),
            venue: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
            onlineUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100000 }))),
            description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
            published: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: {
          200: Type.Intersect([Event, Type.Object({ promoted: Type.Integer(), notified: Type.Integer() })]),
          ...problems,
        },
      },
    },
    async (req) => updateEvent(rc(req), { id: req.params.id, ...req.body }),
  );
  app.post(
    '/api/v1/events/:id/cancel',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '채용행사 취소 / cancel a hiring event',
        description:
          'Before it starts: registrations and interview bookings are cancelled in the same ' +
          'transaction, each seeker and company is told (with the reason), and a published event ' +
          'announces `event.cancelled`. 409 `event.cancelled`, `event.started`, `event.hallCancel`.',
        params: IdParams,
        body: Reason,
        response: {
          200: Type.Intersect([
            Event,
            Type.Object({
              cancelledRegistrations: Type.Integer(),
              cancelledInterviews: Type.Integer(),
              notified: Type.Integer(),
            }),
          ]),
          ...problems,
        },
      },
    },
    async (req) => cancelEvent(rc(req), { id: req.params.id, reason: req.body.reason }),
  );
  app.post(
    '/api/v1/events/:id/employers/:employerId/withdraw',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '참가 기업 취소 / withdraw an employer’s entry',
        description:
          'Its interview bookings are cancelled (each seeker told, with the reason) and its slots ' +
          'removed; the entry stays as `withdrawn`. 409 `event.employerHasResults` once an ' +
          'interview of it has a result.',
        params: Type.Object({ id: Uuid, employerId: Uuid }),
        body: Reason,
        response: {
          200: Type.Object({
            eventId: Uuid,
            employerId: Uuid,
            employerName: Nullable(Type.String()),
            status: Type.String(),
            statusName: Type.String(),
            cancelledInterviews: Type.Integer(),
            removedSlots: Type.Integer(),
            notified: Type.Integer(),
          }),
          ...problems,
        },
      },
    },
    async (req) =>
      withdrawEmployer(rc(req), {
        eventId: req.params.id,
        employerId: req.params.employerId,
        reason: req.body.reason,
      }),
  );
  app.delete(
    '/api/v1/slots/:id',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '빈 면접 시간 삭제 / remove a free interview slot',
        description: '409 `slot.booked` when someone holds it: cancel it instead (POST /slots/{id}/cancel).',
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteSlot(rc(req), { slotId: req.params.id });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/slots/:id/cancel',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '면접 시간 취소 / cancel an interview slot',
        description:
          'Its booking, if any, is cancelled and the seeker told (with the reason); the slot is ' +
          'removed. 409 `interview.resultBooked`, `slot.begun`.',
        params: IdParams,
        body: Reason,
        response: {
          200: Type.Object({
            slotId: Uuid,
            bookingId: Nullable(Uuid),
            seekerId: Nullable(Uuid),
            notified: Type.Integer(),
          }),
          ...problems,
        },
      },
    },
    async (req) => cancelSlot(rc(req), { slotId: req.params.id, reason: req.body.reason }),
  );
}
