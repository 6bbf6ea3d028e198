import { Type } from 'typebox';
import { Uuid } from '../../platform/http/schemas.ts';
import { WEBHOOK_EVENT_WHEN, webhookEventTypes } from './webhooks.catalogue.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const EventTypeSchema = Type.Enum(webhookEventTypes, {
  description: webhookEventTypes.map((t) => `${t}: ${WEBHOOK_EVENT_WHEN[t]}`).join('\n'),
});

export const EndpointCreate = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000 }),
    events: Type.Array(EventTypeSchema, { minItems: 1, maxItems: webhookEventTypes.length }),
    /** The centre whose records' events it receives (default: the partner's, or your own). */
    centreId: Type.Optional(Uuid),
    /** The partner the endpoint belongs to (GET /partners). */
    partnerId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const Endpoint = Type.Object({
  id: Uuid,
  url: Type.String(),
  events: Type.Array(Type.String()),
  centreId: Uuid,
  partnerId: Nullable(Uuid),
  status: Type.Enum(['active', 'disabled']),
  disabledReason: Nullable(Type.String()),
  disabledAt: Nullable(Type.String()),
  /** After a rotation: until when the previous secret still signs beside the new one. */
  previousSecretValidUntil: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const EndpointWithSecret = Type.Object({
  ...Endpoint.properties,
  /** `whsec_…`, shown this once: verify `webhook-signature` with it (Standard Webhooks). */
  secret: Type.String(),
});

/** A change of the endpoint's state (the receiver's 410, an admin enabling it, its partner deleting it). */
export const EndpointChange = Type.Object({
  action: Type.Enum(['disabled', 'enabled']),
  /** disabled: 'gone' (410) or 'deleted'; enabled: why it had been off. */
  reason: Nullable(Type.String()),
  httpStatus: Nullable(Type.Integer()),
  /** Who did it (null: the receiver's answer). */
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  at: Type.String(),
});

export const Delivery = Type.Object({
  id: Uuid,
  /** The `webhook-id` header: the same on every try and replay. */
  webhookId: Type.String(),
  eventId: Uuid,
  type: Type.String(),
  subjectId: Uuid,
  status: Type.Enum(['pending', 'delivered', 'failed', 'skipped']),
  attempts: Type.Integer(),
  lastStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  lastAttemptAt: Nullable(Type.String()),
  lastDurationMs: Nullable(Type.Integer()),
  deliveredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
