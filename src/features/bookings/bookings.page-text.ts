import { defineMessages } from '../../platform/i18n/i18n.ts';
import { seoul } from '../../web/page.tsx';
import { WEEKDAYS } from './bookings.codes.ts';
import type { ResourceView } from './bookings.present.ts';
import { weekday } from './bookings.slots.ts';

// The words and time formats of the bookings pages (public, /me and the staff day sheet).

defineMessages({
  'bk.title': ['예약', 'Bookings'],
  'bk.intro': [
    'AI 면접 체험, 화상면접실, 증명사진, 노무사 상담, 면접정장 대여를 예약하세요. 무료입니다.',
    'Book the AI interview booth, video rooms, ID photos, a labour attorney or an interview suit. Free of charge.',
  ],
  'bk.none': ['예약할 수 있는 서비스가 없습니다.', 'Nothing can be booked yet.'],
  'bk.pick': ['시간 보기', 'See times'],
  'bk.slot': ['{minutes}분 단위', '{minutes}-minute slots'],
  'bk.approval': ['승인 후 확정', 'Confirmed after approval'],
  'bk.hours': ['운영 시간', 'Opening hours'],
  'bk.twoWeeks': ['앞으로 2주 동안 예약할 수 있는 시간', 'Free times in the next two weeks'],
  'bk.noTimes': ['예약 가능한 시간 없음', 'No free times'],
  'bk.closed': ['휴무: {name}', 'Closed: {name}'],
  'bk.book': ['{time} 예약', 'Book {time}'],
  'bk.login': ['로그인하면 예약할 수 있습니다.', 'Sign in to book.'],
  'bk.loginLink': ['로그인', 'Sign in'],
  'bk.seekersOnly': ['구직자 계정으로 예약할 수 있습니다.', 'Bookings are made with a job seeker account.'],
  'bk.booked': ['예약했습니다: {what} {when}', 'Booked: {what} {when}'],
  'bk.requested': [
    '예약을 신청했습니다. 센터가 승인하면 확정됩니다: {what} {when}',
    'Requested; the centre confirms it: {what} {when}',
  ],
  'bk.back': ['서비스 목록', 'All services'],
  'bk.mine': ['내 예약', 'My bookings'],
  'bk.mineNone': ['예약이 없습니다.', 'No bookings.'],
  'bk.cancel': ['예약 취소', 'Cancel'],
  'bk.cancelled': ['예약을 취소했습니다.', 'The booking is cancelled.'],
  'bk.what': ['서비스', 'Service'],
  'bk.when': ['일시', 'When'],
  'bk.status': ['상태', 'Status'],
  'bk.staffTitle': ['예약 일정표', 'Booking day sheet'],
  'bk.resource': ['자원', 'Resource'],
  'bk.day': ['날짜', 'Day'],
  'bk.show': ['보기', 'Show'],
  'bk.who': ['예약자', 'Booked by'],
  'bk.actions': ['처리', 'Actions'],
  'bk.checkIn': ['방문 확인', 'Check in'],
  'bk.noShow': ['노쇼', 'No-show'],
  'bk.confirm': ['승인', 'Approve'],
  'bk.noShows': ['최근 {days}일 노쇼 {n}회', '{n} no-shows in {days} days'],
  'bk.hidden': ['(열람 권한 없음)', '(not visible to you)'],
  'bk.employer': ['기업 예약', 'Employer booking'],
  'bk.dayEmpty': ['이 날 예약이 없습니다.', 'No bookings this day.'],
  'bk.noResources': ['이 센터에 예약 자원이 없습니다.', 'No bookable resources here yet.'],
  'bk.resources': ['예약 자원 관리 (등록·운영 시간·정원)', 'Resources (add, hours, places)'],
  'bk.hitTitle': [
    '휴무·공휴일 지정으로 취소된 예약 (연락 필요)',
    'Cancelled by a closure or holiday (contact them)',
  ],
  'bk.done': ['처리했습니다.', 'Done.'],
  'bk.suits': ['면접정장 대여 창구', 'Suit desk'],
});

export function hoursText(r: ResourceView): string {
  const byDay = new Map<string, number[]>();
  for (const w of r.openingHours) {
    const key = `${w.from}–${w.to}`;
    byDay.set(key, [...(byDay.get(key) ?? []), w.weekday]);
  }
  return [...byDay.entries()]
    .map(
      ([span, days]) =>
        `${days
          .sort((a, b) => a - b)
          .map((d) => WEEKDAYS[d])
          .join('·')} ${span}`,
    )
    .join(', ');
}

export function dayLabel(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)} (${WEEKDAYS[weekday(date)]})`;
}

export function timeOf(iso: string): string {
  return seoul(iso).slice(11, 16);
}
