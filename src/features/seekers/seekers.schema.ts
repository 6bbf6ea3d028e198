import { type Static, Type } from 'typebox';
import { DateString, Nullable, Uuid } from '../../platform/http/schemas.ts';

// Ranges, dates and codes are checked by the service (seekers.validate.ts) rather than here, so
// one answer names every wrong field at once; the schema only fixes the shape and the types.
const Str = (max: number) => Type.String({ maxLength: max });
const StrList = (max: number) => Type.Array(Str(max), { maxItems: 50 });

export const StatusSchema = Type.Enum(['active', 'employed', 'on_hold', 'closed']);
export const CareSchema = Type.Enum(['general', 'intensive']);

const Edition = (what: string) =>
  Type.Enum(['2018', '2025'], { description: `KECO edition of ${what}; "2018" when absent` });

export const Career = Type.Object(
  {
    company: Str(200),
    occupation: Type.Optional(Str(200)),
    /** When `occupation` is a KECO code: the edition it is read in. */
    occupationEdition: Type.Optional(Edition('a coded occupation')),
    months: Type.Integer(),
  },
  { additionalProperties: false },
);

export const ConsentFlags = Type.Object(
  { shareWithNetwork: Type.Optional(Type.Boolean()), sensitive: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

const desiredProps = {
  occupations: Type.Array(Str(10), { minItems: 1, maxItems: 20 }),
  occupationEdition: Type.Optional(
    Type.Enum(['2018', '2025'], { description: 'KECO edition of occupations; "2018" when absent' }),
  ),
  regions: Type.Optional(Type.Array(Str(10), { maxItems: 20 })),
  employmentTypes: Type.Optional(Type.Array(Str(4), { maxItems: 10 })),
  wageType: Type.Optional(Nullable(Str(1))),
  wageMin: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  workDays: Type.Optional(Nullable(Str(4))),
  workHours: Type.Optional(Nullable(Str(100))),
  availableFrom: Type.Optional(Nullable(Str(10))),
};
export const Desired = Type.Object(desiredProps, { additionalProperties: false });
export const DesiredPatch = Type.Object(
  { ...desiredProps, occupations: Type.Optional(desiredProps.occupations) },
  { additionalProperties: false },
);

const profileProps = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  birthDate: Str(10),
  phone: Str(30),
  email: Type.Optional(Nullable(Str(200))),
  regionCode: Str(10),
  address: Type.Optional(Nullable(Str(300))),
  educationLevel: Str(2),
  targetGroups: Type.Optional(Type.Array(Str(40), { maxItems: 20 })),
  desired: Desired,
  careers: Type.Optional(Type.Array(Career, { maxItems: 50 })),
  certificates: Type.Optional(StrList(100)),
  keywords: Type.Optional(StrList(100)),
  consent: Type.Optional(ConsentFlags),
};

export const SeekerCreate = Type.Object(
  {
    ...profileProps,
    registeredAt: Type.Optional(Str(10)),
    externalId: Type.Optional(Nullable(Str(100))),
    /** Registered at a mobile-desk session (찾아가는 취업상담실): channel mobile_desk. */
    deskSessionId: Type.Optional(Nullable(Uuid)),
    // Only an admin (who belongs to no centre) names the centre; others' values are ignored.
    centreId: Type.Optional(Uuid),
    counsellorId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type SeekerCreate = Static<typeof SeekerCreate>;

export const SeekerPatch = Type.Object(
  {
    name: Type.Optional(profileProps.name),
    birthDate: Type.Optional(profileProps.birthDate),
    phone: Type.Optional(profileProps.phone),
    email: profileProps.email,
    regionCode: Type.Optional(profileProps.regionCode),
    address: profileProps.address,
    educationLevel: Type.Optional(profileProps.educationLevel),
    targetGroups: profileProps.targetGroups,
    desired: Type.Optional(DesiredPatch),
    careers: profileProps.careers,
    certificates: profileProps.certificates,
    keywords: profileProps.keywords,
    consent: profileProps.consent,
    registeredAt: Type.Optional(Str(10)),
    externalId: Type.Optional(Nullable(Str(100))),
    counsellorId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type SeekerPatch = Static<typeof SeekerPatch>;

/** What a seeker may change on their own profile (GET/PATCH /me). */
export const SelfPatch = Type.Object(
  {
    phone: Type.Optional(profileProps.phone),
    email: profileProps.email,
    address: profileProps.address,
    desired: Type.Optional(DesiredPatch),
    certificates: profileProps.certificates,
    keywords: profileProps.keywords,
    consent: profileProps.consent,
  },
  { additionalProperties: false },
);
export type SelfPatch = Static<typeof SelfPatch>;

const Warning = Type.Object({ field: Type.String(), message: Type.String() });

export const Seeker = Type.Object({
  id: Uuid,
  registrationNo: Type.String(),
  centreId: Uuid,
  status: StatusSchema,
  care: CareSchema,
  careSince: Nullable(Type.String()),
  suspended: Type.Boolean(),
  /** true when visible only through the seeker's consent to share: a reduced, read-only view */
  shared: Type.Boolean(),
  /** null in a shared view whose consents do not name the item (also birthDate, regionCode,
   * educationLevel, desired, careerMonths; careers, certificates and keywords are then empty) */
  name: Nullable(Type.String()),
  birthDate: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  educationLevel: Nullable(Type.String()),
  targetGroups: Type.Array(Type.String()),
  desired: Nullable(
    Type.Object({
      occupations: Type.Array(Type.String()),
      occupationEdition: Type.Enum(['2018', '2025']),
      regions: Type.Array(Type.String()),
      employmentTypes: Type.Array(Type.String()),
      wageType: Nullable(Type.String()),
      wageMin: Type.Union([Type.Integer(), Type.Null()]),
      wageMonthly: Type.Union([Type.Integer(), Type.Null()]),
      workDays: Nullable(Type.String()),
      workHours: Nullable(Type.String()),
      availableFrom: Nullable(Type.String()),
    }),
  ),
  careers: Type.Array(
    Type.Object({
      company: Type.String(),
      occupation: Type.String(),
      months: Type.Integer(),
      /** Coded occupations only: the KECO edition and the Korean name of the code. */
      occupationEdition: Type.Optional(Type.Enum(['2018', '2025'])),
      occupationName: Type.Optional(Type.String()),
    }),
  ),
  careerMonths: Type.Union([Type.Integer(), Type.Null()]),
  certificates: Type.Array(Type.String()),
  keywords: Type.Array(Type.String()),
  consent: Type.Object({ shareWithNetwork: Type.Boolean(), sensitive: Type.Boolean() }),
  registeredAt: Type.String(),
  externalId: Nullable(Type.String()),
  channel: Type.String(),
  deskSessionId: Type.Optional(Nullable(Uuid)),
  counsellorId: Nullable(Uuid),
  statusReason: Nullable(Type.String()),
  statusChangedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  warnings: Type.Optional(Type.Array(Warning)),
});

export const SeekerListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(StatusSchema),
  care: Type.Optional(CareSchema),
  targetGroup: Type.Optional(Type.String({ maxLength: 40 })),
  occupation: Type.Optional(Type.String({ maxLength: 10 })),
  occupationEdition: Type.Optional(Edition('occupation')),
  regionCode: Type.Optional(Type.String({ maxLength: 10 })),
  counsellorId: Type.Optional(Uuid),
  registeredFrom: Type.Optional(DateString),
  registeredTo: Type.Optional(DateString),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type SeekerListQuery = Static<typeof SeekerListQuery>;

export const StatusBody = Type.Object(
  { status: StatusSchema, reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const StatusHistoryItem = Type.Object({
  id: Uuid,
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  reason: Nullable(Type.String()),
  changedBy: Nullable(Uuid),
  /** the name of the staff member who changed it (null for a system change or a deleted account) */
  changedByName: Type.Optional(Nullable(Type.String())),
  changedAt: Type.String(),
});

export const ConsentKind = Type.Enum(['share_network', 'sensitive']);
export const ConsentCreate = Type.Object(
  {
    kind: ConsentKind,
    recipients: Type.String({ minLength: 1, maxLength: 300 }),
    /**
     * Partners (GET /partners) the consent names as recipients (제3자 제공). A share consent
     * that names partners names only them unless `network` is true.
     */
    recipientPartnerIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    /** The consent names the ilteo network as a whole (default: true unless partners are named). */
    network: Type.Optional(Type.Boolean()),
    purpose: Type.String({ minLength: 1, maxLength: 500 }),
    items: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { minItems: 1, maxItems: 30 }),
    validUntil: Type.Optional(Nullable(DateString)),
  },
  { additionalProperties: false },
);
export type ConsentCreate = Static<typeof ConsentCreate>;

export const Consent = Type.Object({
  id: Uuid,
  seekerId: Uuid,
  kind: ConsentKind,
  recipients: Type.String(),
  recipientPartnerIds: Type.Array(Uuid),
  network: Type.Boolean(),
  purpose: Type.String(),
  items: Type.Array(Type.String()),
  validUntil: Nullable(Type.String()),
  refusalNotice: Type.Boolean(),
  grantedAt: Type.String(),
  withdrawnAt: Nullable(Type.String()),
  active: Type.Boolean(),
});

export const PortalRegister = Type.Object(
  {
    centreId: Uuid,
    login: Type.String({ minLength: 3, maxLength: 60, pattern: '^[A-Za-z0-9._@-]+$' }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    ...profileProps,
  },
  { additionalProperties: false },
);
export type PortalRegister = Static<typeof PortalRegister>;
