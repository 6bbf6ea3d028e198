import { Type } from 'typebox';
import { type AppContext, requestContext } from '../../platform/context.ts';
import {
  clientIp,
  DateString,
  IdParams,
  Nullable,
  Page,
  PageQuery,
  pageOf,
  problems,
  Uuid,
} from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { INSTITUTION_KINDS, REQUEST_STATUSES } from './programmes.codes.ts';
import { Instant, Kind, keys, Programme } from './programmes.schemas.ts';
import {
  acceptRequest,
  copyRequest,
  declineRequest,
  getRequest,
  listRequests,
  submitRequest,
} from './requests.service.ts';

const tags = ['programmes'];
const InstitutionKind = Type.Enum(keys(INSTITUTION_KINDS));
const Status = Type.Enum(keys(REQUEST_STATUSES));
const Dates = Type.Array(DateString, { minItems: 1, maxItems: 10 });

export const RequestBody = Type.Object(
  {
    centreId: Uuid,
    institutionName: Type.String({ minLength: 1, maxLength: 200 }),
    institutionKind: InstitutionKind,
    contactName: Type.String({ minLength: 1, maxLength: 100 }),
    contactPhone: Type.String({ minLength: 1, maxLength: 30 }),
    contactEmail: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    topic: Type.String({ minLength: 1, maxLength: 300 }),
    preferredDates: Dates,
    headcount: Type.Integer({ minimum: 1, maximum: 5000 }),
    message: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
const Request = Type.Object({
  id: Uuid,
  referenceNo: Type.String(),
  centreId: Uuid,
  institutionName: Type.String(),
  institutionKind: Type.String(),
  institutionKindName: Type.String(),
  contactName: Type.String(),
  contactPhone: Nullable(Type.String()),
  contactEmail: Nullable(Type.String()),
  topic: Type.String(),
  preferredDates: Type.Array(Type.String()),
  headcount: Type.Integer(),
  message: Nullable(Type.String()),
  status: Type.String(),
  statusName: Type.String(),
  declineReason: Nullable(Type.String()),
  copiedFrom: Nullable(Uuid),
  programmeId: Nullable(Uuid),
  createdAt: Type.String(),
});
const Receipt = Type.Object({
  id: Uuid,
  referenceNo: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
});

/** Institution requests (기관 요청): the public form's API and the staff's decisions. */
export function registerInstitutionRequestRoutes(app: Server, ctx: AppContext) {
  const rc = (req: Parameters<typeof requestContext>[1]) => ({
    ...requestContext(ctx.db, req),
    dataKey: ctx.dataKey,
  });
  app.post(
    '/api/v1/institution-requests',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '기관 프로그램 요청(로그인 없이) / an institution asks for a programme (public)',
        body: RequestBody,
        response: { 201: Receipt, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await submitRequest(
          {
            db: ctx.db,
            lang: req.lang,
            ip: clientIp(req),
            dataKey: ctx.dataKey,
            actorId: req.actor?.userId ?? null,
          },
          req.body,
        ),
      ),
  );
  app.get(
    '/api/v1/institution-requests',
    {
      config: { permission: 'programmes.manage' },
      schema: {
        tags,
        summary: '기관 요청 목록 / requests of my centres',
        querystring: Type.Object({ status: Type.Optional(Status), ...PageQuery }),
        response: { 200: Page(Request), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const out = await listRequests(rc(req), {
        status: req.query.status,
        offset: p.offset,
        limit: p.pageSize,
      });
      return { ...out, page: p.page, pageSize: p.pageSize };
    },
  );
  app.get(
    '/api/v1/institution-requests/:id',
    {
      config: { permission: 'programmes.manage' },
      schema: {
        tags,
        summary: '기관 요청 / a request',
        params: IdParams,
        response: { 200: Request, ...problems },
      },
    },
    async (req) => getRequest(rc(req), req.params),
  );
  app.post(
    '/api/v1/institution-requests/:id/accept',
    {
      config: { permission: 'programmes.manage' },
      schema: {
        tags,
        summary: '기관 요청 수락 → 프로그램 개설 / accept: creates the programme',
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            kind: Type.Optional(Kind),
            format: Type.Enum(['offline', 'online']),
            venue: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
            onlineUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
            externalParticipants: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 5000 }))),
            sessions: Type.Array(
              Type.Object({ startsAt: Instant, endsAt: Instant }, { additionalProperties: false }),
              {
                minItems: 1,
                maxItems: 200,
              },
            ),
            completionMinAttendancePct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
            description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
            published: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ requestId: Uuid, referenceNo: Type.String(), programme: Programme }),
          ...problems,
        },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await acceptRequest(rc(req), { id: req.params.id, ...req.body })),
  );
  app.post(
    '/api/v1/institution-requests/:id/decline',
    {
      config: { permission: 'programmes.manage' },
      schema: {
        tags,
        summary: '기관 요청 반려 / decline with a reason',
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Uuid, status: Type.String() }), ...problems },
      },
    },
    async (req) => declineRequest(rc(req), { id: req.params.id, reason: req.body.reason }),
  );
  app.post(
    '/api/v1/institution-requests/:id/copy',
    {
      config: { permission: 'programmes.manage' },
      schema: {
        tags,
        summary: '매년 반복 요청 복사 / copy a yearly request (dates a year later unless given)',
        params: IdParams,
        body: Type.Object(
          {
            preferredDates: Type.Optional(Dates),
            headcount: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Request, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await copyRequest(rc(req), { id: req.params.id, ...req.body })),
  );
}
