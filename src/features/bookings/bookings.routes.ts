import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import {
  DateString,
  IdParams,
  listPage,
  Nullable,
  Page,
  PageQuery,
  problems,
  Uuid,
} from '../../platform/http/schemas.ts';
import { availability } from './availability.service.ts';
import { BOOKING_STATUSES, CANCEL_REASONS, RESOURCE_KINDS } from './bookings.codes.ts';
import { registerBookingPages } from './bookings.pages.tsx';
import { REMINDER_HOUR, remindTomorrowsBookings } from './bookings.reminders.ts';
import { cancelBooking, createBooking, listBookings, markBooking } from './bookings.service.ts';
import { createResource, listResources, updateResource } from './resources.service.ts';
import { registerSuitRoutes } from './suits.routes.ts';

const tags = ['bookings'];
const Kind = Type.Enum(Object.keys(RESOURCE_KINDS) as (keyof typeof RESOURCE_KINDS)[]);
const Hhmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' });
const Window = Type.Object(
  { weekday: Type.Integer({ minimum: 1, maximum: 7 }), from: Hhmm, to: Hhmm },
  { additionalProperties: false },
);
const Bookers = Type.Array(Type.Enum(['seeker', 'employer', 'staff']), { minItems: 1, maxItems: 3 });
const Resource = Type.Object({
  id: Uuid,
  centreId: Uuid,
  name: Type.String(),
  kind: Type.String(),
  kindName: Type.String(),
  slotMinutes: Type.Integer(),
  capacity: Type.Integer(),
  openingHours: Type.Array(Type.Object({ weekday: Type.Integer(), from: Type.String(), to: Type.String() })),
  approvalRequired: Type.Boolean(),
  bookableBy: Type.Array(Type.String()),
  description: Nullable(Type.String()),
});
const Booking = Type.Object({
  id: Uuid,
  resourceId: Uuid,
  centreId: Uuid,
  seekerId: Nullable(Uuid),
  employerId: Nullable(Uuid),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  note: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  cancelReasonName: Nullable(Type.String()),
  cancelNote: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  checkedInAt: Nullable(Type.String()),
  createdAt: Type.String(),
  resourceName: Type.Optional(Type.String()),
  resourceKind: Type.Optional(Type.String()),
  resourceKindName: Type.Optional(Type.String()),
  /** Staff only: the seeker's no-shows of the last 180 days (shown, never used to refuse). */
  seekerNoShows: Type.Optional(Type.Integer()),
});

/** Bookable resources, their free slots and bookings; suits (면접정장) in suits.routes.ts. */
export const bookingsFeature: Feature = {
  name: 'bookings',
  jobs: (ctx) => [
    {
      // the day before at 10:00 (Asia/Seoul); each reminder once (dedupe key per booking)
      name: 'bookings-remind',
      cron: `0 ${REMINDER_HOUR} * * *`,
      handler: async () => {
        await remindTomorrowsBookings(ctx.db);
      },
    },
  ],
  routes(app, ctx) {
    app.post(
      '/api/v1/resources',
      {
        config: { permission: 'bookings.manage' },
        schema: {
          tags,
          summary: '예약 자원 등록 / add a bookable resource',
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 200 }),
              kind: Kind,
              slotMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
              capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
              openingHours: Type.Array(Window, { minItems: 1, maxItems: 50 }),
              approvalRequired: Type.Optional(Type.Boolean()),
              bookableBy: Type.Optional(Bookers),
              description: Type.Optional(Type.String({ maxLength: 2000 })),
              centreId: Type.Optional(Uuid),
            },
            { additionalProperties: false },
          ),
          response: { 201: Resource, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createResource(requestContext(ctx.db, req), req.body)),
    );
    app.patch(
      '/api/v1/resources/:id',
      {
        config: { permission: 'bookings.manage' },
        schema: {
          tags,
          summary: '예약 자원 수정 / change a bookable resource',
          params: IdParams,
          body: Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              kind: Type.Optional(Kind),
              slotMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 480 })),
              capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
              openingHours: Type.Optional(Type.Array(Window, { minItems: 1, maxItems: 50 })),
              approvalRequired: Type.Optional(Type.Boolean()),
              bookableBy: Type.Optional(Bookers),
              description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
              active: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 200: Resource, ...problems },
        },
      },
      async (req) => updateResource(requestContext(ctx.db, req), { id: req.params.id, ...req.body }),
    );
    app.get(
      '/api/v1/resources',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '예약 자원 목록 / bookable resources',
          querystring: Type.Object({ centreId: Type.Optional(Uuid), kind: Type.Optional(Kind) }),
          response: { 200: Page(Resource), ...problems },
        },
      },
      async (req) => {
        const items = await listResources({ db: ctx.db, lang: req.lang }, req.query);
        return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
      },
    );
    app.get(
      '/api/v1/resources/:id/availability',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '예약 가능 시간 / free slots',
          params: IdParams,
          querystring: Type.Object({ from: DateString, to: DateString }),
          response: {
            200: Type.Object({
              resourceId: Uuid,
              from: Type.String(),
              to: Type.String(),
              slotMinutes: Type.Integer(),
              capacity: Type.Integer(),
              items: Type.Array(
                Type.Object({ startsAt: Type.String(), endsAt: Type.String(), free: Type.Integer() }),
              ),
              closedDays: Type.Array(
                Type.Object({ date: Type.String(), name: Type.String(), kind: Type.String() }),
              ),
            }),
            ...problems,
          },
        },
      },
      async (req) =>
        availability({ db: ctx.db, lang: req.lang }, { resourceId: req.params.id, ...req.query }),
    );
    app.post(
      '/api/v1/bookings',
      {
        config: { permission: 'bookings.book' },
        schema: {
          tags,
          summary: '예약 / book a slot',
          body: Type.Object(
            {
              resourceId: Uuid,
              startsAt: Type.String({ format: 'date-time' }),
              seekerId: Type.Optional(Uuid),
              employerId: Type.Optional(Uuid),
              note: Type.Optional(Type.String({ maxLength: 1000 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: Booking, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createBooking(requestContext(ctx.db, req), req.body)),
    );
    app.get(
      '/api/v1/bookings',
      {
        config: { permission: 'bookings.book' },
        schema: {
          tags,
          summary: '예약 목록 / bookings',
          querystring: Type.Object({
            ...PageQuery,
            resourceId: Type.Optional(Uuid),
            seekerId: Type.Optional(Uuid),
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            status: Type.Optional(
              Type.Enum(Object.keys(BOOKING_STATUSES) as (keyof typeof BOOKING_STATUSES)[]),
            ),
            cancelReason: Type.Optional(
              Type.Enum(Object.keys(CANCEL_REASONS) as (keyof typeof CANCEL_REASONS)[]),
            ),
          }),
          response: { 200: Page(Booking), ...problems },
        },
      },
      async (req) => listPage(req.query, (q) => listBookings(requestContext(ctx.db, req), q)),
    );
    app.post(
      '/api/v1/bookings/:id/cancel',
      {
        config: { permission: 'bookings.book' },
        schema: {
          tags,
          summary: '예약 취소 / cancel a booking',
          params: IdParams,
          body: Type.Optional(
            Type.Object(
              { note: Type.Optional(Type.String({ maxLength: 500 })) },
              { additionalProperties: false },
            ),
          ),
          response: { 200: Booking, ...problems },
        },
      },
      async (req) => cancelBooking(requestContext(ctx.db, req), { id: req.params.id, note: req.body?.note }),
    );
    for (const [path, to, summary] of [
      ['confirm', 'confirmed', '예약 승인 / approve a requested booking'],
      ['check-in', 'checked_in', '방문 확인 / check in'],
      ['no-show', 'no_show', '노쇼 기록 / record a no-show'],
    ] as const) {
      app.post(
        `/api/v1/bookings/:id/${path}`,
        {
          config: { permission: 'bookings.manage' },
          schema: { tags, summary, params: IdParams, response: { 200: Booking, ...problems } },
        },
        async (req) => markBooking(requestContext(ctx.db, req), { id: req.params.id, to }),
      );
    }
    registerSuitRoutes(app, ctx);
    registerBookingPages(app, ctx);
  },
};
