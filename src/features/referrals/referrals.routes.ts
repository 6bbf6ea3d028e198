import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import {
  clientIp,
  DateString,
  IdParams,
  listPage,
  Page,
  PageQuery,
  problems,
  Uuid,
  Warnings,
} from '../../platform/http/schemas.ts';
import { completeFollowup, listFollowups } from '../employments/followups.service.ts';
import { registerEmployerLinkPages } from './employer-link.pages.tsx';
import { createEmployerLink } from './employer-link.service.ts';
import { changeStatus } from './referral-status.service.ts';
import { createReferral, getReferral, listReferrals } from './referrals.service.ts';

const Status = Type.Enum(['referred', 'screening', 'interview', 'hired', 'rejected', 'no_show', 'withdrawn']);
const Note = Type.Optional(Type.String({ maxLength: 2000 }));

const Referral = Type.Object({
  id: Uuid,
  seekerId: Uuid,
  postingId: Uuid,
  centreId: Uuid,
  status: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  interviewAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  interviewPlace: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  createdBy: Type.Optional(Type.Union([Uuid, Type.Null()])),
});
const ReferralDetail = Type.Intersect([
  Referral,
  Type.Object({
    events: Type.Array(
      Type.Object({
        status: Type.String(),
        at: Type.String(),
        actorId: Type.Union([Uuid, Type.Null()]),
        actorKind: Type.String(),
        note: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    warnings: Warnings,
  }),
]);
const Followup = Type.Object({
  id: Uuid,
  employmentId: Uuid,
  seekerId: Uuid,
  centreId: Uuid,
  months: Type.Integer(),
  dueDate: Type.String(),
  doneAt: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  leftOn: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  employerName: Type.Optional(Type.String()),
  startDate: Type.Optional(Type.String()),
  overdue: Type.Optional(Type.Boolean()),
  warnings: Warnings,
});

/** Referrals (알선): pipeline, employer links (/r/{token}) and retention follow-ups. */
export const referralsFeature: Feature = {
  name: 'referrals',
  routes(app, ctx) {
    const tags = ['referrals'];
    app.post(
      '/api/v1/referrals',
      {
        config: { permission: 'referrals.write' },
        schema: {
          tags,
          summary: '알선 등록 / refer a seeker to a posting',
          body: Type.Object({ seekerId: Uuid, postingId: Uuid, note: Note }, { additionalProperties: false }),
          response: { 201: ReferralDetail, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createReferral(requestContext(ctx.db, req), req.body)),
    );
    app.get(
      '/api/v1/referrals',
      {
        config: { permission: 'referrals.read' },
        schema: {
          tags,
          summary: '알선 목록 / list referrals',
          querystring: Type.Object({
            ...PageQuery,
            seekerId: Type.Optional(Uuid),
            postingId: Type.Optional(Uuid),
            status: Type.Optional(Status),
            counsellorId: Type.Optional(Uuid),
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
          }),
          response: { 200: Page(Referral), ...problems },
        },
      },
      async (req) =>
        listPage(req.query, ({ counsellorId, ...q }) =>
          listReferrals(requestContext(ctx.db, req), { ...q, createdBy: counsellorId }),
        ),
    );
    app.get(
      '/api/v1/referrals/:id',
      {
        config: { permission: 'referrals.read' },
        schema: {
          tags,
          summary: '알선 / a referral with its history',
          params: IdParams,
          response: { 200: ReferralDetail, ...problems },
        },
      },
      async (req) => getReferral(ctx.db, req.actor!, req.params.id, clientIp(req)),
    );
    app.post(
      '/api/v1/referrals/:id/status',
      {
        config: { permission: 'referrals.write' },
        schema: {
          tags,
          summary: '알선 상태 변경 / move a referral',
          params: IdParams,
          body: Type.Object(
            {
              status: Type.Enum(['screening', 'interview', 'hired', 'rejected', 'no_show', 'withdrawn']),
              at: Type.Optional(Type.String({ format: 'date-time' })),
              note: Note,
              interviewAt: Type.Optional(
                Type.String({
                  minLength: 10,
                  maxLength: 40,
                  description: 'with interview; Korean time without an offset',
                }),
              ),
              place: Type.Optional(Type.String({ maxLength: 200, description: 'with interview' })),
              startDate: Type.Optional(DateString),
              employmentType: Type.Optional(Type.String({ minLength: 1, maxLength: 4 })),
              wageType: Type.Optional(Type.Enum(['D', 'H', 'M', 'Y'])),
              wage: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ReferralDetail, ...problems },
        },
      },
      async (req) =>
        changeStatus(ctx.db, { kind: 'user', actor: req.actor!, ip: clientIp(req) }, req.params.id, req.body),
    );
    app.post(
      '/api/v1/referrals/:id/employer-link',
      {
        config: { permission: 'referrals.write' },
        schema: {
          tags,
          summary: '기업 회신 링크 / one-time link for the employer',
          params: IdParams,
          response: { 201: Type.Object({ url: Type.String(), expiresAt: Type.String() }), ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(
          await createEmployerLink(ctx.db, ctx.dataKey, req.actor!, req.params.id, {
            baseUrl: ctx.config.publicUrl,
            ip: clientIp(req),
          }),
        ),
    );
    app.get(
      '/api/v1/followups',
      {
        config: { permission: 'employments.read' },
        schema: {
          tags: ['employments'],
          summary: '사후관리 일정 / retention follow-ups',
          querystring: Type.Object({
            ...PageQuery,
            due: Type.Optional(Type.Enum(['overdue', 'today', 'upcoming'])),
            state: Type.Optional(Type.Enum(['open', 'due', 'overdue', 'done'])),
            counsellorId: Type.Optional(Uuid),
          }),
          response: { 200: Page(Followup), ...problems },
        },
      },
      async (req) => listPage(req.query, (q) => listFollowups(ctx.db, req.actor!, q)),
    );
    app.post(
      '/api/v1/followups/:id',
      {
        config: { permission: 'employments.write' },
        schema: {
          tags: ['employments'],
          summary: '사후관리 결과 / record a follow-up',
          params: IdParams,
          body: Type.Object(
            {
              result: Type.Enum(['employed', 'left', 'unknown']),
              note: Note,
              leftOn: Type.Optional(Type.String({ maxLength: 10 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Followup, ...problems },
        },
      },
      async (req) => completeFollowup(ctx.db, req.actor!, req.params.id, req.body, clientIp(req)),
    );
    registerEmployerLinkPages(app, ctx);
  },
};
