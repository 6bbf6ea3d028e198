import { Type } from 'typebox';
import { DateString, Uuid, Warnings } from '../../platform/http/schemas.ts';

export const CHANNELS = ['visit', 'phone', 'online', 'mobile_desk', 'group'] as const;
export const TYPES = ['intake', 'guidance', 'referral', 'follow_up', 'intensive'] as const;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** ISO 8601 date-time; without an offset it is read as Korean time (Asia/Seoul). */
const DateTime = Type.String({ minLength: 1, maxLength: 40, description: 'ISO 8601 date-time' });

export const CounsellingCreate = Type.Object(
  {
    at: DateTime,
    channel: Type.Enum([...CHANNELS]),
    type: Type.Enum([...TYPES]),
    notes: Type.String({ minLength: 1, maxLength: 10000 }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    nextContactAt: Type.Optional(Nullable(DateTime)),
    deskSessionId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

const Warning = Type.Object({ field: Type.String(), message: Type.String() });

export const Counselling = Type.Object({
  id: Uuid,
  seekerId: Uuid,
  centreId: Uuid,
  at: Type.String(),
  channel: Type.String(),
  type: Type.String(),
  title: Nullable(Type.String()),
  notes: Type.String(),
  nextContactAt: Nullable(Type.String()),
  counsellorId: Nullable(Uuid),
  deskSessionId: Nullable(Uuid),
  counsellorName: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const CounsellingCreated = Type.Intersect([
  Counselling,
  Type.Object({ warnings: Type.Array(Warning) }),
]);

export const PlanUpsert = Type.Object(
  { goal: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const StepCreate = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    dueDate: Type.Optional(Nullable(DateString)),
  },
  { additionalProperties: false },
);

export const StepPatch = Type.Object(
  {
    done: Type.Optional(Type.Boolean()),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    dueDate: Type.Optional(Nullable(DateString)),
  },
  { additionalProperties: false },
);

export const PlanStep = Type.Object({
  id: Uuid,
  title: Type.String(),
  dueDate: Nullable(Type.String()),
  done: Type.Boolean(),
  doneAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  warnings: Warnings,
});

export const Plan = Type.Object({
  id: Uuid,
  seekerId: Uuid,
  goal: Type.String(),
  createdBy: Nullable(Uuid),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  steps: Type.Array(PlanStep),
  warnings: Warnings,
});

export const CaseloadItem = Type.Object({
  seekerId: Uuid,
  name: Type.String(),
  registrationNo: Type.String(),
  status: Type.String(),
  care: Type.String(),
  lastContactAt: Nullable(Type.String()),
  nextContactAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  today: Type.Boolean(),
});

export const StepParams = Type.Object({ id: Uuid, stepId: Uuid });
