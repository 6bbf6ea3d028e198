import { Type } from 'typebox';
import './employments.import.ts';
import { type Feature, requestContext } from '../../platform/context.ts';
import {
  DateString,
  Page,
  PageQuery,
  pageOf,
  problems,
  Uuid,
  Warnings,
} from '../../platform/http/schemas.ts';
import { createEmployment, listEmployments } from './employments.service.ts';
import { noticeDueFollowups } from './followup-reminders.ts';
import { registerFollowupPages } from './followups.pages.tsx';

const Route = Type.Enum(['referral', 'self', 'event', 'public_job']);
const WageType = Type.Enum(['D', 'H', 'M', 'Y']);

/** POST /employments body. */
export const EmploymentCreate = Type.Object(
  {
    seekerId: Uuid,
    employerId: Type.Optional(Uuid),
    employerName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    postingId: Type.Optional(Uuid),
    referralId: Type.Optional(Uuid),
    startDate: DateString,
    route: Route,
    employmentType: Type.Optional(Type.String({ minLength: 1, maxLength: 4 })),
    wageType: Type.Optional(WageType),
    wage: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  },
  { additionalProperties: false },
);

export const Employment = Type.Object({
  id: Uuid,
  seekerId: Uuid,
  centreId: Uuid,
  employerId: Type.Union([Uuid, Type.Null()]),
  employerName: Type.String(),
  postingId: Type.Union([Uuid, Type.Null()]),
  referralId: Type.Union([Uuid, Type.Null()]),
  startDate: Type.String(),
  route: Type.String(),
  employmentType: Type.Union([Type.String(), Type.Null()]),
  wageType: Type.Union([Type.String(), Type.Null()]),
  wage: Type.Union([Type.Integer(), Type.Null()]),
  /** Set on a repeat recorded before repeats were refused: the id of the record kept. */
  duplicateOf: Type.Union([Uuid, Type.Null()]),
  createdAt: Type.String(),
  warnings: Warnings,
});

/** Employments (취업): manual records by route, and the list. */
export const employmentsFeature: Feature = {
  name: 'employments',
  jobs: (ctx) => [
    {
      name: 'followups-due',
      cron: '0 9 * * *',
      handler: async () => {
        await noticeDueFollowups(ctx.db);
      },
    },
  ],
  routes(app, ctx) {
    registerFollowupPages(app, ctx);
    const tags = ['employments'];
    app.post(
      '/api/v1/employments',
      {
        config: { permission: 'employments.write' },
        schema: {
          tags,
          summary: '취업 등록 / record an employment',
          body: EmploymentCreate,
          response: { 201: Employment, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createEmployment(requestContext(ctx.db, req), req.body)),
    );
    app.get(
      '/api/v1/employments',
      {
        config: { permission: 'employments.read' },
        schema: {
          tags,
          summary: '취업 목록 / list employments',
          querystring: Type.Object({ ...PageQuery, seekerId: Type.Optional(Uuid) }),
          response: { 200: Page(Employment), ...problems },
        },
      },
      async (req) => {
        const p = pageOf(req.query);
        const r = await listEmployments(requestContext(ctx.db, req), {
          seekerId: req.query.seekerId,
          offset: p.offset,
          limit: p.pageSize,
        });
        return { ...r, page: p.page, pageSize: p.pageSize };
      },
    );
  },
};
