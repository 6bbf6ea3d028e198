import type { PartnerScope } from '../../platform/http/actor.ts';

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
  'event.updated': ['채용행사 변경', 'Hiring event updated'],
  'event.cancelled': ['채용행사 취소', 'Hiring event cancelled'],
  'booking.created': ['예약 등록', 'Booking created'],
  'booking.cancelled': ['예약 취소', 'Booking cancelled'],
} as const satisfies Record<string, readonly [string, string]>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;

/**
 * The partner scope an endpoint of a partner needs to subscribe to an event type (the admins'
 * own endpoints need none): a partner hears only of what its key may act on. Hiring events and
 * bookings are what `events:read` is for: a partner hears of published events (and of their
 * changes and cancellation) and of bookings of its centre's subtree, then reads the public event
 * pages (employers, free slots, totals — no personal data) through the API.
 */
export const WEBHOOK_EVENT_SCOPE: Record<WebhookEventType, PartnerScope> = {
  // A posting event names a posting the key can then read (open ones only).
  'posting.created': 'postings:read',
  'posting.updated': 'postings:read',
  'posting.closed': 'postings:read',
  // Referral events tell the partner that makes referrals how they go on.
  'referral.created': 'referrals:write',
  'referral.status_changed': 'referrals:write',
  'event.published': 'events:read',
  'event.updated': 'events:read',
  'event.cancelled': 'events:read',
  'booking.created': 'events:read',
  'booking.cancelled': 'events:read',
};

/**
 * When each event is sent (the OpenAPI document shows it with the subscription's `events`).
 * Posting events follow what a partner key can read (`postingEvent` in the postings feature
 * decides them): open postings not past their closing day (`publiclyVisible`).
 */
export const WEBHOOK_EVENT_WHEN: Record<WebhookEventType, string> = {
  'posting.created':
    '구인공고가 처음으로 공개(게시중)될 때: 상담사 등록·가져오기로 바로 게시되거나 상담사가 처음 승인할 때 / ' +
    'a posting first becomes publicly readable (open): saved open by a counsellor or an import, or approved for the first time',
  'posting.updated':
    '공개된 구인공고가 바뀔 때, 또는 다시 공개될 때(기업 수정 뒤 재승인, 마감일 연장, 고용24 재수신으로 다시 게시). 마감일이 지난 공고는 야간 만료 처리 전이라도 공개되지 않으므로(조회 404) 바뀌어도 보내지 않음 / ' +
    'a readable posting changes, or becomes readable again (re-approval after the employer’s edit, a later closing day, a 고용24 re-import reopening it). A posting past its closing day is not readable (404) even before the nightly expiry, and its edits send nothing',
  'posting.closed':
    '게시중인 구인공고가 마감·충원·기간 만료될 때(마감일이 지나 야간 만료 전에 마감된 공고도). 임시·승인 대기·반려·보완 요청 공고는 어떤 이벤트도 보내지 않음 / ' +
    'an open posting closes, fills or expires (also one past its closing day, closed before the nightly expiry). Drafts, pending, rejected and returned postings send no event at all',
  'referral.created': '알선을 등록할 때 / a referral is created',
  'referral.status_changed': '알선 상태가 바뀔 때 / a referral’s status changes',
  'event.published': '채용행사가 공개될 때 / a hiring event is published',
  'event.updated':
    '공개된 채용행사의 일시·장소·정원 등이 바뀌거나 비공개로 돌려질 때(그 뒤 조회는 404) / ' +
    'a published hiring event changes (times, place, capacity, …) or is unpublished (it then reads 404)',
  'event.cancelled':
    '공개된 채용행사가 취소될 때(조회하면 cancelledAt·cancelReason) / ' +
    'a published hiring event is cancelled (it reads with cancelledAt and cancelReason)',
  'booking.created': '예약이 등록될 때 / a booking is made',
  'booking.cancelled': '예약이 취소될 때 / a booking is cancelled',
};
export const webhookEventTypes = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];
