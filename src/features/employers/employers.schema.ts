import { Type } from 'typebox';
import { PageQuery, Uuid, Warnings } from '../../platform/http/schemas.ts';

const Str = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const Contact = Type.Object(
  {
    name: Str(100, 1),
    phone: Type.Optional(Str(30)),
    email: Type.Optional(Str(200)),
  },
  { additionalProperties: false },
);

/** Fields a client may send; centreId, createdBy and the like are set by the service. */
const employerFields = {
  name: Str(200, 1),
  bizRegNo: Type.String({ maxLength: 20, description: '사업자등록번호, 10 digits, hyphens allowed' }),
  ksic: Type.Optional(Nullable(Str(5))),
  size: Type.Optional(Nullable(Str(50))),
  regionCode: Str(5, 2),
  address: Type.Optional(Nullable(Str(300))),
  contacts: Type.Optional(Type.Array(Contact, { maxItems: 10 })),
  counsellorId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  notes: Type.Optional(Nullable(Str(4000))),
  /** Registered by outreach before the company registered itself (API.md: outreach visits). */
  prospect: Type.Optional(Type.Boolean()),
};

export const EmployerCreate = Type.Object(employerFields, { additionalProperties: false });
export const EmployerPatch = Type.Partial(Type.Object(employerFields), { additionalProperties: false });

export const EmployerSignup = Type.Object(
  {
    ...employerFields,
    login: Type.String({ minLength: 3, maxLength: 60, pattern: '^[A-Za-z0-9._@-]+$' }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    userName: Type.Optional(Str(100, 1)),
    /** The 가입 코드 a centre gave a company its outreach registered as a prospect. */
    claimCode: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

export const ClaimCode = Type.Object({
  claimCode: Type.String({ description: '한 번만 보여 주는 가입 코드 / shown once, e.g. K7QF-2M9P' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const Employer = Type.Object({
  id: Uuid,
  name: Type.String(),
  bizRegNo: Type.String(),
  ksic: Type.Union([Type.String(), Type.Null()]),
  size: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  centreId: Uuid,
  counsellorId: Type.Union([Uuid, Type.Null()]),
  prospect: Type.Boolean(),
  /** Only for staff of the owning centre subtree and the employer's own users. */
  contacts: Type.Optional(
    Type.Array(Type.Object({ name: Type.String(), phone: Type.String(), email: Type.String() })),
  ),
  notes: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  warnings: Warnings,
});

export const EmployerListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  regionCode: Type.Optional(Type.String({ maxLength: 5 })),
});
