import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { Nullable, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { EventParams, routeContexts, tags } from './events.schemas.ts';
import { eventMatches, inviteSeeker, listInvitations, MAX_MATCHES } from './prematch.service.ts';
import { answerInvitation, interviewPlan, myInvitation } from './seeker-plan.service.ts';

const Reason = Type.Object({ factor: Type.String(), points: Type.Integer(), detail: Type.String() });
const Invitation = Type.Object({
  id: Uuid,
  eventId: Uuid,
  seekerId: Uuid,
  postingId: Nullable(Uuid),
  employerId: Nullable(Uuid),
  score: Nullable(Type.Integer()),
  notificationId: Nullable(Uuid),
  createdAt: Type.String(),
  response: Nullable(Type.String()),
});

/** Pre-event matching: candidates per participating posting, and invitations sent through notifications. */
export function registerPrematchRoutes(app: Server, ctx: AppContext) {
  const { rc } = routeContexts(ctx);
  app.get(
    '/api/v1/events/:id/matches',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '사전 매칭 / candidates for each participating posting, with reasons',
        params: EventParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_MATCHES, default: 10 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                postingId: Uuid,
                employerId: Uuid,
                employerName: Nullable(Type.String()),
                title: Nullable(Type.String()),
                open: Type.Boolean(),
                candidates: Type.Array(
                  Type.Object({
                    seekerId: Uuid,
                    score: Type.Integer(),
                    reasons: Type.Array(Reason),
                    invited: Type.Boolean(),
                  }),
                ),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => eventMatches(rc(req), { eventId: req.params.id, limit: req.query.limit }),
  );
  app.post(
    '/api/v1/events/:id/invitations',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '사전 매칭 초대 / invite a matched seeker (sends the invitation)',
        params: EventParams,
        body: Type.Object(
          { seekerId: Uuid, postingId: Uuid, score: Type.Optional(Type.Integer()) },
          { additionalProperties: false },
        ),
        response: { 201: Invitation, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await inviteSeeker(rc(req), {
          eventId: req.params.id,
          ...req.body,
          baseUrl: ctx.config.publicUrl,
        }),
      ),
  );
  app.get(
    '/api/v1/events/:id/invitations',
    {
      config: { permission: 'events.manage' },
      schema: {
        tags,
        summary: '초대 목록 / invitations sent for an event',
        params: EventParams,
        response: { 200: Type.Object({ items: Type.Array(Invitation) }), ...problems },
      },
    },
    async (req) => ({ items: await listInvitations(rc(req), { eventId: req.params.id }) }),
  );
  const MyInvitation = Type.Object({
    id: Uuid,
    eventId: Uuid,
    employerId: Nullable(Uuid),
    employerName: Nullable(Type.String()),
    booth: Nullable(Type.String()),
    postingId: Nullable(Uuid),
    postingTitle: Nullable(Type.String()),
    response: Nullable(Type.String()),
    responseName: Nullable(Type.String()),
    respondedAt: Nullable(Type.String()),
    registered: Nullable(Type.String()),
  });
  app.get(
    '/api/v1/events/:id/invitation',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '내가 받은 초대 / the signed-in seeker’s invitation to an event',
        params: EventParams,
        response: { 200: MyInvitation, ...problems },
      },
    },
    async (req) => myInvitation(rc(req), { eventId: req.params.id }),
  );
  app.post(
    '/api/v1/events/:id/invitation/answer',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '초대 수락·거절 / accept (registers) or decline the invitation',
        params: EventParams,
        body: Type.Object(
          { response: Type.Enum(['accepted', 'declined'] as const) },
          { additionalProperties: false },
        ),
        response: { 200: MyInvitation, ...problems },
      },
    },
    async (req) => answerInvitation(rc(req), { eventId: req.params.id, response: req.body.response }),
  );
  const Timed = { startsAt: Type.String(), endsAt: Type.String() };
  app.get(
    '/api/v1/events/:id/plan',
    {
      config: { permission: 'events.take_part' },
      schema: {
        tags,
        summary: '면접 일정 / a seeker’s interview plan (own; staff: ?seekerId=)',
        params: EventParams,
        querystring: Type.Object({ seekerId: Type.Optional(Uuid) }),
        response: {
          200: Type.Object({
            eventId: Uuid,
            eventTitle: Type.String(),
            venue: Nullable(Type.String()),
            startsAt: Type.String(),
            seekerId: Uuid,
            interviews: Type.Array(
              Type.Object({
                bookingId: Uuid,
                slotId: Uuid,
                employerId: Uuid,
                employerName: Type.String(),
                booth: Nullable(Type.String()),
                postings: Type.Array(Type.String()),
                ...Timed,
                meetingUrl: Nullable(Type.String()),
                result: Nullable(Type.String()),
                resultName: Nullable(Type.String()),
              }),
            ),
            proposals: Type.Array(
              Type.Object({ slotId: Uuid, employerId: Uuid, employerName: Type.String(), ...Timed }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => interviewPlan(rc(req), { eventId: req.params.id, seekerId: req.query.seekerId }),
  );
}
