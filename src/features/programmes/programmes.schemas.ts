import { Type } from 'typebox';
import { Nullable, Uuid } from '../../platform/http/schemas.ts';
import { ATTENDANCE_STATUSES, PROGRAMME_FORMATS, PROGRAMME_KINDS } from './programmes.codes.ts';

// The JSON shapes of the programmes API (routes of programmes and institution requests).

export const keys = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[];
export const Kind = Type.Enum(keys(PROGRAMME_KINDS));
export const Format = Type.Enum(keys(PROGRAMME_FORMATS));
export const Mark = Type.Enum(keys(ATTENDANCE_STATUSES));
export const Instant = Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 instant' });
export const Session = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  startsAt: Type.String(),
  endsAt: Type.String(),
});
export const Programme = Type.Object({
  id: Uuid,
  centreId: Uuid,
  title: Type.String(),
  kind: Type.String(),
  kindName: Type.String(),
  cohort: Nullable(Type.String()),
  format: Type.String(),
  formatName: Type.String(),
  venue: Nullable(Type.String()),
  onlineUrl: Nullable(
    Type.String({ description: 'shown to staff and to participants whose place is confirmed' }),
  ),
  capacity: Type.Integer(),
  placesLeft: Type.Integer(),
  waitlist: Type.Boolean(),
  holdHours: Type.Integer({
    description: 'hours a place moved up from the waiting list is held (0: confirmed at once)',
  }),
  completionMinAttendancePct: Type.Integer(),
  targetGroups: Type.Array(Type.String()),
  targetGroupNames: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  institutionRequestId: Nullable(Uuid),
  externalParticipants: Nullable(Type.Integer()),
  published: Type.Boolean(),
  sessions: Type.Array(Session),
});
export const Enrolment = Type.Object({
  id: Uuid,
  programmeId: Uuid,
  seekerId: Uuid,
  status: Type.String(),
  statusName: Type.String(),
  channel: Type.String(),
  channelName: Type.String(),
  waitingPosition: Nullable(Type.Integer()),
  promotedAt: Nullable(Type.String()),
  holdUntil: Nullable(Type.String({ description: 'while offered: the place is held until then' })),
  cancelReason: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export const Outcome = Type.Object({
  programmeId: Uuid,
  enrolled: Type.Integer(),
  waitlisted: Type.Integer(),
  offered: Type.Integer({ description: 'places held for people moved up from the waiting list' }),
  attendanceRate: Nullable(Type.Number()),
  completed: Type.Integer(),
  satisfaction: Nullable(Type.Number()),
  surveyAnswers: Type.Integer(),
  employedWithin6Months: Type.Integer(),
  externalParticipants: Type.Integer(),
  externalCompleted: Type.Integer(),
});
export const ProgrammeBody = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Kind,
  cohort: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  format: Format,
  venue: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  onlineUrl: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  capacity: Type.Integer({ minimum: 1, maximum: 10000 }),
  waitlist: Type.Optional(Type.Boolean()),
  holdHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 168 })),
  sessions: Type.Array(Type.Object({ startsAt: Instant, endsAt: Instant }, { additionalProperties: false }), {
    minItems: 1,
    maxItems: 200,
  }),
  completionMinAttendancePct: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  targetGroups: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  published: Type.Optional(Type.Boolean()),
};
export const ProgrammeParams = Type.Object({ id: Uuid });
