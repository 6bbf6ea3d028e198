import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import { IdParams, Page, PageQuery, problems, Uuid } from '../../platform/http/schemas.ts';
import { registerWebhookPages } from './webhooks.pages.tsx';
import { createOwnEndpoint, deleteOwnEndpoint, listOwnEndpoints } from './webhooks.partner.service.ts';
import { Delivery, Endpoint, EndpointChange, EndpointCreate, EndpointWithSecret } from './webhooks.schema.ts';
import {
  configureWebhookSending,
  createEndpoint,
  enableEndpoint,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  rotateSecret,
} from './webhooks.service.ts';

const tags = ['webhooks'];

/** Outgoing webhooks (issue 21): endpoints, their delivery log and replay; sending via the outbox. */
export const webhooksFeature: Feature = {
  name: 'webhooks',
  routes(app, ctx) {
    const { db, dataKey, config } = ctx;
    const s = { dataKey, allowPrivate: config.webhookAllowPrivate };
    app.post(
      '/api/v1/webhooks',
      {
        config: { permission: 'webhooks.manage' },
        schema: {
          tags,
          summary:
            '웹훅 엔드포인트 등록 (비밀키는 한 번만 표시) / create an endpoint (its secret is shown once)',
          body: EndpointCreate,
          response: { 201: EndpointWithSecret, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createEndpoint(requestContext(db, req), req.body, s)),
    );
    app.get(
      '/api/v1/webhooks',
      {
        config: { permission: 'webhooks.manage' },
        schema: {
          tags,
          summary: '웹훅 엔드포인트 목록 / list endpoints',
          querystring: Type.Object(PageQuery),
          response: { 200: Page(Endpoint), ...problems },
        },
      },
      async (req) => listEndpoints(requestContext(db, req), req.query),
    );
    app.get(
      '/api/v1/webhooks/:id/deliveries',
      {
        config: { permission: 'webhooks.manage' },
        schema: {
          tags,
          summary: '전송 기록 / the delivery log of an endpoint',
          params: IdParams,
          querystring: Type.Object({
            ...PageQuery,
            status: Type.Optional(Type.Enum(['pending', 'delivered', 'failed', 'skipped'])),
          }),
          response: {
            200: Type.Object({
              ...Page(Delivery).properties,
              endpoint: Endpoint,
              changes: Type.Array(EndpointChange),
            }),
            ...problems,
          },
        },
      },
      async (req) => listDeliveries(requestContext(db, req), { id: req.params.id, ...req.query }),
    );
    app.post(
      '/api/v1/webhooks/:id/deliveries/:deliveryId/replay',
      {
        config: { permission: 'webhooks.manage' },
        schema: {
          tags,
          summary: '재전송 / replay a delivery (same webhook-id)',
          params: Type.Object({ id: Uuid, deliveryId: Uuid }),
          response: { 202: Delivery, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(202).send(
          await replayDelivery(requestContext(db, req), {
            id: req.params.id,
            deliveryId: req.params.deliveryId,
          }),
        ),
    );
    app.post(
      '/api/v1/webhooks/:id/rotate-secret',
      {
        config: { permission: 'webhooks.manage' },
        schema: {
          tags,
          summary:
            '비밀키 교체 (이전 키는 유예 기간 동안 함께 서명) / rotate the secret; the old one signs during the grace period',
          params: IdParams,
          body: Type.Optional(
            Type.Object(
              { graceHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 720 })) },
              { additionalProperties: false },
            ),
          ),
          response: { 200: EndpointWithSecret, ...problems },
        },
      },
      async (req) =>
        rotateSecret(
          requestContext(db, req),
          { id: req.params.id, graceHours: (req.body as { graceHours?: number } | undefined)?.graceHours },
          s,
        ),
    );
    app.post(
      '/api/v1/webhooks/:id/enable',
      {
        config: { permission: 'webhooks.manage' },
        schema: {
          tags,
          summary: '엔드포인트 다시 사용 / enable a disabled endpoint',
          params: IdParams,
          response: { 200: Endpoint, ...problems },
        },
      },
      async (req) => enableEndpoint(requestContext(db, req), { id: req.params.id }),
    );
    // A partner key's own endpoints (scope webhooks:manage).
    app.post(
      '/api/v1/partner/webhooks',
      {
        config: { permission: 'webhooks.own' },
        schema: {
          tags,
          summary:
            '협력 기관 자기 웹훅 엔드포인트 등록 (비밀키는 한 번만 표시) / a partner adds its own endpoint (secret shown once)',
          body: Type.Object(
            { url: EndpointCreate.properties.url, events: EndpointCreate.properties.events },
            { additionalProperties: false },
          ),
          response: { 201: EndpointWithSecret, ...problems },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createOwnEndpoint(requestContext(db, req), req.body, s)),
    );
    app.get(
      '/api/v1/partner/webhooks',
      {
        config: { permission: 'webhooks.own' },
        schema: {
          tags,
          summary: '협력 기관 자기 웹훅 엔드포인트 목록 / a partner lists its own endpoints',
          querystring: Type.Object(PageQuery),
          response: { 200: Page(Endpoint), ...problems },
        },
      },
      async (req) => listOwnEndpoints(requestContext(db, req), req.query),
    );
    app.delete(
      '/api/v1/partner/webhooks/:id',
      {
        config: { permission: 'webhooks.own' },
        schema: {
          tags,
          summary:
            '협력 기관 자기 웹훅 엔드포인트 삭제 (더 보내지 않음) / a partner deletes its own endpoint (nothing more is sent)',
          params: IdParams,
          response: { 204: Type.Null(), ...problems },
        },
      },
      async (req, reply) => {
        await deleteOwnEndpoint(requestContext(db, req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    registerWebhookPages(app, ctx);
  },
  async onStart({ dataKey, config }) {
    configureWebhookSending({ dataKey, allowPrivate: config.webhookAllowPrivate });
  },
};
