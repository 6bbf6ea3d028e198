import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requestContext } from '../../platform/context.ts';
import { IdParams, Page, PageQuery, pageOf, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { createDepartment, listDepartments } from './departments.service.ts';
import { REQUEST_CATEGORIES, REQUEST_STATUSES } from './outreach.codes.ts';
import { addRequestEvent, createRequest, getRequest, listRequests } from './requests.service.ts';

const tags = ['outreach'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Str = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Category = Type.Enum(Object.keys(REQUEST_CATEGORIES) as (keyof typeof REQUEST_CATEGORIES)[]);
const Status = Type.Enum(Object.keys(REQUEST_STATUSES) as (keyof typeof REQUEST_STATUSES)[]);

const Department = Type.Object({
  id: Uuid,
  centreId: Uuid,
  name: Type.String(),
  phone: Nullable(Type.String()),
});
const Request = Type.Object({
  id: Uuid,
  centreId: Uuid,
  employerId: Uuid,
  employerName: Nullable(Type.String()),
  visitId: Nullable(Uuid),
  category: Type.String(),
  categoryName: Type.String(),
  description: Type.String(),
  departmentId: Uuid,
  departmentName: Nullable(Type.String()),
  departmentPhone: Nullable(Type.String()),
  status: Type.String(),
  statusName: Type.String(),
  receivedAt: Type.String(),
  dueAt: Type.String({
    description: "the category's limit counted in working days or office hours, holidays left out",
  }),
  overdue: Type.Boolean(),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  onTime: Nullable(Type.Boolean()),
  closedAt: Nullable(Type.String()),
});
const RequestDetail = Type.Intersect([
  Request,
  Type.Object({
    events: Type.Array(
      Type.Object({
        id: Uuid,
        at: Type.String(),
        status: Type.String(),
        statusName: Type.String(),
        departmentId: Nullable(Uuid),
        note: Nullable(Type.String()),
      }),
    ),
  }),
]);

/** Departments and one-stop admin support requests (API.md "Field operations"). */
export function registerRequestRoutes(app: Server, ctx: AppContext) {
  const rc = (req: Parameters<typeof requestContext>[1]) => requestContext(ctx.db, req);
  app.post(
    '/api/v1/departments',
    {
      config: { permission: 'departments.manage' },
      schema: {
        tags,
        summary: '부서 등록 / add a department of the city or district',
        body: Type.Object(
          { name: Str(100, 1), phone: Type.Optional(Nullable(Str(30))), centreId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 201: Department, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createDepartment(rc(req), req.body)),
  );
  app.get(
    '/api/v1/departments',
    {
      config: { permission: 'outreach.read' },
      schema: {
        tags,
        summary: '부서 목록 / departments',
        response: { 200: Type.Object({ items: Type.Array(Department), total: Type.Integer() }), ...problems },
      },
    },
    async (req) => {
      const items = await listDepartments(rc(req));
      return { items, total: items.length };
    },
  );
  app.post(
    '/api/v1/outreach/requests',
    {
      config: { permission: 'outreach.write' },
      schema: {
        tags,
        summary: '원스톱 행정지원 요청 / route a company request to a department',
        body: Type.Object(
          {
            employerId: Uuid,
            visitId: Type.Optional(Nullable(Uuid)),
            category: Category,
            description: Str(4000),
            departmentId: Uuid,
            centreId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: Request, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createRequest(rc(req), req.body)),
  );
  app.get(
    '/api/v1/outreach/requests',
    {
      config: { permission: 'outreach.requests' },
      schema: {
        tags,
        summary:
          '행정지원 요청 목록 / admin support requests (a company: its own; a department: those routed to it)',
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(Status),
          overdue: Type.Optional(Type.Boolean()),
          departmentId: Type.Optional(Uuid),
          employerId: Type.Optional(Uuid),
        }),
        response: { 200: Page(Request), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listRequests(rc(req), { ...req.query, offset: p.offset, limit: p.pageSize });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
  app.get(
    '/api/v1/outreach/requests/:id',
    {
      config: { permission: 'outreach.requests' },
      schema: {
        tags,
        summary: '행정지원 요청 / a request with its history',
        params: IdParams,
        response: { 200: RequestDetail, ...problems },
      },
    },
    async (req) => getRequest(rc(req), req.params),
  );
  app.post(
    '/api/v1/outreach/requests/:id/events',
    {
      config: { permission: 'requests.handle' },
      schema: {
        tags,
        summary: '처리 경과 입력 / move a request on (routed, in_progress, answered, closed)',
        description:
          'Staff of the centre move any request on; a 부서 담당자 (role department) only takes up and answers requests routed to its own department.',
        params: IdParams,
        body: Type.Object(
          { status: Status, note: Str(4000), departmentId: Type.Optional(Nullable(Uuid)) },
          { additionalProperties: false },
        ),
        response: { 200: RequestDetail, ...problems },
      },
    },
    async (req) => addRequestEvent(rc(req), { id: req.params.id, ...req.body }),
  );
}
