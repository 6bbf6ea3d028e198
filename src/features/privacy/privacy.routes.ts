import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import { IdParams, Page, pageOf, problems } from '../../platform/http/schemas.ts';
import {
  PrivacyComplete,
  PrivacyListQuery,
  PrivacyRequest,
  PrivacyRequestCreate,
  SelfPrivacyRequest,
} from './privacy.schema.ts';
import { completeRequest, fileOwnRequest, fileRequest, listRequests } from './privacy.service.ts';

const tags = ['privacy'];

/** Data-subject requests (SECURITY.md 13): access, correction, deletion, suspension in 10 days. */
export const privacyFeature: Feature = {
  name: 'privacy',
  routes(app, ctx) {
    const { db, dataKey: key } = ctx;
    app.post(
      '/api/v1/privacy/requests',
      {
        config: { permission: 'privacy.manage' },
        schema: {
          tags,
          summary: '정보주체 요청 접수 / file a request',
          body: PrivacyRequestCreate,
          response: { 201: PrivacyRequest, ...problems },
        },
      },
      async (req, reply) => reply.status(201).send(await fileRequest(requestContext(db, req), req.body)),
    );
    app.get(
      '/api/v1/privacy/requests',
      {
        config: { permission: 'privacy.manage' },
        schema: {
          tags,
          summary: '정보주체 요청 목록 / list requests',
          querystring: PrivacyListQuery,
          response: { 200: Page(PrivacyRequest), ...problems },
        },
      },
      async (req) => {
        const p = pageOf(req.query);
        const r = await listRequests(requestContext(db, req), {
          ...req.query,
          offset: p.offset,
          limit: p.pageSize,
        });
        return { ...r, page: p.page, pageSize: p.pageSize };
      },
    );
    app.post(
      '/api/v1/privacy/requests/:id/complete',
      {
        config: { permission: 'privacy.manage' },
        schema: {
          tags,
          summary: '요청 처리 완료 / complete a request',
          params: IdParams,
          body: PrivacyComplete,
          response: {
            200: Type.Object({ request: PrivacyRequest, export: Type.Optional(Type.Unknown()) }),
            ...problems,
          },
        },
      },
      async (req) =>
        completeRequest(requestContext(db, req), { id: req.params.id, body: req.body, dataKey: key }),
    );
    app.post(
      '/api/v1/me/privacy-requests',
      {
        config: { permission: 'seekers.self' },
        schema: {
          tags,
          summary: '내 정보 요청 / my request',
          body: SelfPrivacyRequest,
          response: { 201: PrivacyRequest, ...problems },
        },
      },
      async (req, reply) => reply.status(201).send(await fileOwnRequest(requestContext(db, req), req.body)),
    );
  },
};
