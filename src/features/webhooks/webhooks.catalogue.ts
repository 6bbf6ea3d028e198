/**
 * The event types an endpoint may subscribe to (API.md "Field operations": webhooks), each with
 * its Korean and English name. Features that emit events not yet built (hiring events,
 * bookings) are listed so endpoints can subscribe ahead; a later feature adds its types here.
 * Names follow Standard Webhooks: `[a-zA-Z0-9_]` words joined by dots.
 */
export const WEBHOOK_EVENTS = {
  'posting.created': ['구인공고 등록', 'Posting created'],
  'posting.updated': ['구인공고 변경', 'Posting updated'],
  'posting.closed': ['구인공고 마감', 'Posting closed'],
  'referral.created': ['알선 등록', 'Referral created'],
  'referral.status_changed': ['알선 상태 변경', 'Referral status changed'],
  'event.published': ['채용행사 공개', 'Hiring event published'],
  'booking.created': ['예약 등록', 'Booking created'],
  'booking.cancelled': ['예약 취소', 'Booking cancelled'],
} as const satisfies Record<string, readonly [string, string]>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const webhookEventTypes = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];
