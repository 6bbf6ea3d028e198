import { Type } from 'typebox';
import type { AppContext, Feature } from '../../platform/context.ts';
import { IdParams, Page, PageQuery, pageOf, problems, Uuid } from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import {
  Centre,
  CentreCreate,
  CentrePatch,
  RoleSchema,
  User,
  UserCreate,
  UserPatch,
} from './accounts.schema.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { registerAuth } from './auth.hook.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { createCentre, getCentre, listCentres, updateCentre } from './centres.service.ts';
import { createUser, ensureFirstAdmin, getUser, listUsers, updateUser } from './users.service.ts';

function registerCentreRoutes(app: Server, ctx: AppContext) {
  const tags = ['centres'];
  app.post(
    '/api/v1/centres',
    {
      config: { permission: 'centres.manage' },
      schema: {
        tags,
        summary: '센터 등록 / create a centre',
        body: CentreCreate,
        response: { 201: Centre, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createCentre(ctx.db, req.body)),
  );
  app.get(
    '/api/v1/centres',
    {
      config: { permission: 'centres.read' },
      schema: {
        tags,
        summary: '센터 목록 / list centres',
        querystring: Type.Object({ ...PageQuery, parentId: Type.Optional(Uuid) }),
        response: { 200: Page(Centre), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listCentres(ctx.db, {
        offset: p.offset,
        limit: p.pageSize,
        parentId: req.query.parentId,
      });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
  app.get(
    '/api/v1/centres/:id',
    {
      config: { permission: 'centres.read' },
      schema: { tags, summary: '센터 / a centre', params: IdParams, response: { 200: Centre, ...problems } },
    },
    async (req) => getCentre(ctx.db, req.params.id),
  );
  app.patch(
    '/api/v1/centres/:id',
    {
      config: { permission: 'centres.settings' },
      schema: {
        tags,
        summary: '센터 설정 / centre settings',
        description:
          'totpRequired: 시스템 관리자만 / admins only. phone: 대표 전화번호, 알선장에 인쇄 / the main number printed on referral letters (admins and the managers of the centre).',
        params: IdParams,
        body: CentrePatch,
        response: { 200: Centre, ...problems },
      },
    },
    async (req) => updateCentre(ctx.db, req.actor!, req.params.id, req.body),
  );
}

function registerUserRoutes(app: Server, ctx: AppContext) {
  const tags = ['users'];
  app.post(
    '/api/v1/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: '사용자 등록 / create a user',
        body: UserCreate,
        response: { 201: User, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(ctx.db, req.actor!, req.body)),
  );
  app.get(
    '/api/v1/users',
    {
      config: { permission: 'users.read' },
      schema: {
        tags,
        summary: '사용자 목록 / list users',
        querystring: Type.Object({ ...PageQuery, role: Type.Optional(RoleSchema) }),
        response: { 200: Page(User), ...problems },
      },
    },
    async (req) => {
      const p = pageOf(req.query);
      const r = await listUsers(ctx.db, req.actor!, {
        offset: p.offset,
        limit: p.pageSize,
        role: req.query.role,
      });
      return { ...r, page: p.page, pageSize: p.pageSize };
    },
  );
  app.get(
    '/api/v1/users/:id',
    {
      config: { permission: 'users.read' },
      schema: { tags, summary: '사용자 / a user', params: IdParams, response: { 200: User, ...problems } },
    },
    async (req) => getUser(ctx.db, req.actor!, req.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: '사용자 변경 / change a user',
        params: IdParams,
        body: UserPatch,
        response: { 200: User, ...problems },
      },
    },
    async (req) => updateUser(ctx.db, req.actor!, req.params.id, req.body),
  );
}

/** Identity and access: centres, users, sessions, tokens, the access log. */
export const accountsFeature: Feature = {
  name: 'accounts',
  routes(app, ctx) {
    registerAuth(app, ctx);
    registerAuthRoutes(app, ctx);
    registerCentreRoutes(app, ctx);
    registerUserRoutes(app, ctx);
    registerAuditRoutes(app, ctx);
  },
  async onStart(ctx) {
    if (ctx.config.admin) await ensureFirstAdmin(ctx.db, ctx.dataKey, ctx.config.admin);
  },
};
