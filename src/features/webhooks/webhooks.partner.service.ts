import type { RequestContext } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf } from '../../platform/http/schemas.ts';
import type { WebhookEventType } from './webhooks.catalogue.ts';
import * as repo from './webhooks.repository.ts';
import { createEndpoint, presentEndpoint } from './webhooks.service.ts';

// A partner key with the scope webhooks:manage manages its own partner's endpoints
// (/api/v1/partner/webhooks): the endpoint belongs to the partner and its centre (the events of
// that centre's subtree), never to another partner's; the URL rules (https, no private
// addresses after DNS) are the admins'.

function partnerOf(ctx: RequestContext): string {
  const p = ctx.actor.partner?.partnerId;
  if (!p) throw new DomainError('forbidden', 'error.forbidden');
  return p;
}

export async function createOwnEndpoint(
  ctx: RequestContext,
  o: { url: string; events: WebhookEventType[] },
  s: { dataKey: Buffer; allowPrivate: boolean },
) {
  return createEndpoint(ctx, { url: o.url, events: o.events, partnerId: partnerOf(ctx) }, s);
}

export async function listOwnEndpoints(ctx: RequestContext, q: { page?: number; pageSize?: number }) {
  const { page, pageSize, offset } = pageOf(q);
  const { rows, total } = await repo.endpointPage(ctx.db, ctx.actor.centreScope, {
    offset,
    limit: pageSize,
    partnerId: partnerOf(ctx),
  });
  return { items: rows.map(presentEndpoint), total, page, pageSize };
}

/** 404 for an endpoint that is not the partner's own (or already deleted). */
export async function deleteOwnEndpoint(ctx: RequestContext, id: string) {
  const done = await ctx.db
    .transaction()
    .execute((tx) => repo.markDeleted(tx, id, partnerOf(ctx), ctx.actor.userId));
  if (!done) throw new DomainError('not_found', 'webhook.notFound');
}
