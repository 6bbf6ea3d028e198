import { type Static, Type } from 'typebox';
import { Uuid, Warnings } from '../../platform/http/schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const PrivacyKindSchema = Type.Enum(['access', 'correction', 'deletion', 'suspension']);
export const PrivacyStatusSchema = Type.Enum(['open', 'done', 'rejected']);

export const PrivacyRequestCreate = Type.Object(
  {
    seekerId: Uuid,
    kind: PrivacyKindSchema,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    receivedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type PrivacyRequestCreate = Static<typeof PrivacyRequestCreate>;

export const SelfPrivacyRequest = Type.Object(
  { kind: PrivacyKindSchema, note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const PrivacyComplete = Type.Object(
  {
    /** 'rejected' closes the request without acting (the note says why). */
    outcome: Type.Optional(Type.Enum(['done', 'rejected'])),
    /** Required for an access request: the export is a download of personal data. */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type PrivacyComplete = Static<typeof PrivacyComplete>;

export const PrivacyRequest = Type.Object({
  id: Uuid,
  centreId: Uuid,
  seekerId: Type.Union([Uuid, Type.Null()]),
  seekerRef: Type.String(),
  kind: PrivacyKindSchema,
  status: PrivacyStatusSchema,
  channel: Type.String(),
  receivedAt: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  completedAt: Nullable(Type.String()),
  handledBy: Type.Union([Uuid, Type.Null()]),
  note: Nullable(Type.String()),
  result: Nullable(Type.String()),
  warnings: Warnings,
});

export const PrivacyListQuery = Type.Object({
  status: Type.Optional(PrivacyStatusSchema),
  overdue: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type PrivacyListQuery = Static<typeof PrivacyListQuery>;
