import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of holidays and closures as [Korean, English]. */
export const calendarMessages = defineMessages({
  'calendar.holidayExists': [
    '그 날에 같은 이름의 휴일이 이미 있습니다.',
    'That day already has a holiday of that name.',
  ],
  'calendar.centreNotFound': ['센터를 찾을 수 없습니다.', 'Centre not found.'],
  'calendar.closureRange': [
    '종료일은 시작일 이후여야 하고 기간은 1년을 넘을 수 없습니다.',
    'The end must not be before the start, and a closure lasts at most a year.',
  ],
  'calendar.yearRange': ['{from}년부터 {to}년까지만 조회할 수 있습니다.', 'Years {from} to {to} only.'],
});
