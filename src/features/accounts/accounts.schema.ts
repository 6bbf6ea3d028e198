import { Type } from 'typebox';
import { MAX_TOKEN_DAYS } from '../../platform/config.ts';
import { roles } from '../../platform/http/actor.ts';
import { Uuid } from '../../platform/http/schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const RoleSchema = Type.Enum(roles);
export const CentreKind = Type.Enum(['province', 'city', 'centre', 'university', 'agency']);

export const User = Type.Object({
  id: Uuid,
  login: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  centreId: Nullable(Uuid),
  employerId: Nullable(Uuid),
  seekerId: Nullable(Uuid),
  /** a 부서 담당자's department (role department), else null */
  departmentId: Nullable(Uuid),
  disabled: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  /** a staff member's work line (normalised), printed on the 알선장 */
  workPhone: Nullable(Type.String()),
});

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    otp: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

export const UserCreate = Type.Object(
  {
    login: Type.String({ minLength: 3, maxLength: 60, pattern: '^[A-Za-z0-9._@-]+$' }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleSchema,
    centreId: Type.Optional(Nullable(Uuid)),
    employerId: Type.Optional(Nullable(Uuid)),
    seekerId: Type.Optional(Nullable(Uuid)),
    /** role department (부서 담당자): the department whose requests the account answers */
    departmentId: Type.Optional(Nullable(Uuid)),
    workPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  },
  { additionalProperties: false },
);

export const UserPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    centreId: Type.Optional(Uuid),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
    workPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  },
  { additionalProperties: false },
);

export const Centre = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: CentreKind,
  parentId: Nullable(Uuid),
  regionCode: Type.String(),
  totpRequired: Type.Boolean(),
  /** the centre's main number (normalised), printed on the 알선장 */
  phone: Nullable(Type.String()),
});

export const CentreCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: CentreKind,
    parentId: Type.Optional(Nullable(Uuid)),
    regionCode: Type.String({ pattern: '^\\d{2}(\\d{3})?$' }),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  },
  { additionalProperties: false },
);

export const CentrePatch = Type.Object(
  {
    totpRequired: Type.Optional(Type.Boolean()),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const TokenCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS })),
  },
  { additionalProperties: false },
);

/** A token as its owner lists it: never the secret. */
export const TokenInfo = Type.Object({
  id: Uuid,
  name: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
});

export const AuditRow = Type.Object({
  at: Type.String(),
  actorId: Nullable(Uuid),
  actorLogin: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  reason: Nullable(Type.String()),
});
