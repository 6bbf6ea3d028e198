import { Type } from 'typebox';
import type { Feature } from '../../platform/context.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { IdParams, problems, Uuid } from '../../platform/http/schemas.ts';
import { cancelBookingsOnClosedDays } from '../bookings/closed-days.service.ts';
import {
  closeCentre,
  declareHoliday,
  holidaysOfYear,
  syncGazette,
  YEAR_MAX,
  YEAR_MIN,
} from './calendar.service.ts';

const tags = ['calendar'];
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const ClosedDay = Type.Object({
  date: Type.String(),
  name: Type.String(),
  kind: Type.Enum(['public', 'substitute', 'temporary', 'election', 'closure']),
});
/** Bookings a day off declared later cancelled (in the same transaction), for staff to tell the people. */
const CancelledBookings = Type.Array(
  Type.Object({
    id: Uuid,
    resourceId: Uuid,
    centreId: Uuid,
    seekerId: Type.Union([Uuid, Type.Null()]),
    employerId: Type.Union([Uuid, Type.Null()]),
    startsAt: Type.String(),
  }),
);

/** Holidays (gazette data, 임시공휴일) and centre closures: the one calendar every feature asks. */
export const calendarFeature: Feature = {
  name: 'calendar',
  routes(app, { db }) {
    app.get(
      '/api/v1/codes/holidays',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '공휴일 (연도별) / holidays of a year',
          querystring: Type.Object({
            year: Type.Optional(Type.Integer({ minimum: YEAR_MIN, maximum: YEAR_MAX })),
            centreId: Type.Optional(Uuid),
          }),
          response: {
            200: Type.Object({
              year: Type.Integer(),
              /** False when the official data does not cover the year yet (add 임시공휴일 by hand). */
              gazette: Type.Boolean(),
              items: Type.Array(ClosedDay),
              total: Type.Integer(),
            }),
            ...problems,
          },
        },
      },
      async (req) => {
        const q = req.query as { year?: number; centreId?: string };
        return holidaysOfYear(
          { db },
          { year: q.year ?? Number(seoulToday().slice(0, 4)), centreId: q.centreId },
        );
      },
    );
    app.post(
      '/api/v1/holidays',
      {
        config: { permission: 'holidays.manage' },
        schema: {
          tags,
          summary: '임시공휴일 지정 / declare a day off',
          body: Type.Object(
            {
              date: Day,
              name: Type.String({ minLength: 1, maxLength: 100 }),
              kind: Type.Optional(Type.Enum(['temporary', 'election'])),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Intersect([ClosedDay, Type.Object({ cancelledBookings: CancelledBookings })]),
            ...problems,
          },
        },
      },
      async (req, reply) => {
        const out = await db.transaction().execute(async (trx) => {
          const day = await declareHoliday({ db: trx, actor: req.actor }, req.body);
          const cancelledBookings = await cancelBookingsOnClosedDays(
            { db: trx },
            { centreId: null, from: day.date, to: day.date, reason: 'holiday', note: day.name },
          );
          return { ...day, cancelledBookings };
        });
        return reply.status(201).send(out);
      },
    );
    app.post(
      '/api/v1/centres/:id/closures',
      {
        config: { permission: 'centres.settings' },
        schema: {
          tags,
          summary: '센터 휴무 / close a centre for a period',
          params: IdParams,
          body: Type.Object(
            { from: Day, to: Day, reason: Type.String({ minLength: 1, maxLength: 500 }) },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              id: Type.String(),
              centreId: Type.String(),
              from: Type.String(),
              to: Type.String(),
              reason: Type.String(),
              cancelledBookings: CancelledBookings,
            }),
            ...problems,
          },
        },
      },
      async (req, reply) => {
        const out = await db.transaction().execute(async (trx) => {
          const closure = await closeCentre(
            { db: trx, actor: req.actor },
            { centreId: req.params.id, ...req.body },
          );
          const cancelledBookings = await cancelBookingsOnClosedDays(
            { db: trx },
            {
              centreId: closure.centreId,
              from: closure.from,
              to: closure.to,
              reason: 'closure',
              note: closure.reason,
            },
          );
          return { ...closure, cancelledBookings };
        });
        return reply.status(201).send(out);
      },
    );
  },
  async onStart({ db }) {
    await syncGazette({ db });
  },
};
