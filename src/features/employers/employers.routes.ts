import { Type } from 'typebox';
import type { AppContext, Feature } from '../../platform/context.ts';
import { clientIp, IdParams, Page, pageOf, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import './employers.import.ts';
import { issueClaimCode } from './employer-claim.service.ts';
import { signupEmployer } from './employers.portal.ts';
import {
  ClaimCode,
  Employer,
  EmployerCreate,
  EmployerListQuery,
  EmployerPatch,
  EmployerSignup,
} from './employers.schema.ts';
import { createEmployer, getEmployer, listEmployers, updateEmployer } from './employers.service.ts';

const tags = ['employers'];

function registerEmployerRoutes(app: Server, ctx: AppContext) {
  const c = (req: { ip: string }) => ({ dataKey: ctx.dataKey, ip: clientIp(req) });
  app.post(
    '/api/v1/employers',
    {
      config: { permission: 'employers.write' },
      schema: {
        tags,
        summary: '구인기업 등록 / register an employer',
        body: EmployerCreate,
        response: { 201: Employer, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createEmployer(ctx.db, c(req), req.actor!, req.body)),
  );
  app.get(
    '/api/v1/employers',
    {
      config: { permission: 'employers.read' },
      schema: {
        tags,
        summary: '구인기업 목록 / list employers',
        querystring: EmployerListQuery,
        response: { 200: Page(Employer), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listEmployers(ctx.db, req.actor!, {
        q: req.query.q,
        regionCode: req.query.regionCode,
        offset: p.offset,
        limit: p.pageSize,
      });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
  app.get(
    '/api/v1/employers/:id',
    {
      config: { permission: 'employers.read' },
      schema: {
        tags,
        summary: '구인기업 / an employer',
        params: IdParams,
        response: { 200: Employer, ...problems },
      },
    },
    async (req) => getEmployer(ctx.db, c(req), req.actor!, req.params.id),
  );
  app.patch(
    '/api/v1/employers/:id',
    {
      config: { permission: 'employers.write' },
      schema: {
        tags,
        summary: '구인기업 변경 / change an employer',
        params: IdParams,
        body: EmployerPatch,
        response: { 200: Employer, ...problems },
      },
    },
    async (req) => updateEmployer(ctx.db, c(req), req.actor!, req.params.id, req.body),
  );
  app.post(
    '/api/v1/employers/:id/claim-code',
    {
      config: { permission: 'employers.write' },
      schema: {
        tags,
        summary:
          '예비 기업의 포털 가입 코드 발급(한 번만 표시) / issue a prospect’s portal sign-up code (shown once)',
        params: IdParams,
        response: { 201: ClaimCode, ...problems },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(await issueClaimCode(ctx.db, c(req), req.actor!, req.params.id));
    },
  );
  app.post(
    '/api/v1/portal/employers/signup',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '구인기업 회원가입 / employer self-registration',
        body: EmployerSignup,
        response: {
          201: Type.Object({
            employer: Employer,
            user: Type.Object({
              id: Uuid,
              login: Type.String(),
              name: Type.String(),
              role: Type.String(),
              employerId: Type.Union([Uuid, Type.Null()]),
            }),
          }),
          ...problems,
        },
      },
    },
    async (req, reply) => reply.status(201).send(await signupEmployer(ctx.db, c(req), req.body)),
  );
}

/** Employer registry (구인기업) and the employer portal's self-registration. */
export const employersFeature: Feature = {
  name: 'employers',
  routes(app, ctx) {
    registerEmployerRoutes(app, ctx);
  },
};
