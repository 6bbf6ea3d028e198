import { Type } from 'typebox';
import type { Feature } from '../../platform/context.ts';
import { requestContext } from '../../platform/context.ts';
import { registerBearerScheme } from '../../platform/http/bearer.ts';
import { IdParams, Page, PageQuery, problems, Uuid } from '../../platform/http/schemas.ts';
import { KEY_PREFIX } from './partners.keys.ts';
import { registerPartnerPages } from './partners.pages.tsx';
import { Partner, PartnerCreate, PartnerCreated, Provision } from './partners.schema.ts';
import {
  createPartner,
  listPartners,
  listProvisions,
  resolvePartnerKey,
  revokePartner,
} from './partners.service.ts';

const tags = ['partners'];

/** Partner API keys (issue 21): admins issue and revoke them; the ledger of what partners read. */
export const partnersFeature: Feature = {
  name: 'partners',
  routes(app, ctx) {
    const { db } = ctx;
    registerBearerScheme(app, { prefix: KEY_PREFIX, resolve: (key) => resolvePartnerKey(db, key) });
    app.post(
      '/api/v1/partners',
      {
        config: { permission: 'partners.manage' },
        schema: {
          tags,
          summary: '협력 기관 API 키 발급 / create a partner and its key (shown once)',
          body: PartnerCreate,
          response: { 201: PartnerCreated, ...problems },
        },
      },
      async (req, reply) => reply.status(201).send(await createPartner(requestContext(db, req), req.body)),
    );
    app.get(
      '/api/v1/partners',
      {
        config: { permission: 'partners.manage' },
        schema: {
          tags,
          summary: '협력 기관 목록 / list partners and their keys',
          querystring: Type.Object(PageQuery),
          response: { 200: Page(Partner), ...problems },
        },
      },
      async (req) => listPartners(requestContext(db, req), req.query),
    );
    app.post(
      '/api/v1/partners/:id/revoke',
      {
        config: { permission: 'partners.manage' },
        schema: {
          tags,
          summary: '협력 기관 키 폐기 (즉시) / revoke a partner and its keys at once',
          params: IdParams,
          response: { 200: Partner, ...problems },
        },
      },
      async (req) => revokePartner(requestContext(db, req), { id: req.params.id }),
    );
    app.get(
      '/api/v1/partners/provisions',
      {
        config: { permission: 'partners.ledger' },
        schema: {
          tags,
          summary: '제3자 제공 기록 / the provision ledger',
          querystring: Type.Object({
            ...PageQuery,
            partnerId: Type.Optional(Uuid),
            seekerId: Type.Optional(Uuid),
          }),
          response: { 200: Page(Provision), ...problems },
        },
      },
      async (req) => listProvisions(requestContext(db, req), req.query),
    );
    registerPartnerPages(app, ctx);
  },
};
