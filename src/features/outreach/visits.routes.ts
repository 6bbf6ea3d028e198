import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { requestContext } from '../../platform/context.ts';
import {
  DateString,
  IdParams,
  Page,
  PageQuery,
  pageOf,
  problems,
  Uuid,
} from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { createAgreement, getAgreement, listAgreements } from './agreements.service.ts';
import { DIFFICULTY_CATEGORIES, VISIT_STATUSES } from './outreach.codes.ts';
import { cancelVisit, getVisit, listVisits, planVisit, reportVisit } from './visits.service.ts';

const tags = ['outreach'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 instant' });
const Str = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const VisitStatus = Type.Enum(Object.keys(VISIT_STATUSES) as (keyof typeof VISIT_STATUSES)[]);
const Category = Type.Enum(Object.keys(DIFFICULTY_CATEGORIES) as (keyof typeof DIFFICULTY_CATEGORIES)[]);
const WageType = Type.Enum(['D', 'H', 'M', 'Y']);

/** A company not yet registered, registered with the visit as a prospect (the employers API's fields). */
const NewCompany = Type.Object(
  {
    name: Str(200, 1),
    bizRegNo: Type.String({ maxLength: 20, description: '사업자등록번호, 10 digits, hyphens allowed' }),
    ksic: Type.Optional(Nullable(Str(5))),
    size: Type.Optional(Nullable(Str(50))),
    regionCode: Str(5, 2),
    address: Type.Optional(Nullable(Str(300))),
    contacts: Type.Optional(
      Type.Array(
        Type.Object(
          { name: Str(100, 1), phone: Type.Optional(Str(30)), email: Type.Optional(Str(200)) },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
  },
  { additionalProperties: false },
);
const Survey = Type.Object(
  {
    employees: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
    workEnvironment: Type.Optional(Nullable(Str(2000))),
    workIntensity: Type.Optional(Nullable(Str(2000))),
    hiringPlan: Type.Optional(Nullable(Str(2000))),
    notes: Type.Optional(Nullable(Str(4000))),
  },
  { additionalProperties: false },
);
const Visit = Type.Object({
  id: Uuid,
  centreId: Uuid,
  employerId: Uuid,
  employerName: Nullable(Type.String()),
  plannedAt: Type.String(),
  teamUserIds: Type.Array(Uuid),
  purpose: Nullable(Type.String()),
  status: Type.String(),
  statusName: Type.String(),
  heldAt: Nullable(Type.String()),
  survey: Nullable(Type.Object({}, { additionalProperties: true })),
  cancelReason: Nullable(Type.String()),
});
const VisitListItem = Type.Intersect([
  Visit,
  Type.Object({ jobsHeadcount: Type.Integer(), difficultyCount: Type.Integer() }),
]);
const VisitDetail = Type.Intersect([
  Visit,
  Type.Object({
    team: Type.Array(Type.Object({ id: Uuid, name: Nullable(Type.String()) })),
    difficulties: Type.Array(
      Type.Object({
        id: Uuid,
        category: Type.String(),
        categoryName: Type.String(),
        description: Type.String(),
      }),
    ),
    jobsDiscovered: Type.Array(
      Type.Object({
        id: Uuid,
        title: Type.String(),
        occupationCode: Type.String(),
        headcount: Type.Integer(),
        employmentType: Nullable(Type.String()),
        wageType: Nullable(Type.String()),
        wageMin: Nullable(Type.Integer()),
        postingId: Uuid,
      }),
    ),
  }),
]);
const Agreement = Type.Object({
  id: Uuid,
  centreId: Uuid,
  employerId: Uuid,
  employerName: Nullable(Type.String()),
  signedOn: Type.String(),
  validFrom: Type.String(),
  validTo: Type.String(),
  pledged: Type.Integer(),
  filled: Type.Integer({
    description: 'hires of residents at the employer in the validity period (derived)',
  }),
  occupations: Type.Array(Type.String()),
  residentRegion: Type.String(),
  note: Nullable(Type.String()),
});

/** Outreach visits and hiring agreements (API.md "Field operations"). */
export function registerVisitRoutes(app: Server, ctx: AppContext) {
  const rc = (req: Parameters<typeof requestContext>[1]) => requestContext(ctx.db, req);
  app.post(
    '/api/v1/outreach/visits',
    {
      config: { permission: 'outreach.write' },
      schema: {
        tags,
        summary: '기업 방문 계획 / plan a company visit (a new company is registered as a prospect)',
        body: Type.Object(
          {
            employerId: Type.Optional(Uuid),
            employer: Type.Optional(NewCompany),
            plannedAt: Instant,
            teamUserIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
            purpose: Type.Optional(Nullable(Str(500))),
            centreId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: Visit, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await planVisit({ ...rc(req), dataKey: ctx.dataKey }, req.body)),
  );
  app.get(
    '/api/v1/outreach/visits',
    {
      config: { permission: 'outreach.read' },
      schema: {
        tags,
        summary: '기업 방문 목록 / visits',
        querystring: Type.Object({
          ...PageQuery,
          from: Type.Optional(DateString),
          to: Type.Optional(DateString),
          employerId: Type.Optional(Uuid),
          status: Type.Optional(VisitStatus),
        }),
        response: { 200: Page(VisitListItem), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listVisits(rc(req), { ...req.query, offset: p.offset, limit: p.pageSize });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
  app.get(
    '/api/v1/outreach/visits/:id',
    {
      config: { permission: 'outreach.read' },
      schema: {
        tags,
        summary: '기업 방문 / a visit',
        params: IdParams,
        response: { 200: VisitDetail, ...problems },
      },
    },
    async (req) => getVisit(rc(req), req.params),
  );
  app.post(
    '/api/v1/outreach/visits/:id/report',
    {
      config: { permission: 'outreach.write' },
      schema: {
        tags,
        summary: '방문 결과 입력 / log a visit (survey, difficulties, jobs discovered → posting drafts)',
        params: IdParams,
        body: Type.Object(
          {
            heldAt: Instant,
            survey: Type.Optional(Nullable(Survey)),
            difficulties: Type.Optional(
              Type.Array(
                Type.Object({ category: Category, description: Str(2000) }, { additionalProperties: false }),
                { maxItems: 20 },
              ),
            ),
            jobsDiscovered: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    title: Str(200),
                    occupationCode: Str(10, 1),
                    headcount: Type.Integer({ minimum: 1, maximum: 10000 }),
                    employmentType: Type.Optional(Nullable(Str(10))),
                    wageType: Type.Optional(Nullable(WageType)),
                    wageMin: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000 }))),
                  },
                  { additionalProperties: false },
                ),
                { maxItems: 20 },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: VisitDetail, ...problems },
      },
    },
    async (req) => reportVisit({ ...rc(req), dataKey: ctx.dataKey }, { id: req.params.id, ...req.body }),
  );
  app.post(
    '/api/v1/outreach/visits/:id/cancel',
    {
      config: { permission: 'outreach.write' },
      schema: {
        tags,
        summary: '방문 취소 / cancel a planned visit',
        params: IdParams,
        body: Type.Object({ reason: Type.Optional(Nullable(Str(500))) }, { additionalProperties: false }),
        response: { 200: Visit, ...problems },
      },
    },
    async (req) => cancelVisit(rc(req), { id: req.params.id, reason: req.body?.reason }),
  );
  app.post(
    '/api/v1/outreach/agreements',
    {
      config: { permission: 'outreach.write' },
      schema: {
        tags,
        summary: '구민 우선채용 협약 등록 / record a hiring agreement',
        body: Type.Object(
          {
            employerId: Uuid,
            signedOn: DateString,
            validFrom: DateString,
            validTo: DateString,
            pledged: Type.Integer({ minimum: 1, maximum: 100000 }),
            occupations: Type.Optional(Type.Array(Str(10, 1), { maxItems: 50 })),
            note: Type.Optional(Nullable(Str(2000))),
            centreId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: Agreement, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createAgreement(rc(req), req.body)),
  );
  app.get(
    '/api/v1/outreach/agreements',
    {
      config: { permission: 'outreach.read' },
      schema: {
        tags,
        summary: '우선채용 협약 목록 / hiring agreements, pledged vs filled',
        querystring: Type.Object({
          ...PageQuery,
          employerId: Type.Optional(Uuid),
          validOn: Type.Optional(DateString),
        }),
        response: { 200: Page(Agreement), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listAgreements(rc(req), { ...req.query, offset: p.offset, limit: p.pageSize });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
  app.get(
    '/api/v1/outreach/agreements/:id',
    {
      config: { permission: 'outreach.read' },
      schema: {
        tags,
        summary: '우선채용 협약 / a hiring agreement',
        params: IdParams,
        response: { 200: Agreement, ...problems },
      },
    },
    async (req) => getAgreement(rc(req), req.params),
  );
}
