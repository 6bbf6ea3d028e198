import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of hiring events, slots, interview bookings and registrations as [Korean, English]. */
export const eventsMessages = defineMessages({
  'event.notFound': ['채용행사를 찾을 수 없습니다.', 'Hiring event not found.'],
  'event.centreRequired': ['센터를 지정하세요.', 'Name the centre.'],
  'event.endsBeforeStart': [
    '종료 시각은 시작 시각보다 늦어야 합니다(최대 31일).',
    'The end must follow the start (31 days at most).',
  ],
  'event.placeRequired': [
    '장소(오프라인) 또는 온라인 주소를 입력하세요.',
    'Give a venue or an online address.',
  ],
  'event.onlineUrl': [
    '온라인 주소는 https:// 로 시작해야 합니다.',
    'The online address must start with https://.',
  ],
  'event.recurrenceUntil': [
    '반복 종료일은 시작일 이후 1년 이내여야 합니다.',
    'The recurrence must end on or after the first day and within a year.',
  ],
  'event.recurrenceEmpty': [
    '반복 기간에 열 수 있는 날이 없습니다(요일·공휴일 확인).',
    'No open day falls in the recurrence (check weekdays and holidays).',
  ],
  'event.recurrenceDays': ['한 번에 만들 수 있는 회차는 {max}회까지입니다.', 'At most {max} dates at once.'],
  'invitation.posting': [
    '이 채용행사에 승인된 참가 기업의 구인공고가 아닙니다.',
    'Not a posting of an approved employer of this event.',
  ],
  'invitation.notFound': ['이 채용행사에 받은 초대가 없습니다.', 'You have no invitation to this event.'],
  'invitation.over': ['이미 끝난 채용행사입니다.', 'The event is over.'],
  'invitation.duplicate': [
    '이미 이 채용행사에 초대한 구직자입니다.',
    'This seeker is already invited to the event.',
  ],
  'event.cancelled': ['취소된 채용행사입니다.', 'The hiring event is cancelled.'],
  'event.capacityBelowRegistered': [
    '정원은 현재 참가 확정 인원 {n}명보다 적게 줄일 수 없습니다.',
    'The capacity cannot go below the {n} seekers already registered.',
  ],
  'event.timesBooked': [
    '면접 예약 {n}건이 있어 행사 시간을 바꿀 수 없습니다. 예약된 면접 시간을 먼저 취소하세요.',
    'The times cannot change while {n} interviews are booked; cancel those slots first.',
  ],
  'event.slotsOutside': [
    '이미 연 면접 시간 {n}개가 새 행사 시간 밖에 있습니다. 그 면접 시간을 먼저 삭제하세요.',
    '{n} slots would lie outside the new times; remove them first.',
  ],
  'event.unpublishTaken': [
    '참가 신청이나 면접 예약이 있는 행사는 비공개로 돌릴 수 없습니다. 행사를 취소하세요.',
    'An event with registrations or bookings cannot be unpublished; cancel it instead.',
  ],
  'event.hallTimes': [
    '상설채용관 일정은 면접 공간 예약과 함께 잡혀 있어 시간을 바꿀 수 없습니다.',
    'A hiring-hall day is booked with its room; its times cannot change here.',
  ],
  'event.hallCancel': [
    '상설채용관 일정은 면접 공간 예약과 함께 잡혀 있어 여기서 취소할 수 없습니다.',
    'A hiring-hall day is booked with its room; it cannot be cancelled here.',
  ],
  'event.started': [
    '이미 시작한 채용행사는 취소할 수 없습니다.',
    'An event that has begun cannot be cancelled.',
  ],
  'event.employerHasResults': [
    '면접 결과가 입력된 기업은 참가를 취소할 수 없습니다.',
    'An employer with interview results cannot be withdrawn.',
  ],
  'event.range': ['조회 기간은 {days}일 이내로 지정하세요.', 'Ask for at most {days} days.'],
  'event.employerNotFound': [
    '이 행사의 참가 기업이 아닙니다.',
    'The employer does not take part in this event.',
  ],
  'event.employerExists': ['이미 참가 신청한 기업입니다.', 'The employer has already applied.'],
  'event.employerNotApproved': [
    '참가 승인된 기업만 면접 시간을 열 수 있습니다.',
    'Only an approved employer can open interview slots.',
  ],
  'event.postingNotFound': ['이 기업의 구인공고가 아닙니다.', 'Not a posting of this employer.'],
  'slot.notFound': ['면접 시간을 찾을 수 없습니다.', 'Interview slot not found.'],
  'slot.outsideEvent': ['면접 시간은 행사 시간 안에 있어야 합니다.', 'Slots must lie within the event.'],
  'slot.runRequired': [
    'startsAt·endsAt 또는 from·to·minutes 중 하나로 지정하세요.',
    'Give startsAt and endsAt, or from, to and minutes.',
  ],
  'slot.tooMany': ['한 번에 만들 수 있는 면접 시간은 {max}개까지입니다.', 'At most {max} slots at once.'],
  'slot.clash': ['이 기업의 다른 면접 시간과 겹칩니다.', 'The slot overlaps another slot of this employer.'],
  'slot.taken': [
    '이미 다른 분이 예약한 면접 시간입니다. 다른 시간을 고르세요.',
    'This slot is taken; pick another.',
  ],
  'slot.overlap': [
    '같은 시간에 이미 다른 면접을 예약했습니다.',
    'You already hold an interview at an overlapping time.',
  ],
  'slot.past': ['이미 시작한 면접 시간은 예약할 수 없습니다.', 'A slot that has begun cannot be booked.'],
  'slot.booked': [
    '예약이 있는 면접 시간은 삭제할 수 없습니다. 면접 시간 취소로 구직자에게 안내하세요.',
    'A booked slot cannot be removed; cancel it, which tells the seeker.',
  ],
  'slot.begun': [
    '이미 시작한 면접은 취소할 수 없습니다. 결과를 입력하세요.',
    'An interview that has begun cannot be cancelled; enter its result.',
  ],
  'slot.notBooked': ['이 면접 시간에 예약이 없습니다.', 'The slot has no booking.'],
  'interview.notFound': ['면접 예약을 찾을 수 없습니다.', 'Interview booking not found.'],
  'interview.hiredFinal': [
    '채용으로 기록된 면접 결과는 바꿀 수 없습니다(취업 기록에서 정정하세요).',
    'A hire is final here; correct it in the employment record.',
  ],
  'interview.resultBooked': [
    '결과가 기록된 예약은 취소할 수 없습니다.',
    'A booking with a result cannot be cancelled.',
  ],
  'registration.notFound': ['행사 참가 신청을 찾을 수 없습니다.', 'Registration not found.'],
  'registration.duplicate': ['이미 이 행사에 참가 신청했습니다.', 'Already registered for this event.'],
  'registration.waitlisted': [
    '대기자는 입장 확인을 할 수 없습니다.',
    'A person on the waiting list cannot be checked in.',
  ],
  'registration.cancelled': ['취소된 참가 신청입니다.', 'The registration is cancelled.'],
  'ef.title': ['채용행사 실적', 'Hiring events'],
  'ef.totals': ['기간·전년·올해 누계', 'Period, a year before, year to date'],
  'ef.when': ['기간', 'Period'],
  'ef.period': ['이 기간 ({from}–{to})', 'This period ({from}–{to})'],
  'ef.previous': ['전년 같은 기간 ({from}–{to})', 'A year before ({from}–{to})'],
  'ef.year': ['올해 누계 ({from}–{to})', 'Year to date ({from}–{to})'],
  'ef.byKind': ['행사 종류별 (이 기간)', 'By kind (this period)'],
  'ef.kind': ['종류', 'Kind'],
  'ef.events': ['행사 수', 'Events'],
  'ef.byEvent': ['행사별 (이 기간, 최근 {n}개)', 'By event (this period, latest {n})'],
  'ef.event': ['행사', 'Event'],
  'ef.day': ['일자', 'Day'],
  'ef.none': ['이 기간에 열린 채용행사가 없습니다.', 'No hiring event in the period.'],
  'ef.note': [
    '기간 안에 시작한 채용행사 기준(API.md KPI 정의, 아래 정의 참고): 참가 기업은 승인된 기업(행사마다), 참여 구직자는 참가 신청·면접 예약한 사람(행사마다 한 번), 면접은 불참 외 결과가 입력된 면접, 1차 합격은 1차 합격·채용, 채용은 채용 결과입니다.',
    'Events starting in the period (API.md KPI definitions, see below): approved employers per event, seekers who registered or booked (once per event), interviews with a result other than no-show, first-round passes (passed or hired), hires.',
  ],
  'ef.filtered': [
    '대상·직종·지역 필터는 기간·전년·누계 행의 구직자 수와 면접 결과에 적용되고, 종류별·행사별 행은 필터 없이 셉니다.',
    'Target-group, occupation and region filters apply to the period rows; the rows by kind and by event are unfiltered.',
  ],
  'ef.employers': ['참가 기업', 'Employers'],
  'ef.seekers': ['참여 구직자', 'Seekers'],
  'ef.interviews': ['면접', 'Interviews'],
  'ef.passedFirst': ['1차 합격', 'Passed first round'],
  'ef.hires': ['채용', 'Hires'],
});
