import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of programmes, enrolments, attendance, surveys and institution requests as [Korean, English]. */
export const programmesMessages = defineMessages({
  'programme.notFound': ['프로그램을 찾을 수 없습니다.', 'Programme not found.'],
  'programme.centreRequired': ['센터를 지정하세요.', 'Name the centre.'],
  'programme.venueRequired': ['대면 프로그램은 장소를 입력하세요.', 'An in-person programme needs a venue.'],
  'programme.onlineUrlRequired': [
    '온라인 프로그램은 https:// 로 시작하는 접속 주소를 입력하세요.',
    'An online programme needs an https:// address.',
  ],
  'programme.sessionOrder': [
    '회차의 종료 시각은 시작 시각보다 늦어야 합니다(하루 이내).',
    'A session must end after it starts (within a day).',
  ],
  'programme.sessionOverlap': ['회차 시간이 서로 겹칩니다.', 'Sessions overlap.'],
  'programme.targetGroup': ['알 수 없는 대상 코드입니다: {code}', 'Unknown target group: {code}'],
  'programme.range': ['조회 기간은 {days}일 이내로 지정하세요.', 'Ask for at most {days} days.'],
  'programme.full': [
    '정원이 찼고 대기 신청을 받지 않는 프로그램입니다.',
    'The programme is full and keeps no waiting list.',
  ],
  'programme.ended': ['이미 끝난 프로그램에는 신청할 수 없습니다.', 'The programme has ended.'],
  'programme.scheduleRange': [
    '마지막 날은 첫날과 같거나 뒤여야 하고, 1년(366일) 이내여야 합니다.',
    'The last day must be on or after the first, within 366 days.',
  ],
  'programme.weekdays': ['진행 요일을 하나 이상 고르세요.', 'Choose at least one weekday.'],
  'programme.time': ['시각을 HH:MM(예: 10:00)으로 입력하세요.', 'Enter a time as HH:MM (e.g. 10:00).'],
  'programme.noSessions': [
    '이 기간·요일에는 진행할 날이 없습니다(공휴일·휴무일 제외).',
    'No day in this period falls on those weekdays (holidays and closures skipped).',
  ],
  'programme.tooManySessions': ['회차는 {max}회 이하로 정하세요.', 'At most {max} sessions.'],
  'programme.capacityBelowTaken': [
    '정원은 이미 확정·제안된 {taken}명보다 적게 줄일 수 없습니다.',
    'The capacity cannot go below the {taken} places already taken.',
  ],
  'enrolment.holdExpired': [
    '확정 기한이 지나 자리가 다음 대기자에게 넘어갔습니다.',
    'The hold has run out; the place goes to the next person waiting.',
  ],
  'enrolment.notOffered': ['확정을 기다리는 자리가 없습니다.', 'No place is held for this enrolment.'],
  'enrolment.notFound': ['프로그램 신청을 찾을 수 없습니다.', 'Enrolment not found.'],
  'enrolment.duplicate': ['이미 이 프로그램에 신청했습니다.', 'Already enrolled in this programme.'],
  'enrolment.cancelled': ['이미 취소된 신청입니다.', 'The enrolment is already cancelled.'],
  'attendance.notEnrolled': [
    '참가 확정된 사람만 출석을 기록할 수 있습니다.',
    'Only registered participants can be marked.',
  ],
  'attendance.sessionNotFound': ['이 프로그램의 회차가 아닙니다.', 'Not a session of this programme.'],
  'attendance.future': [
    '시작하지 않은 회차의 출석은 기록할 수 없습니다.',
    'A session that has not begun cannot be marked.',
  ],
  'survey.duplicate': ['만족도 조사에 이미 응답했습니다.', 'You have already answered the survey.'],
  'survey.notEnrolled': [
    '참가 확정된 분만 만족도 조사에 응답할 수 있습니다.',
    'Only registered participants can answer the survey.',
  ],
  'survey.notStarted': [
    '첫 회차가 시작된 뒤에 응답할 수 있습니다.',
    'The survey opens once the first session has begun.',
  ],
  'institutionRequest.notFound': ['기관 요청을 찾을 수 없습니다.', 'Institution request not found.'],
  'institutionRequest.decided': [
    '이미 처리된 요청입니다.',
    'The request has already been accepted or declined.',
  ],
  'institutionRequest.rateLimited': [
    '요청이 너무 많습니다. {seconds}초 후에 다시 신청해 주세요.',
    'Too many requests; try again in {seconds} seconds.',
  ],
  'institutionRequest.pastDate': ['희망일은 오늘 이후여야 합니다.', 'Preferred dates must be in the future.'],
  'institutionRequest.centre': ['신청할 센터를 고르세요.', 'Choose the centre to ask.'],
});
