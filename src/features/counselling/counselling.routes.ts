import { Type } from 'typebox';
import { type AppContext, type Feature, requestContext } from '../../platform/context.ts';
import { clientIp, IdParams, Page, PageQuery, pageOf, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import './counselling.import.ts';
import { getCaseload } from './caseload.service.ts';
import {
  CaseloadItem,
  Counselling,
  CounsellingCreate,
  CounsellingCreated,
  Plan,
  PlanStep,
  PlanUpsert,
  StepCreate,
  StepParams,
  StepPatch,
} from './counselling.schema.ts';
import { createCounselling, listCounselling } from './counselling.service.ts';
import { addStep, getPlan, savePlan, updateStep } from './plan.service.ts';

const tags = ['counselling'];

function registerCounselling(app: Server, ctx: AppContext) {
  app.post(
    '/api/v1/seekers/:id/counselling',
    {
      config: { permission: 'counselling.write' },
      schema: {
        tags,
        summary: '상담 기록 / record counselling',
        params: IdParams,
        body: CounsellingCreate,
        response: { 201: CounsellingCreated, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await createCounselling(requestContext(ctx.db, req), { seekerId: req.params.id, input: req.body }),
        ),
  );
  app.get(
    '/api/v1/seekers/:id/counselling',
    {
      config: { permission: 'counselling.read' },
      schema: {
        tags,
        summary: '상담 이력(최신순) / counselling history, newest first',
        params: IdParams,
        querystring: Type.Object({ ...PageQuery }),
        response: { 200: Page(Counselling), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listCounselling(requestContext(ctx.db, req), {
        seekerId: req.params.id,
        offset: p.offset,
        limit: p.pageSize,
      });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
}

function registerPlan(app: Server, ctx: AppContext) {
  app.get(
    '/api/v1/seekers/:id/plan',
    {
      config: { permission: 'counselling.read' },
      schema: {
        tags,
        summary: '개인별 취업활동계획 / action plan',
        params: IdParams,
        response: { 200: Plan, ...problems },
      },
    },
    async (req) => getPlan(requestContext(ctx.db, req), { seekerId: req.params.id }),
  );
  app.post(
    '/api/v1/seekers/:id/plan',
    {
      config: { permission: 'counselling.write' },
      schema: {
        tags,
        summary: '계획 작성·목표 변경 / create the plan or change its goal',
        params: IdParams,
        body: PlanUpsert,
        response: { 200: Plan, 201: Plan, ...problems },
      },
    },
    async (req, reply) => {
      const r = await savePlan(requestContext(ctx.db, req), { seekerId: req.params.id, goal: req.body.goal });
      return reply.status(r.created ? 201 : 200).send(r.plan);
    },
  );
  app.post(
    '/api/v1/seekers/:id/plan/steps',
    {
      config: { permission: 'counselling.write' },
      schema: {
        tags,
        summary: '계획 단계 추가 / add a plan step',
        params: IdParams,
        body: StepCreate,
        response: { 201: PlanStep, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await addStep(requestContext(ctx.db, req), { seekerId: req.params.id, step: req.body })),
  );
  app.patch(
    '/api/v1/seekers/:id/plan/steps/:stepId',
    {
      config: { permission: 'counselling.write' },
      schema: {
        tags,
        summary: '계획 단계 완료·변경 / complete or change a step',
        params: StepParams,
        body: StepPatch,
        response: { 200: PlanStep, ...problems },
      },
    },
    async (req) =>
      updateStep(requestContext(ctx.db, req), {
        seekerId: req.params.id,
        stepId: req.params.stepId,
        patch: req.body,
      }),
  );
}

function registerCaseload(app: Server, ctx: AppContext) {
  app.get(
    '/api/v1/caseload',
    {
      config: { permission: 'counselling.read' },
      schema: {
        tags,
        summary: '상담사별 담당 구직자(연락 지연 우선) / caseload, overdue contacts first',
        querystring: Type.Object({ ...PageQuery, counsellorId: Type.Optional(Uuid) }),
        response: {
          200: Type.Intersect([
            Page(CaseloadItem),
            Type.Object({ counsellorId: Uuid, overdue: Type.Integer(), today: Type.Integer() }),
          ]),
          ...problems,
        },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await getCaseload(ctx.db, req.actor!, {
        counsellorId: req.query.counsellorId,
        offset: p.offset,
        limit: p.pageSize,
        ip: clientIp(req),
      });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
}

/** Counselling records, individual action plans (IAP) and caseloads (PRODUCT.md 3). */
export const counsellingFeature: Feature = {
  name: 'counselling',
  routes(app, ctx) {
    registerCounselling(app, ctx);
    registerPlan(app, ctx);
    registerCaseload(app, ctx);
  },
};
