import { Type } from 'typebox';
import { DateString, PageQuery, Uuid, Warnings } from '../../platform/http/schemas.ts';

const Str = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const NullableStr = (max: number) => Type.Union([Str(max), Type.Null()]);
const StrList = Type.Array(Str(100), { maxItems: 30 });

export const WageTypeSchema = Type.Enum(['D', 'H', 'M', 'Y']);
export const CareerSchema = Type.Object(
  { type: Type.Enum(['N', 'E', 'Z']), minMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 600 })) },
  { additionalProperties: false },
);
export const PostingStatusSchema = Type.Enum([
  'draft',
  'pending',
  'open',
  'closed',
  'filled',
  'expired',
  'rejected',
  'returned',
]);
/** List filter: the statuses, or `action` (what staff must act on: pending and returned). */
export const PostingStatusFilter = Type.Union([PostingStatusSchema, Type.Literal('action')]);
export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, description: '사유 (shown to the employer)' }) },
  { additionalProperties: false },
);

const postingFields = {
  employerId: Uuid,
  title: Str(200, 1),
  occupationCode: Type.String({
    pattern: '^\\d{1,4}$',
    description: 'KECO 세분류 (4 digits) of occupationEdition',
  }),
  occupationEdition: Type.Optional(
    Type.Enum(['2018', '2025'], { description: 'KECO edition of occupationCode; "2018" when absent' }),
  ),
  duties: Str(10000, 1),
  headcount: Type.Integer({ minimum: 1, maximum: 10000 }),
  employmentType: Str(2, 1),
  wageType: WageTypeSchema,
  wageMin: Type.Integer({ minimum: 0, maximum: 2_000_000_000 }),
  wageMax: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 2_000_000_000 }), Type.Null()])),
  workDays: Type.Optional(NullableStr(100)),
  workHours: Type.Optional(NullableStr(200)),
  regionCode: Type.String({ pattern: '^\\d{2}(\\d{3})?$' }),
  address: Type.Optional(NullableStr(300)),
  educationMin: Type.String({ pattern: '^0[0-7]$' }),
  career: CareerSchema,
  certificates: Type.Optional(StrList),
  preferences: Type.Optional(StrList),
  keywords: Type.Optional(StrList),
  closesAt: DateString,
};

export const PostingCreate = Type.Object(postingFields, { additionalProperties: false });
export const PostingPatch = Type.Partial(Type.Object(postingFields), { additionalProperties: false });

export const Posting = Type.Object({
  id: Uuid,
  employerId: Uuid,
  employerName: Type.String(),
  title: Type.String(),
  occupationCode: Type.String(),
  occupationEdition: Type.Enum(['2018', '2025']),
  occupationName: Type.String(),
  duties: Type.String(),
  headcount: Type.Integer(),
  employmentType: Type.String(),
  wageType: Type.String(),
  wageMin: Type.Integer(),
  wageMax: Type.Union([Type.Integer(), Type.Null()]),
  wageMonthlyMin: Type.Integer(),
  workDays: Type.Union([Type.String(), Type.Null()]),
  workHours: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  regionName: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  educationMin: Type.String(),
  career: Type.Object({ type: Type.String(), minMonths: Type.Integer() }),
  certificates: Type.Array(Type.String()),
  preferences: Type.Array(Type.String()),
  keywords: Type.Array(Type.String()),
  closesAt: Type.String(),
  status: PostingStatusSchema,
  source: Type.String(),
  centreId: Uuid,
  approvedAt: Type.Union([Type.String(), Type.Null()]),
  review: Type.Union([
    Type.Object({
      decision: Type.Enum(['rejected', 'returned']),
      reason: Type.String(),
      at: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ]),
  lastReturnReason: Type.Union([Type.String(), Type.Null()]),
  resubmittedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  warnings: Warnings,
});

export const PostingListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200 })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{2}(\\d{3})?$' })),
  occupation: Type.Optional(Type.String({ pattern: '^\\d{1,4}$' })),
  occupationEdition: Type.Optional(
    Type.Enum(['2018', '2025'], { description: 'KECO edition of occupation; "2018" when absent' }),
  ),
  employmentType: Type.Optional(Type.String({ maxLength: 2 })),
  wageMin: Type.Optional(Type.Integer({ minimum: 0, description: 'monthly won' })),
  educationMax: Type.Optional(Type.String({ pattern: '^0[0-7]$' })),
  status: Type.Optional(PostingStatusFilter),
  employerId: Type.Optional(Uuid),
});

export const StatusBody = Type.Object(
  { status: Type.Enum(['closed', 'filled']), note: Type.Optional(Str(500)) },
  { additionalProperties: false },
);

export const HistoryRow = Type.Object({
  at: Type.String(),
  actorId: Type.Union([Uuid, Type.Null()]),
  action: Type.String(),
  changes: Type.Record(Type.String(), Type.Unknown()),
});
