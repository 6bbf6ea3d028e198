import { Type } from 'typebox';
import { type AppContext, type Feature, requestContext } from '../../platform/context.ts';
import { clientIp, IdParams, Page, PageQuery, pageOf, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { careQueue, getCareRule, setCareRule } from './care.service.ts';
import './seekers.import.ts';
import { createConsent, listConsents, withdrawConsent } from './consents.service.ts';
import { publicCentres, registerSelf } from './portal.service.ts';
import { getOwnProfile, updateOwnProfile, updateSeeker } from './profile.service.ts';
import { createSeeker } from './register.service.ts';
import { presentWarnings } from './seekers.presenter.ts';
import {
  Consent,
  ConsentCreate,
  PortalRegister,
  Seeker,
  SeekerCreate,
  SeekerListQuery,
  SeekerPatch,
  SelfPatch,
  StatusBody,
  StatusHistoryItem,
} from './seekers.schema.ts';
import { backfillPhoneTails, getSeeker, listSeekers } from './seekers.service.ts';
import { changeStatus, statusHistory } from './status.service.ts';

const tags = ['seekers'];

function registerSeekerRoutes(app: Server, ctx: AppContext) {
  const { db, dataKey: key } = ctx;
  app.post(
    '/api/v1/seekers',
    {
      config: { permission: 'seekers.write' },
      schema: {
        tags,
        summary: '구직등록 / register a job seeker',
        body: SeekerCreate,
        response: { 201: Seeker, ...problems },
      },
    },
    async (req, reply) => {
      const r = await createSeeker(db, key, req.actor!, req.body, { ip: clientIp(req) });
      return reply.status(201).send({ ...r.seeker, warnings: presentWarnings(req.lang, r.warnings) });
    },
  );
  app.get(
    '/api/v1/seekers',
    {
      config: { permission: 'seekers.read' },
      schema: {
        tags,
        summary: '구직자 목록·검색 / list and search',
        querystring: SeekerListQuery,
        response: { 200: Page(Seeker), ...problems },
      },
    },
    async (req) => listSeekers(requestContext(db, req), { query: req.query, dataKey: key }),
  );
  app.get(
    '/api/v1/seekers/:id',
    {
      config: { permission: 'seekers.read' },
      schema: {
        tags,
        summary: '구직자 / a job seeker',
        params: IdParams,
        response: { 200: Seeker, ...problems },
      },
    },
    async (req) => getSeeker(requestContext(db, req), { id: req.params.id, dataKey: key }),
  );
  app.patch(
    '/api/v1/seekers/:id',
    {
      config: { permission: 'seekers.write' },
      schema: {
        tags,
        summary: '구직자 정보 변경 / change',
        params: IdParams,
        body: SeekerPatch,
        response: { 200: Seeker, ...problems },
      },
    },
    async (req) => {
      const r = await updateSeeker(requestContext(db, req), {
        id: req.params.id,
        patch: req.body,
        dataKey: key,
      });
      return { ...r.seeker, warnings: presentWarnings(req.lang, r.warnings) };
    },
  );
  app.post(
    '/api/v1/seekers/:id/status',
    {
      config: { permission: 'seekers.write' },
      schema: {
        tags,
        summary: '상태 변경 / change status',
        params: IdParams,
        body: StatusBody,
        response: { 200: Seeker, ...problems },
      },
    },
    async (req) =>
      changeStatus(requestContext(db, req), { seekerId: req.params.id, ...req.body, dataKey: key }),
  );
  app.get(
    '/api/v1/seekers/:id/status-history',
    {
      config: { permission: 'seekers.write' },
      schema: {
        tags,
        summary: '상태 이력 / status history',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(StatusHistoryItem) }), ...problems },
      },
    },
    async (req) => ({ items: await statusHistory(requestContext(db, req), { seekerId: req.params.id }) }),
  );
}

function registerConsentRoutes(app: Server, ctx: AppContext) {
  const { db } = ctx;
  const ConsentParams = Type.Object({ id: Uuid, consentId: Uuid });
  app.get(
    '/api/v1/seekers/:id/consents',
    {
      config: { permission: 'seekers.write' },
      schema: {
        tags,
        summary: '동의 기록 / consents',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Consent) }), ...problems },
      },
    },
    async (req) => ({ items: await listConsents(requestContext(db, req), { seekerId: req.params.id }) }),
  );
  app.post(
    '/api/v1/seekers/:id/consents',
    {
      config: { permission: 'seekers.write' },
      schema: {
        tags,
        summary: '동의 기록 / record a consent',
        params: IdParams,
        body: ConsentCreate,
        response: { 201: Consent, ...problems },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createConsent(requestContext(db, req), { seekerId: req.params.id, input: req.body })),
  );
  app.post(
    '/api/v1/seekers/:id/consents/:consentId/withdraw',
    {
      config: { permission: 'seekers.write' },
      schema: {
        tags,
        summary: '동의 철회 / withdraw a consent',
        params: ConsentParams,
        response: { 200: Consent, ...problems },
      },
    },
    async (req) =>
      withdrawConsent(requestContext(db, req), { seekerId: req.params.id, consentId: req.params.consentId }),
  );
}

function registerSelfRoutes(app: Server, ctx: AppContext) {
  const { db, dataKey: key } = ctx;
  app.get(
    '/api/v1/me',
    {
      config: { permission: 'seekers.self' },
      schema: { tags, summary: '내 정보 / my profile', response: { 200: Seeker, ...problems } },
    },
    async (req) => getOwnProfile(requestContext(db, req), { dataKey: key }),
  );
  app.patch(
    '/api/v1/me',
    {
      config: { permission: 'seekers.self' },
      schema: {
        tags,
        summary: '내 정보 변경 / change my profile',
        body: SelfPatch,
        response: { 200: Seeker, ...problems },
      },
    },
    async (req) => {
      const r = await updateOwnProfile(requestContext(db, req), { patch: req.body, dataKey: key });
      return { ...r.seeker, warnings: presentWarnings(req.lang, r.warnings) };
    },
  );
  app.get(
    '/api/v1/portal/centres',
    {
      config: { public: true },
      schema: {
        tags: ['portal'],
        summary: '센터 선택 목록 / centres to choose',
        querystring: Type.Object(PageQuery),
        response: {
          200: Page(
            Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), regionCode: Type.String() }),
          ),
          ...problems,
        },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      return {
        ...(await publicCentres(db, { offset: p.offset, limit: p.pageSize })),
        page: p.page,
        pageSize: p.pageSize,
      };
    },
  );
  app.post(
    '/api/v1/portal/register',
    {
      config: { public: true },
      schema: {
        tags: ['portal'],
        summary: '온라인 구직등록 / self-registration',
        body: PortalRegister,
        response: {
          201: Type.Object({
            seekerId: Uuid,
            registrationNo: Type.String(),
            userId: Uuid,
            warnings: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
          }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const r = await registerSelf(db, key, req.body, clientIp(req));
      return reply.status(201).send({
        seekerId: r.seeker.id,
        registrationNo: r.seeker.registrationNo,
        userId: r.userId,
        warnings: presentWarnings(req.lang, r.warnings),
      });
    },
  );
}

function registerCareRoutes(app: Server, ctx: AppContext) {
  const { db } = ctx;
  const Rule = Type.Object({
    centreId: Uuid,
    minReferrals: Type.Integer(),
    inheritedFrom: Type.Optional(Type.Union([Uuid, Type.Null()])),
  });
  app.get(
    '/api/v1/care/queue',
    {
      config: { permission: 'seekers.write' },
      schema: {
        tags: ['care'],
        summary: '토털케어 대기열 / intensive-care queue',
        querystring: Type.Object(PageQuery),
        response: {
          200: Page(
            Type.Object({
              seekerId: Uuid,
              registrationNo: Type.String(),
              name: Type.String(),
              centreId: Uuid,
              status: Type.String(),
              careSince: Type.Union([Type.String(), Type.Null()]),
              counsellorId: Type.Union([Uuid, Type.Null()]),
              referralCount: Type.Integer(),
              lastCounsellingAt: Type.Union([Type.String(), Type.Null()]),
              nextContactAt: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          ...problems,
        },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await careQueue(db, req.actor!, { offset: p.offset, limit: p.pageSize }, clientIp(req));
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
  app.get(
    '/api/v1/centres/:id/care-rule',
    {
      config: { permission: 'seekers.write' },
      schema: {
        tags: ['care'],
        summary: '토털케어 기준 / care rule',
        params: IdParams,
        response: { 200: Rule, ...problems },
      },
    },
    async (req) => getCareRule(db, req.actor!, req.params.id),
  );
  app.put(
    '/api/v1/centres/:id/care-rule',
    {
      config: { permission: 'centres.settings' },
      schema: {
        tags: ['care'],
        summary: '토털케어 기준 설정 / set the care rule',
        params: IdParams,
        body: Type.Object({ minReferrals: Type.Integer() }, { additionalProperties: false }),
        response: { 200: Rule, ...problems },
      },
    },
    async (req) => setCareRule(db, req.actor!, req.params.id, req.body.minReferrals),
  );
}

/** Job seekers: registration, search, consents, status, total care, the seeker's own page. */
export const seekersFeature: Feature = {
  name: 'seekers',
  routes(app, ctx) {
    registerSeekerRoutes(app, ctx);
    registerConsentRoutes(app, ctx);
    registerSelfRoutes(app, ctx);
    registerCareRoutes(app, ctx);
  },
  async onStart(ctx) {
    await backfillPhoneTails(ctx.db, ctx.dataKey);
  },
};
