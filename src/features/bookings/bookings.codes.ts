/** The codes of bookings and suits, each with its Korean and English name (shown with every code). */

export const RESOURCE_KINDS = {
  ai_interview: ['AI 면접 체험', 'AI mock interview'],
  video_room: ['화상면접실', 'Video interview room'],
  photo_studio: ['증명사진 촬영', 'ID photo studio'],
  attorney: ['노무사 상담', 'Labour attorney'],
  meeting_room: ['회의실', 'Meeting room'],
  suit_fitting: ['면접정장 대여', 'Interview suit fitting'],
} as const;
export type ResourceKind = keyof typeof RESOURCE_KINDS;

export const BOOKING_STATUSES = {
  requested: ['승인 대기', 'Awaiting approval'],
  confirmed: ['예약 확정', 'Confirmed'],
  cancelled: ['취소', 'Cancelled'],
  checked_in: ['방문 확인', 'Checked in'],
  no_show: ['노쇼(미방문)', 'No-show'],
} as const;
export type BookingStatus = keyof typeof BOOKING_STATUSES;

export const CANCEL_REASONS = {
  booker: ['예약자 취소', 'Cancelled by the booker'],
  staff: ['센터 취소', 'Cancelled by staff'],
  holiday: ['공휴일 지정', 'Holiday declared'],
  closure: ['센터 휴무', 'Centre closure'],
} as const;
export type CancelReason = keyof typeof CANCEL_REASONS;

export const BOOKERS = {
  seeker: ['구직자', 'Job seeker'],
  employer: ['기업', 'Employer'],
  staff: ['센터 직원', 'Staff'],
} as const;
export type Booker = keyof typeof BOOKERS;

export const SUIT_CATEGORIES = {
  jacket: ['재킷', 'Jacket'],
  trousers: ['바지', 'Trousers'],
  skirt: ['치마', 'Skirt'],
  shirt: ['셔츠·블라우스', 'Shirt'],
  shoes: ['구두', 'Shoes'],
  tie: ['넥타이', 'Tie'],
  other: ['기타', 'Other'],
} as const;
export type SuitCategory = keyof typeof SUIT_CATEGORIES;

export const SUIT_GENDERS = {
  m: ['남성', 'Men'],
  f: ['여성', 'Women'],
  u: ['공용', 'Unisex'],
} as const;
export type SuitGender = keyof typeof SUIT_GENDERS;

export const WEEKDAYS = ['', '월', '화', '수', '목', '금', '토', '일'] as const;

export { nameOf } from '../../platform/i18n/code-names.ts';

/**
 * The size band of a suit size for the stock view: tops in Korean chest sizes (85…110+),
 * trousers and skirts in waist inches (26…38+), shoes in mm (220…290); anything else as given.
 */
export function sizeBand(category: SuitCategory, size: string): string {
  const n = Number.parseInt(size, 10);
  if (!Number.isFinite(n)) return size.trim().toUpperCase();
  if (category === 'shoes') return `${Math.floor(n / 10) * 10}`;
  if (category === 'trousers' || category === 'skirt') return n >= 38 ? '38+' : `${n - (n % 2)}`;
  if (n >= 110) return '110+';
  return `${Math.floor(n / 5) * 5}`;
}
