import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of appointments as [Korean, English]. */
export const appointmentMessages = defineMessages({
  'appointment.notFound': ['상담 예약을 찾을 수 없습니다.', 'Appointment not found.'],
  'appointment.seekerNotFound': ['구직자를 찾을 수 없습니다.', 'Seeker not found.'],
  'appointment.overlap': [
    '이 상담사는 그 시간에 이미 다른 상담 예약이 있습니다.',
    'The counsellor already has an appointment at that time.',
  ],
  'appointment.cancelled': [
    '취소된 예약은 변경할 수 없습니다.',
    'A cancelled appointment cannot be changed.',
  ],
  'appointment.endBeforeStart': [
    '종료 시각은 시작 시각보다 늦어야 하고 12시간을 넘을 수 없습니다.',
    'The end must come after the start, at most 12 hours later.',
  ],
  'appointment.dateTime': [
    '날짜와 시각을 YYYY-MM-DDTHH:MM 형식으로 입력하세요.',
    'Enter a date and time as YYYY-MM-DDTHH:MM.',
  ],
  'appointment.closedDay': [
    '{date}은(는) 센터가 쉬는 날입니다({name}). 그래도 잡으려면 휴무일 예약을 허용하세요.',
    '{date} is a day the centre is closed ({name}). Allow a closed day to book it anyway.',
  ],
  'appointment.counsellor': [
    '담당 상담사는 같은 센터의 상담 직원이어야 합니다.',
    'The counsellor must be counselling staff of the same centre.',
  ],
  'appointment.weekend': ['주말', 'weekend'],
  'appointment.channel.visit': ['방문', 'Visit'],
  'appointment.channel.phone': ['전화', 'Phone'],
  'appointment.channel.online': ['화상', 'Online'],
  'appointment.channel.mobile_desk': ['찾아가는 상담', 'Mobile desk'],
  'appointment.status.scheduled': ['예정', 'Scheduled'],
  'appointment.status.cancelled': ['취소', 'Cancelled'],
  'appointment.feedName': ['일터 상담 예약', 'ilteo appointments'],
  'appointment.feedSummary': ['상담 예약 ({channel})', 'Appointment ({channel})'],
  'appointment.range': ['조회 기간은 최대 92일입니다.', 'A period of at most 92 days.'],
  'appointment.feedNotFound': ['캘린더 구독 주소가 올바르지 않습니다.', 'Unknown calendar feed.'],
});
