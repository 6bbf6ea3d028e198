import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of bookings and suits as [Korean, English]. */
export const bookingsMessages = defineMessages({
  'booking.resourceNotFound': ['예약 자원을 찾을 수 없습니다.', 'Bookable resource not found.'],
  'booking.notFound': ['예약을 찾을 수 없습니다.', 'Booking not found.'],
  'booking.full': [
    '이 시간은 이미 예약이 찼습니다. 다른 시간을 고르세요.',
    'This time is fully booked; pick another.',
  ],
  'booking.duplicate': ['이미 이 시간을 예약했습니다.', 'You already hold this time.'],
  'booking.past': ['지난 시간은 예약할 수 없습니다.', 'A time in the past cannot be booked.'],
  'booking.outsideHours': [
    '운영 시간 밖이거나 예약 단위({minutes}분)에 맞지 않는 시간입니다.',
    'Outside the opening hours or not on a {minutes}-minute slot.',
  ],
  'booking.holiday': ['{date}은(는) 공휴일({name})이라 예약할 수 없습니다.', '{date} is a holiday ({name}).'],
  'booking.closure': ['{date}은(는) 센터 휴무일({name})입니다.', 'The centre is closed on {date} ({name}).'],
  'booking.notBookable': [
    '이 자원은 {who} 예약을 받지 않습니다.',
    'This resource does not take bookings by {who}.',
  ],
  'booking.bookerRequired': [
    '구직자 또는 기업 중 하나를 지정하세요.',
    'Name either a seeker or an employer.',
  ],
  'booking.notOpen': ['이미 취소되었거나 끝난 예약입니다.', 'The booking is already cancelled or closed.'],
  'booking.notConfirmed': [
    '확정된 예약만 처리할 수 있습니다.',
    'Only a confirmed booking can be handled so.',
  ],
  'booking.notRequested': ['승인 대기 중인 예약이 아닙니다.', 'The booking does not await approval.'],
  'booking.notStarted': ['예약 시간이 아직 되지 않았습니다.', 'The booked time has not begun yet.'],
  'booking.tooEarly': [
    '방문 확인은 예약 당일부터 할 수 있습니다.',
    'Check-in opens on the day of the booking.',
  ],
  'booking.range': ['조회 기간은 {days}일 이내로 지정하세요.', 'Ask for at most {days} days.'],
  'booking.openingHours': [
    '운영 시간은 요일(1–7)과 HH:MM 형식의 시작·종료(시작 < 종료, 예약 단위 이상)로 지정하세요.',
    'Opening hours need a weekday (1–7) and HH:MM times, from before to, at least one slot long.',
  ],
  'booking.openingOverlap': ['같은 요일의 운영 시간이 겹칩니다.', 'Opening hours of one weekday overlap.'],
  'booking.centreRequired': ['센터를 지정하세요.', 'Name the centre.'],
  'booking.between': [
    '{min}에서 {max} 사이의 정수로 입력하세요.',
    'Enter a whole number from {min} to {max}.',
  ],
  'booking.capacityBelowTaken': [
    '정원(capacity)을 줄일 수 없습니다: 앞으로의 어떤 시간에 이미 더 많은 예약이 있습니다.',
    'Capacity cannot go below the bookings a future slot already holds.',
  ],
  'suit.codeTaken': [
    '이 센터에 같은 관리번호의 품목이 있습니다.',
    'This centre already has an item with this code.',
  ],
  'suit.itemOut': ['이미 대여 중인 품목이 있습니다: {codes}', 'An item is already out: {codes}'],
  'suit.itemNotFound': ['품목을 찾을 수 없습니다.', 'Item not found.'],
  'suit.itemUnavailable': ['대여할 수 없는 상태의 품목입니다: {codes}', 'Not available for rental: {codes}'],
  'suit.rentalNotFound': ['대여 기록을 찾을 수 없습니다.', 'Rental not found.'],
  'suit.returned': ['이미 반납된 대여입니다.', 'Already returned.'],
  'suit.dueRange': [
    '반납일은 대여일 이후 60일 이내여야 합니다.',
    'The due day must be on or after the start and at most 60 days later.',
  ],
  'bf.title': [
    '예약 서비스 이용 (AI 면접·화상면접실·노무사 상담·면접정장)',
    'Bookings (AI booth, video rooms, attorney, suits)',
  ],
  'bf.kind': ['서비스', 'Service'],
  'bf.bookings': ['예약', 'Bookings'],
  'bf.checkedIn': ['방문', 'Checked in'],
  'bf.noShows': ['노쇼', 'No-shows'],
  'bf.noShowRate': ['노쇼율', 'No-show rate'],
  'bf.utilisation': ['운영시간 이용률', 'Use of opening hours'],
  'bf.cancelled': ['취소', 'Cancelled'],
  'bf.suits': [
    '면접정장 대여 {rentals}건 (품목 {items}점), 연체 {overdue}건',
    'Suit rentals {rentals} ({items} items), {overdue} overdue',
  ],
  'bf.none': ['이 기간의 예약이 없습니다.', 'No bookings in this period.'],
  'suit.returnBeforeStart': ['반납일이 대여일보다 빠릅니다.', 'The return is before the start.'],
});
