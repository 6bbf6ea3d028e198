import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of the permanent hiring hall (상설채용관) as [Korean, English]. */
export const hallMessages = defineMessages({
  'hall.notFound': ['상설채용관 요청을 찾을 수 없습니다.', 'Hiring hall request not found.'],
  'hall.posting': ['이 기업의 구인공고가 아닙니다.', 'Not a posting of this company.'],
  'hall.postingNotOpen': [
    '게시 중인 구인공고만 요청할 수 있습니다.',
    'Only an open posting can be requested.',
  ],
  'hall.tooManyDates': ['희망일은 {max}개까지 적을 수 있습니다.', 'At most {max} preferred days.'],
  'hall.noDates': ['희망일을 하나 이상 적으세요.', 'Name at least one preferred day.'],
  'hall.dateTwice': [
    '같은 날을 두 번 적었습니다. 다른 날을 고르거나 칸을 비우세요.',
    'The same day is named twice: choose another day or leave the box empty.',
  ],
  'hall.datePast': ['희망일은 오늘 이후여야 합니다.', 'A preferred day must be today or later.'],
  'hall.scheduled': ['이미 일정이 확정된 요청입니다.', 'The request is already scheduled.'],
  'hall.cancelled': ['취소된 요청입니다.', 'The request is cancelled.'],
  'hall.hours': [
    '종료 시각은 시작 시각보다 늦고 12시간 이내여야 합니다.',
    'The end must follow the start, within 12 hours.',
  ],
  'hall.past': ['지난 시각으로 일정을 잡을 수 없습니다.', 'The start is in the past.'],
  'hall.roomNotFound': [
    '센터의 면접 공간(회의실·화상면접실)을 고르세요.',
    "Choose one of the centre's rooms.",
  ],
  'hall.roomKind': [
    '상설채용관 면접은 회의실 또는 화상면접실에서만 열 수 있습니다.',
    'A hiring hall recruitment takes a meeting room or a video interview room.',
  ],
  'hall.roomUnit': [
    '면접 공간 예약 단위({minutes}분)에 맞춰 종료 시각을 정하세요.',
    'The room is booked in units of {minutes} minutes: align the end to them.',
  ],
  'hall.slotMinutes': ['면접 시간 단위가 일정보다 깁니다.', 'The interview length exceeds the session.'],
});
