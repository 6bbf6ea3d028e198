import { Type } from 'typebox';
import { partnerScopes } from '../../platform/http/actor.ts';
import { Uuid } from '../../platform/http/schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const PartnerScopeSchema = Type.Enum([...partnerScopes]);

export const PartnerCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    /** The centre whose network the partner acts in (its account's centre). */
    centreId: Uuid,
    scopes: Type.Array(PartnerScopeSchema, { minItems: 1, maxItems: partnerScopes.length }),
    /** Why the partner receives personal data (제3자 제공 목적), written into the ledger. */
    purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    ratePerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  },
  { additionalProperties: false },
);

const PartnerKey = Type.Object({
  id: Uuid,
  /** The public part of the key (`ilp_live_<short>`), to recognise it in logs. */
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});

export const Partner = Type.Object({
  id: Uuid,
  name: Type.String(),
  purpose: Type.String(),
  centreId: Uuid,
  scopes: Type.Array(PartnerScopeSchema),
  ratePerMinute: Type.Integer(),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
  keys: Type.Array(PartnerKey),
});

export const PartnerCreated = Type.Object({
  ...Partner.properties,
  /** The key, shown this once: send it as `Authorization: Bearer <key>`. */
  key: Type.String(),
});

export const Provision = Type.Object({
  id: Uuid,
  partnerId: Uuid,
  recipient: Type.String(),
  purpose: Type.String(),
  items: Type.Array(Type.String()),
  seekerId: Uuid,
  centreId: Uuid,
  action: Type.Enum(['view', 'list']),
  at: Type.String(),
});
