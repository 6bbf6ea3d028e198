import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import { DateString, IdParams, problems, Uuid } from '../../platform/http/schemas.ts';
import { addEventEmployer, approveEmployer, listEventEmployers } from './event-employers.service.ts';
import { EVENT_KINDS, INTERVIEW_RESULTS } from './events.codes.ts';
import { registerEventPages } from './events.pages.tsx';
import { createEvent, eventSummary, getEvent, listEvents, publishEvent } from './events.service.ts';
import {
  bookSlot,
  cancelSlotBooking,
  createSlots,
  listSlots,
  recordInterviewResult,
} from './interviews.service.ts';
import { cancel, checkIn, register } from './registrations.service.ts';
import { registerEventDeskPages } from './staff-desk.pages.tsx';

const tags = ['events'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Kind = Type.Enum(Object.keys(EVENT_KINDS) as (keyof typeof EVENT_KINDS)[]);
const Result = Type.Enum(Object.keys(INTERVIEW_RESULTS) as (keyof typeof INTERVIEW_RESULTS)[]);
const Instant = Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 instant' });
const EventParams = Type.Object({ id: Uuid });
const Event = Type.Object({
  id: Uuid,
  centreId: Uuid,
  seriesId: Nullable(Uuid),
  title: Type.String(),
  kind: Type.String(),
  kindName: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  venue: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String()),
  capacity: Nullable(Type.Integer()),
  description: Nullable(Type.String()),
  published: Type.Boolean(),
});
const EventEmployer = Type.Object({
  eventId: Uuid,
  employerId: Uuid,
  employerName: Nullable(Type.String()),
  postingIds: Type.Array(Uuid),
  booth: Nullable(Type.String()),
  status: Type.String(),
  statusName: Type.String(),
  approvedAt: Nullable(Type.String()),
});
const Slot = Type.Object({
  id: Uuid,
  eventId: Uuid,
  employerId: Uuid,
  startsAt: Type.String(),
  endsAt: Type.String(),
  meetingUrl: Nullable(Type.String()),
  taken: Type.Boolean(),
  bookingId: Type.Optional(Nullable(Uuid)),
  seekerId: Type.Optional(Nullable(Uuid)),
  result: Type.Optional(Nullable(Type.String())),
});
const Interview = Type.Object({
  id: Uuid,
  slotId: Uuid,
  eventId: Uuid,
  employerId: Uuid,
  seekerId: Uuid,
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  result: Nullable(Type.String()),
  resultName: Nullable(Type.String()),
  resultNote: Nullable(Type.String()),
  employmentId: Nullable(Uuid),
});
const Registration = Type.Object({
  id: Uuid,
  eventId: Uuid,
  seekerId: Uuid,
  status: Type.String(),
  statusName: Type.String(),
  checkedInAt: Nullable(Type.String()),
  promotedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
const Totals = Type.Object({
  eventId: Uuid,
  employers: Type.Integer(),
  seekers: Type.Integer(),
  interviews: Type.Integer(),
  passedFirst: Type.Integer(),
  hired: Type.Integer(),
});
const SeekerBody = Type.Object({ seekerId: Type.Optional(Uuid) }, { additionalProperties: false });
const RegParams = Type.Object({ id: Uuid, rid: Uuid });

/** Hiring events (채용행사): events, their employers, interview slots and bookings, registrations. */
export const eventsFeature: Feature = {
  name: 'events',
  routes(app, ctx) {
    const rc = (req: Parameters<typeof requestContext>[1]) => requestContext(ctx.db, req);
    const read = (req: { actor: Parameters<typeof requestContext>[1]['actor']; lang: 'ko' | 'en' }) => ({
      db: ctx.db,
      actor: req.actor,
      lang: req.lang,
    });
    app.post(
      '/api/v1/events',
      {
        config: { permission: 'events.manage' },
        schema: {
          tags,
          summary: '채용행사 등록 / set up a hiring event',
          body: Type.Object(
            {
              title: Type.String({ minLength: 1, maxLength: 200 }),
              kind: Kind,
              startsAt: Instant,
              endsAt: Instant,
              venue: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
              onlineUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
              capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100000 }))),
              description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
              published: Type.Optional(Type.Boolean()),
              recurrence: Type.Optional(
                Nullable(
                  Type.Object(
                    {
                      byWeekday: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
                        minItems: 1,
                        maxItems: 7,
                      }),
                      until: DateString,
                    },
                    { additionalProperties: false },
                  ),
                ),
              ),
              centreId: Type.Optional(Uuid),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Intersect([
              Event,
              Type.Object({
                occurrences: Type.Array(Type.Object({ id: Uuid, startsAt: Type.String() })),
                skipped: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })),
              }),
            ]),
            ...problems,
          },
        },
      },
      async (req, reply) => reply.status(201).send(await createEvent(rc(req), req.body)),
    );
    app.get(
      '/api/v1/events',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '채용행사 목록 / hiring events (published ones for everyone)',
          querystring: Type.Object({ from: DateString, to: DateString, kind: Type.Optional(Kind) }),
          response: { 200: Type.Object({ items: Type.Array(Event), total: Type.Integer() }), ...problems },
        },
      },
      async (req) => {
        const items = await listEvents(read(req), req.query);
        return { items, total: items.length };
      },
    );
    app.get(
      '/api/v1/events/:id',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '채용행사 / a hiring event',
          params: IdParams,
          response: { 200: Event, ...problems },
        },
      },
      async (req) => getEvent(read(req), req.params),
    );
    app.post(
      '/api/v1/events/:id/publish',
      {
        config: { permission: 'events.manage' },
        schema: {
          tags,
          summary: '채용행사 공개 / publish',
          params: IdParams,
          response: { 200: Event, ...problems },
        },
      },
      async (req) => publishEvent(rc(req), req.params),
    );
    app.get(
      '/api/v1/events/:id/summary',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '채용행사 실적 / event totals',
          params: IdParams,
          response: { 200: Totals, ...problems },
        },
      },
      async (req) => eventSummary(read(req), req.params),
    );
    app.get(
      '/api/v1/events/:id/employers',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '참가 기업 / employers of an event',
          params: EventParams,
          response: { 200: Type.Object({ items: Type.Array(EventEmployer) }), ...problems },
        },
      },
      async (req) => ({ items: await listEventEmployers(read(req), { eventId: req.params.id }) }),
    );
    app.post(
      '/api/v1/events/:id/employers',
      {
        config: { permission: 'events.take_part' },
        schema: {
          tags,
          summary: '참가 기업 등록·신청 / an employer takes part',
          params: EventParams,
          body: Type.Object(
            {
              employerId: Uuid,
              postingIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
              booth: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            },
            { additionalProperties: false },
          ),
          response: { 201: EventEmployer, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await addEventEmployer(rc(req), { eventId: req.params.id, ...req.body })),
    );
    app.post(
      '/api/v1/events/:id/employers/:employerId/approve',
      {
        config: { permission: 'events.manage' },
        schema: {
          tags,
          summary: '참가 승인 / approve an employer',
          params: Type.Object({ id: Uuid, employerId: Uuid }),
          response: { 200: EventEmployer, ...problems },
        },
      },
      async (req) => approveEmployer(rc(req), { eventId: req.params.id, employerId: req.params.employerId }),
    );
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
        reply
          .status(201)
          .send({ items: await createSlots(rc(req), { eventId: req.params.id, ...req.body }) }),
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
    registerEventPages(app, ctx);
    registerEventDeskPages(app, ctx);
  },
};
