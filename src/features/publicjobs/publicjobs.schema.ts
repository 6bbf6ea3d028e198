import { Type } from 'typebox';
import { DateString, Nullable, Uuid } from '../../platform/http/schemas.ts';
import {
  APPLICANT_FLAGS,
  PLACEMENT_OUTCOMES,
  PROGRAMME_KINDS,
  REPEAT_ACTIONS,
  SELECTION_METHODS,
} from './publicjobs.codes.ts';

// Request and answer shapes of /api/v1/public-jobs* (API.md "Field operations").

const keys = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];

export const Flag = Type.Enum(keys(APPLICANT_FLAGS));
export const Kind = Type.Enum(keys(PROGRAMME_KINDS));
export const Selection = Type.Enum(keys(SELECTION_METHODS));
export const Outcome = Type.Enum(keys(PLACEMENT_OUTCOMES));
const Won = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });

const Repeat = Type.Object(
  {
    lookbackYears: Type.Integer({ minimum: 0, maximum: 10 }),
    action: Type.Enum(keys(REPEAT_ACTIONS)),
    points: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);

export const EligibilityBody = Type.Object(
  {
    minAge: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
    maxAge: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 120 }))),
    incomePctOfMedian: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 500 }))),
    propertyMax: Type.Optional(Nullable(Won)),
    excludeFlags: Type.Optional(Type.Array(Flag, { maxItems: 20 })),
    repeat: Type.Optional(Nullable(Repeat)),
    over65MaxHoursPerWeek: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 52 }))),
  },
  { additionalProperties: false },
);
export const ScoringBody = Type.Array(
  Type.Object(
    { flag: Flag, points: Type.Integer({ minimum: -100, maximum: 100 }) },
    { additionalProperties: false },
  ),
  { maxItems: 20 },
);

export const ProgrammeBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Optional(Kind),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    quota: Type.Integer({ minimum: 1, maximum: 10000 }),
    startsOn: DateString,
    endsOn: DateString,
    hoursPerWeek: Type.Integer({ minimum: 1, maximum: 52 }),
    hourlyWage: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    eligibility: EligibilityBody,
    scoring: Type.Optional(ScoringBody),
    selection: Selection,
    applyFrom: Type.Optional(DateString),
    applyTo: Type.Optional(DateString),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    ruleSource: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    centreId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const RulesBody = Type.Object(
  {
    eligibility: EligibilityBody,
    scoring: Type.Optional(ScoringBody),
    ruleSource: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

const Rules = {
  version: Type.Integer(),
  adoptedAt: Type.String(),
  source: Nullable(Type.String()),
  eligibility: Type.Object({
    minAge: Nullable(Type.Integer()),
    maxAge: Nullable(Type.Integer()),
    incomePctOfMedian: Nullable(Type.Number()),
    propertyMax: Nullable(Type.Number()),
    excludeFlags: Type.Array(Type.String()),
    repeat: Nullable(
      Type.Object({ lookbackYears: Type.Integer(), action: Type.String(), points: Type.Integer() }),
    ),
    over65MaxHoursPerWeek: Nullable(Type.Integer()),
  }),
  scoring: Type.Array(Type.Object({ flag: Type.String(), points: Type.Integer() })),
};

export const Programme = Type.Object({
  id: Uuid,
  centreId: Uuid,
  name: Type.String(),
  kind: Type.String(),
  kindName: Type.String(),
  year: Type.Integer(),
  quota: Type.Integer(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  hoursPerWeek: Type.Integer(),
  hourlyWage: Type.Integer(),
  selection: Type.String(),
  selectionName: Type.String(),
  applyFrom: Type.String(),
  applyTo: Type.String(),
  applicationsOpen: Type.Boolean(),
  applications: Type.Integer(),
  description: Nullable(Type.String()),
  ruleVersion: Type.Integer(),
  ...Rules,
});
export const ProgrammeDetail = Type.Intersect([
  Programme,
  Type.Object({ ruleVersions: Type.Array(Type.Object(Rules)) }),
]);

export const ApplicationBody = Type.Object(
  {
    seekerId: Type.Optional(Uuid),
    householdSize: Type.Integer({ minimum: 1, maximum: 20 }),
    monthlyIncome: Won,
    property: Won,
    flags: Type.Optional(Type.Array(Flag, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export const Application = Type.Object({
  id: Uuid,
  programmeId: Uuid,
  applicationNo: Type.Integer(),
  seekerId: Uuid,
  channel: Type.String(),
  channelName: Type.String(),
  householdSize: Type.Integer(),
  monthlyIncome: Type.Number(),
  property: Type.Number(),
  flags: Type.Array(Type.String()),
  age: Type.Integer(),
  eligible: Type.Boolean(),
  reasons: Type.Array(Type.Object({ code: Type.String(), met: Type.Boolean(), text: Type.String() })),
  score: Type.Integer(),
  repeatParticipation: Type.Boolean(),
  ruleVersion: Type.Integer(),
  createdAt: Type.String(),
});

export const AnnouncementBody = Type.Object(
  {
    seedSource: Type.String({ minLength: 1, maxLength: 500 }),
    seedsAvailableAt: Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 instant' }),
  },
  { additionalProperties: false },
);
export const Announcement = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  candidates: Type.Array(Uuid),
  candidateNos: Type.Array(Type.Integer()),
  candidateScores: Type.Array(Type.Integer()),
  inputSha256: Type.String(),
  seedSource: Type.String(),
  seedsAvailableAt: Type.String(),
  announcedAt: Type.String(),
});

export const DrawBody = Type.Object(
  {
    seedSources: Type.Optional(
      Type.Array(Type.Array(Type.Integer({ minimum: 0, maximum: 999_999_999 }), { maxItems: 50 }), {
        maxItems: 10,
      }),
    ),
  },
  { additionalProperties: false },
);
const Ints = Type.Array(Type.Integer());
export const Draw = Type.Object({
  id: Uuid,
  runNo: Type.Integer(),
  rerun: Type.Boolean(),
  method: Type.String(),
  methodName: Type.String(),
  announcementId: Uuid,
  candidates: Type.Array(Uuid),
  candidateNos: Ints,
  inputSha256: Type.String(),
  seedSource: Type.String(),
  seedSources: Nullable(Type.Array(Ints)),
  keyString: Nullable(Type.String()),
  lotteryOrder: Nullable(Ints),
  order: Type.Array(Uuid),
  orderNos: Ints,
  selected: Type.Array(Uuid),
  selectedNos: Ints,
  waitlist: Type.Array(Uuid),
  waitlistNos: Ints,
  quota: Type.Integer(),
  drawnAt: Type.String(),
  published: Type.Boolean(),
});

export const Results = Type.Object({
  programmeId: Uuid,
  announcement: Nullable(
    Type.Object({
      seq: Type.Integer(),
      candidateNos: Ints,
      candidateScores: Ints,
      inputSha256: Type.String(),
      seedSource: Type.String(),
      seedsAvailableAt: Type.String(),
      announcedAt: Type.String(),
    }),
  ),
  result: Nullable(
    Type.Object({
      runNo: Type.Integer(),
      method: Type.String(),
      methodName: Type.String(),
      seedSources: Nullable(Type.Array(Ints)),
      keyString: Nullable(Type.String()),
      lotteryOrder: Nullable(Ints),
      orderNos: Ints,
      selectedNos: Ints,
      waitlistNos: Ints,
      quota: Type.Integer(),
      drawnAt: Type.String(),
      publishedAt: Type.String(),
    }),
  ),
});

export const PlacementBody = Type.Object(
  {
    applicationId: Uuid,
    worksite: Type.String({ minLength: 1, maxLength: 200 }),
    startsOn: DateString,
  },
  { additionalProperties: false },
);
export const EndPlacementBody = Type.Object(
  {
    endsOn: DateString,
    outcome: Outcome,
    privateEmployer: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    /** The private job's first day (default: the day after the placement ends). */
    privateStartsOn: Type.Optional(Nullable(DateString)),
  },
  { additionalProperties: false },
);
export const Placement = Type.Object({
  id: Uuid,
  programmeId: Uuid,
  applicationId: Uuid,
  seekerId: Uuid,
  worksite: Type.String(),
  startsOn: Type.String(),
  endsOn: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  outcomeName: Nullable(Type.String()),
  privateEmployer: Nullable(Type.String()),
  employmentId: Nullable(Uuid),
  privateEmploymentId: Nullable(Uuid),
  counsellorId: Nullable(Uuid),
  lastCounsellingAt: Nullable(Type.String()),
});
