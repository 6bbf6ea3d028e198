import type { Actor } from '../../platform/http/actor.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { BOOKING_STATUSES, CANCEL_REASONS, nameOf, RESOURCE_KINDS } from './bookings.codes.ts';
import type { findBooking, findResource } from './bookings.repository.ts';

// How resources and bookings are answered (API and pages), and who counts as staff here.

export type Resource = NonNullable<Awaited<ReturnType<typeof findResource>>>;

export function presentResource(r: Resource, lang: Lang = 'ko') {
  return {
    id: r.id,
    centreId: r.centre_id,
    name: r.name,
    kind: r.kind,
    kindName: nameOf(RESOURCE_KINDS, r.kind, lang),
    slotMinutes: r.slot_minutes,
    capacity: r.capacity,
    openingHours: r.opening_hours,
    approvalRequired: r.approval_required,
    bookableBy: r.bookable_by,
    description: r.description,
  };
}
export type ResourceView = ReturnType<typeof presentResource>;

export type BookingRow = NonNullable<Awaited<ReturnType<typeof findBooking>>>;

export function presentBooking(
  b: BookingRow & { resource_name?: string; resource_kind?: string },
  lang: Lang = 'ko',
  extra: { seekerNoShows?: number } = {},
) {
  return {
    id: b.id,
    resourceId: b.resource_id,
    centreId: b.centre_id,
    seekerId: b.seeker_id,
    employerId: b.employer_id,
    startsAt: new Date(b.starts_at).toISOString(),
    endsAt: new Date(b.ends_at).toISOString(),
    status: b.status,
    statusName: nameOf(BOOKING_STATUSES, b.status, lang),
    note: b.note,
    cancelReason: b.cancel_reason,
    cancelReasonName: b.cancel_reason ? nameOf(CANCEL_REASONS, b.cancel_reason, lang) : null,
    cancelNote: b.cancel_note,
    cancelledAt: b.cancelled_at ? new Date(b.cancelled_at).toISOString() : null,
    checkedInAt: b.checked_in_at ? new Date(b.checked_in_at).toISOString() : null,
    createdAt: new Date(b.created_at).toISOString(),
    ...(b.resource_name !== undefined
      ? {
          resourceName: b.resource_name,
          resourceKind: b.resource_kind,
          resourceKindName: nameOf(RESOURCE_KINDS, b.resource_kind ?? '', lang),
        }
      : {}),
    ...(extra.seekerNoShows !== undefined ? { seekerNoShows: extra.seekerNoShows } : {}),
  };
}
export type BookingView = ReturnType<typeof presentBooking>;

/** Staff (any role but the bookers themselves and partners). */
export function isStaff(actor: Actor) {
  return actor.role !== 'seeker' && actor.role !== 'employer' && actor.role !== 'partner';
}
