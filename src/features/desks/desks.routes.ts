import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { DateString, IdParams, problems, Uuid } from '../../platform/http/schemas.ts';
import { desksIcs } from './desks.ics.ts';
import { registerDeskPages } from './desks.pages.tsx';
import { createDesk, getDesk, listDeskSessions, updateDesk } from './desks.service.ts';

const tags = ['desks'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 instant' });
const Str = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Desk = Type.Object({
  id: Uuid,
  centreId: Uuid,
  place: Type.String(),
  address: Type.String(),
  regionCode: Type.String(),
  opensAt: Type.String({ description: 'HH:MM, Asia/Seoul' }),
  closesAt: Type.String(),
  capacity: Nullable(Type.Integer()),
  recurrence: Type.Object({
    byWeekday: Type.Array(Type.Integer()),
    byMonthDays: Type.Array(Type.Integer()),
    from: Type.String(),
    until: Type.String(),
  }),
  note: Nullable(Type.String()),
});
const Session = Type.Object({
  id: Uuid,
  deskId: Uuid,
  centreId: Uuid,
  date: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Type.String({ description: 'scheduled, or cancelled (a holiday declared later, a shorter rule)' }),
  cancelReason: Nullable(Type.String()),
  place: Type.String(),
  address: Type.String(),
  regionCode: Type.String(),
  capacity: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  updatedAt: Type.String(),
});
const Range = Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) });
const defaultRange = (q: { from?: string; to?: string }) => {
  const from = q.from ?? seoulToday();
  const end = new Date(`${from}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 90);
  return { from, to: q.to ?? end.toISOString().slice(0, 10) };
};

/** Mobile desks (찾아가는 취업상담실): recurring sessions at a place, public schedule and ICS feed. */
export const desksFeature: Feature = {
  name: 'desks',
  routes(app, ctx) {
    const rc = (req: Parameters<typeof requestContext>[1]) => requestContext(ctx.db, req);
    app.post(
      '/api/v1/desks',
      {
        config: { permission: 'desks.manage' },
        schema: {
          tags,
          summary: '찾아가는 취업상담실 등록 / set up a mobile desk and its sessions',
          body: Type.Object(
            {
              place: Str(200, 1),
              address: Str(300, 1),
              regionCode: Str(10, 2),
              startsAt: Instant,
              endsAt: Instant,
              capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
              recurrence: Type.Optional(
                Nullable(
                  Type.Object(
                    {
                      byWeekday: Type.Optional(
                        Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7 }),
                      ),
                      byMonthDays: Type.Optional(
                        Type.Array(Type.Integer({ minimum: 1, maximum: 31 }), { maxItems: 31 }),
                      ),
                      until: DateString,
                    },
                    { additionalProperties: false },
                  ),
                ),
              ),
              note: Type.Optional(Nullable(Str(1000))),
              centreId: Type.Optional(Uuid),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Intersect([
              Desk,
              Type.Object({
                sessions: Type.Array(Type.Object({ date: Type.String(), startsAt: Type.String() })),
                skipped: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })),
              }),
            ]),
            ...problems,
          },
        },
      },
      async (req, reply) => reply.status(201).send(await createDesk(rc(req), req.body)),
    );
    app.get(
      '/api/v1/desks',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '찾아가는 취업상담실 일정 / desk sessions (public; 90 days from today by default)',
          querystring: Range,
          response: { 200: Type.Object({ items: Type.Array(Session), total: Type.Integer() }), ...problems },
        },
      },
      async (req) => {
        const items = await listDeskSessions(ctx.db, defaultRange(req.query));
        return { items, total: items.length };
      },
    );
    app.get(
      '/api/v1/desks.ics',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '찾아가는 취업상담실 일정 (iCalendar) / the schedule as an ICS feed',
          querystring: Range,
          response: { 200: Type.String({ description: 'text/calendar (RFC 5545)' }), ...problems },
        },
      },
      async (req, reply) => {
        const items = await listDeskSessions(ctx.db, defaultRange(req.query));
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(desksIcs(items, { baseUrl: ctx.config.publicUrl }));
      },
    );
    app.get(
      '/api/v1/desks/:id',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '찾아가는 취업상담실 / a desk',
          params: IdParams,
          response: { 200: Desk, ...problems },
        },
      },
      async (req) => getDesk(ctx.db, req.params.id),
    );
    app.patch(
      '/api/v1/desks/:id',
      {
        config: { permission: 'desks.manage' },
        schema: {
          tags,
          summary: '찾아가는 취업상담실 변경 / change a desk (until adds or cancels sessions)',
          params: IdParams,
          body: Type.Object(
            {
              place: Type.Optional(Str(200, 1)),
              address: Type.Optional(Str(300, 1)),
              capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
              note: Type.Optional(Nullable(Str(1000))),
              until: Type.Optional(DateString),
            },
            { additionalProperties: false },
          ),
          response: { 200: Desk, ...problems },
        },
      },
      async (req) => updateDesk(rc(req), { id: req.params.id, ...req.body }),
    );
    registerDeskPages(app, ctx);
  },
};
