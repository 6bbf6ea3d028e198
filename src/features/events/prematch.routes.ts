import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { Nullable, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { EventParams, routeContexts, tags } from './events.schemas.ts';
import { eventMatches, inviteSeeker, listInvitations, MAX_MATCHES } from './prematch.service.ts';

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
}
