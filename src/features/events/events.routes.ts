import { Type } from 'typebox';
import type { Feature } from '../../platform/context.ts';
import { DateString, IdParams, Nullable, problems, Uuid } from '../../platform/http/schemas.ts';
import { registerDeskSetupPages } from './desk-setup.pages.tsx';
import { registerEmployerSlotPages } from './employer-slots.pages.tsx';
import { registerEventChangeRoutes } from './event-changes.routes.ts';
import { registerEventEditPages } from './event-edit.pages.tsx';
import { addEventEmployer, approveEmployer, listEventEmployers } from './event-employers.service.ts';
import { registerEventNewPages } from './event-new.pages.tsx';
import { registerEventPages } from './events.pages.tsx';
import {
  Event,
  EventEmployer,
  EventParams,
  Instant,
  Kind,
  routeContexts,
  Totals,
  tags,
} from './events.schemas.ts';
import { createEvent, eventSummary, getEvent, listEvents, publishEvent } from './events.service.ts';
import { registerHallPages } from './hiring-hall.pages.tsx';
import { registerHallRoutes } from './hiring-hall.routes.ts';
import { registerInterviewRoutes } from './interviews.routes.ts';
import { registerPrematchPages } from './prematch.pages.tsx';
import { registerPrematchRoutes } from './prematch.routes.ts';
import { registerRegistrationRoutes } from './registrations.routes.ts';
import { registerSeekerPlanPages } from './seeker-plan.pages.tsx';
import { registerSlotChangePages } from './slot-changes.pages.tsx';
import { registerEventDeskPages } from './staff-desk.pages.tsx';

/** Hiring events (채용행사): events, their employers, interview slots and bookings, registrations. */
export const eventsFeature: Feature = {
  name: 'events',
  routes(app, ctx) {
    const { rc, read } = routeContexts(ctx);
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
    registerInterviewRoutes(app, ctx);
    registerEventChangeRoutes(app, ctx);
    registerRegistrationRoutes(app, ctx);
    registerPrematchRoutes(app, ctx);
    registerHallRoutes(app, ctx);
    registerEventPages(app, ctx);
    registerEventNewPages(app, ctx);
    registerDeskSetupPages(app, ctx);
    registerEventDeskPages(app, ctx);
    registerEventEditPages(app, ctx);
    registerSlotChangePages(app, ctx);
    registerEmployerSlotPages(app, ctx);
    registerPrematchPages(app, ctx);
    registerHallPages(app, ctx);
    registerSeekerPlanPages(app, ctx);
  },
};
