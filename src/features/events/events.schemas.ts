import { Type } from 'typebox';
import { type AppContext, requestContext } from '../../platform/context.ts';
import { Nullable, Uuid } from '../../platform/http/schemas.ts';
import { EVENT_KINDS, INTERVIEW_RESULTS } from './events.codes.ts';

/** The JSON shapes of the hiring-event API (API.md "Field operations"), shared by its route files. */
export const tags = ['events'];
export const Kind = Type.Enum(Object.keys(EVENT_KINDS) as (keyof typeof EVENT_KINDS)[]);
export const Result = Type.Enum(Object.keys(INTERVIEW_RESULTS) as (keyof typeof INTERVIEW_RESULTS)[]);
export const Instant = Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 instant' });
export const EventParams = Type.Object({ id: Uuid });
export const Event = Type.Object({
  id: Uuid,
  centreId: Uuid,
  seriesId: Nullable(Uuid),
  title: Type.String(),
  kind: Type.String(),
  kindName: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  venue: Nullable(Type.String()),
  onlineUrl: Nullable(Type.String()),
  capacity: Nullable(Type.Integer()),
  description: Nullable(Type.String()),
  published: Type.Boolean(),
  /** Set when the event was cancelled; it stays readable, with the reason. */
  cancelledAt: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
});
export const EventEmployer = Type.Object({
  eventId: Uuid,
  employerId: Uuid,
  employerName: Nullable(Type.String()),
  postingIds: Type.Array(Uuid),
  booth: Nullable(Type.String()),
  status: Type.String(),
  statusName: Type.String(),
  approvedAt: Nullable(Type.String()),
});
export const Slot = Type.Object({
  id: Uuid,
  eventId: Uuid,
  employerId: Uuid,
  startsAt: Type.String(),
  endsAt: Type.String(),
  meetingUrl: Nullable(Type.String()),
  taken: Type.Boolean(),
  bookingId: Type.Optional(Nullable(Uuid)),
  seekerId: Type.Optional(Nullable(Uuid)),
  result: Type.Optional(Nullable(Type.String())),
});
export const Interview = Type.Object({
  id: Uuid,
  /** Null only for a cancelled booking whose slot was removed since. */
  slotId: Nullable(Uuid),
  eventId: Uuid,
  employerId: Uuid,
  seekerId: Uuid,
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  result: Nullable(Type.String()),
  resultName: Nullable(Type.String()),
  resultNote: Nullable(Type.String()),
  employmentId: Nullable(Uuid),
});
export const Registration = Type.Object({
  id: Uuid,
  eventId: Uuid,
  seekerId: Uuid,
  status: Type.String(),
  statusName: Type.String(),
  checkedInAt: Nullable(Type.String()),
  promotedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export const Totals = Type.Object({
  eventId: Uuid,
  employers: Type.Integer(),
  seekers: Type.Integer(),
  interviews: Type.Integer(),
  passedFirst: Type.Integer(),
  hired: Type.Integer(),
});
export const SeekerBody = Type.Object({ seekerId: Type.Optional(Uuid) }, { additionalProperties: false });
export const RegParams = Type.Object({ id: Uuid, rid: Uuid });

/** The request context of a route that acts (`rc`) and of a public read (`read`). */
export function routeContexts(ctx: AppContext) {
  return {
    rc: (req: Parameters<typeof requestContext>[1]) => requestContext(ctx.db, req),
    read: (req: { actor: Parameters<typeof requestContext>[1]['actor']; lang: 'ko' | 'en' }) => ({
      db: ctx.db,
      actor: req.actor,
      lang: req.lang,
    }),
  };
}
