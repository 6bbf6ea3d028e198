import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of mobile desks (찾아가는 취업상담실) as [Korean, English]. */
export const deskMessages = defineMessages({
  'desk.notFound': ['찾아가는 취업상담실을 찾을 수 없습니다.', 'Mobile desk not found.'],
  'desk.sessionNotFound': ['상담실 운영 회차를 찾을 수 없습니다.', 'Desk session not found.'],
  'desk.sessionCancelled': ['취소된 운영 회차입니다.', 'The session is cancelled.'],
  'desk.centreRequired': ['센터를 지정하세요.', 'Name the centre.'],
  'desk.endsBeforeStart': [
    '종료 시각은 같은 날 시작 시각보다 늦어야 합니다.',
    'The end must follow the start on the same day.',
  ],
  'desk.ruleRequired': [
    '반복 요일(byWeekday) 또는 날짜(byMonthDays) 중 하나를 지정하세요.',
    'Give byWeekday or byMonthDays.',
  ],
  'desk.until': [
    '반복 종료일은 첫 회차 이후 400일 이내여야 합니다.',
    'The rule must end on or after the first day and within 400 days.',
  ],
  'desk.noDates': [
    '반복 기간에 운영할 수 있는 날이 없습니다(요일·공휴일 확인).',
    'No open day falls in the rule (check weekdays and holidays).',
  ],
  'desk.range': ['조회 기간은 {days}일 이내로 지정하세요.', 'Ask for at most {days} days.'],
  'desk.cancelHoliday': ['휴일({name})로 운영하지 않습니다.', 'Closed for a holiday ({name}).'],
  'desk.channel': [
    '찾아가는 취업상담실 기록은 상담 경로가 mobile_desk(찾아가는 상담실)여야 합니다.',
    'A record made at a mobile desk has channel mobile_desk.',
  ],
});
