import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of public job programmes, applications, draws and placements as [Korean, English]. */
export const publicJobsMessages = defineMessages({
  'publicjobs.notFound': ['공공일자리 사업을 찾을 수 없습니다.', 'Public job programme not found.'],
  'publicjobs.centreNotFound': ['센터를 찾을 수 없습니다.', 'Centre not found.'],
  'publicjobs.centreRequired': ['센터를 지정하세요.', 'Name the centre.'],
  'publicjobs.endsBeforeStart': [
    '종료일은 시작일 이후여야 합니다.',
    'The end must not come before the start.',
  ],
  'publicjobs.yearMismatch': [
    '사업 시작일은 사업연도({year}년) 안에 있어야 합니다.',
    'The programme must start in its year ({year}).',
  ],
  'publicjobs.noMinimumWage': [
    '{year}년 최저임금 자료가 없어 시급을 확인할 수 없습니다.',
    'No minimum wage is known for {year}.',
  ],
  'publicjobs.belowMinimumWage': [
    '시급은 {year}년 최저임금({minimum}원) 이상이어야 합니다.',
    'The hourly wage must be at least the {year} minimum wage ({minimum} KRW).',
  ],
  'publicjobs.applyRange': [
    '접수 마감일은 접수 시작일 이후여야 합니다.',
    'Applications must close after they open.',
  ],
  'publicjobs.ageRange': [
    '최대 나이는 최소 나이 이상이어야 합니다.',
    'The maximum age must not be below the minimum.',
  ],
  'publicjobs.noMedianIncome': [
    '{year}년 기준중위소득 자료가 없어 소득 기준을 쓸 수 없습니다.',
    'No 기준중위소득 is known for {year}; an income rule cannot be used.',
  ],
  'publicjobs.scoringTwice': [
    '같은 항목에 가산점을 두 번 줄 수 없습니다.',
    'A circumstance can score only once.',
  ],
  'publicjobs.applicationsClosed': ['신청 기간이 아닙니다.', 'Applications are not open.'],
  'publicjobs.alreadyApplied': ['이미 이 사업에 신청했습니다.', 'Already applied to this programme.'],
  'publicjobs.applicationNotFound': ['신청서를 찾을 수 없습니다.', 'Application not found.'],
  'publicjobs.applicationsOpen': [
    '신청 기간이 끝난 뒤에 추첨 대상 명단을 확정할 수 있습니다.',
    'The candidate list is frozen only after applications close.',
  ],
  'publicjobs.seedsInPast': [
    '추첨 난수는 공개 전에 미리 알린 미래의 공개 번호여야 합니다(발표 시각이 지금 이후).',
    'The random numbers must be future public numbers (announced after now).',
  ],
  'publicjobs.seedsRequired': [
    '추첨에 쓸 공개 번호(예: 로또 6/45 당첨번호)를 입력하세요.',
    'Give the public numbers for the draw (e.g. a 로또 6/45 result).',
  ],
  'publicjobs.seedsNotYet': [
    '미리 알린 공개 번호가 아직 발표되지 않았습니다.',
    'The announced public numbers are not out yet.',
  ],
  'publicjobs.notAnnounced': [
    '추첨 대상 명단과 난수 출처를 먼저 공개하세요.',
    'Publish the candidate list and the random source first.',
  ],
  'publicjobs.alreadyPublished': ['선발 결과가 이미 공개되었습니다.', 'The results are already published.'],
  'publicjobs.drawNotFound': ['선발 기록을 찾을 수 없습니다.', 'Draw not found.'],
  'publicjobs.notPublished': [
    '선발 결과를 공개한 뒤에 배치할 수 있습니다.',
    'Publish the results before placing.',
  ],
  'publicjobs.notSelected': [
    '공개된 선발 결과(선발·예비 명단)에 없는 신청서입니다.',
    'The application is not ranked in the published results.',
  ],
  'publicjobs.quotaFull': ['모집 인원이 모두 배치되었습니다.', 'Every place is filled.'],
  'publicjobs.alreadyPlaced': ['이미 배치된 신청자입니다.', 'The applicant is already placed.'],
  'publicjobs.outsidePeriod': [
    '배치 시작일은 사업기간({from}~{to}) 안이어야 합니다.',
    'The placement must start within the programme ({from} to {to}).',
  ],
  'publicjobs.over65Hours': [
    '만 65세 이상 참여자는 주 {cap}시간까지 일할 수 있습니다(이 사업은 주 {hours}시간).',
    'Participants aged 65 or over may work {cap} hours a week (this programme: {hours}).',
  ],
  'publicjobs.placementNotFound': ['배치 기록을 찾을 수 없습니다.', 'Placement not found.'],
  'publicjobs.placementEnded': ['이미 종료된 배치입니다.', 'The placement has already ended.'],
  'publicjobs.wholeNumber': ['숫자(정수)로 입력하세요.', 'Enter a whole number.'],
  'publicjobs.privateEmployerRequired': [
    '민간일자리 취업으로 종료하려면 취업한 기업명을 입력하세요.',
    'Name the private employer the participant moved to.',
  ],
  'publicjobs.privateStartsBeforePlacement': [
    '민간일자리 입사일은 배치 시작일({from}) 이후여야 합니다.',
    'The private job must start on or after the placement began ({from}).',
  ],
});
