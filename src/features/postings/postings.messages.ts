import { defineMessages } from '../../platform/i18n/i18n.ts';

export const postingMessages = defineMessages({
  'posting.notFound': ['구인공고를 찾을 수 없습니다.', 'Job posting not found.'],
  'posting.occupationLevel': [
    '직종은 한국고용직업분류(KECO) 세분류 4자리 코드로 입력하세요: {code}',
    'Use a 4-digit KECO detailed occupation code: {code}',
  ],
  'posting.closesAtPast': [
    '마감일은 오늘({today}) 이후여야 합니다.',
    'The closing date must be today ({today}) or later.',
  ],
  'posting.wageBelowMinimum': [
    '{year}년 최저임금(시간급 {hourly}원)보다 적습니다. 월급은 209시간, 일급은 8시간으로 나누어 비교합니다.',
    'Below the {year} minimum wage ({hourly} won an hour); a monthly wage is divided by 209 hours, a daily one by 8.',
  ],
  'posting.wageRange': [
    '최고 임금은 최저 임금보다 작을 수 없습니다.',
    'The maximum wage cannot be below the minimum.',
  ],
  'posting.notYourEmployer': [
    '자기 기업의 공고만 등록할 수 있습니다.',
    'You may only post for your own company.',
  ],
  'posting.notPending': [
    '승인 대기 중인 공고가 아닙니다(현재 상태: {status|pp.status}). 이미 다른 담당자가 처리했을 수 있습니다.',
    'The posting is not awaiting approval (status: {status|pp.status}).',
  ],
  'posting.reasonRequired': [
    '사유를 적어 주세요. 기업 담당자에게 그대로 전달됩니다.',
    'Give the reason; the employer is shown it as written.',
  ],
  'posting.rejected': [
    '반려된 공고는 고칠 수 없습니다. 새 공고로 등록해 주세요.',
    'A rejected posting cannot be changed; submit a new one.',
  ],
  'posting.changedMeanwhile': [
    '수정하는 동안 다른 담당자가 공고 상태를 바꿨습니다(현재 상태: {status|pp.status}). 공고를 다시 열어 확인한 뒤 수정하세요.',
    'The posting’s status changed while you were editing it (now: {status|pp.status}). Open it again and redo the change.',
  ],
  'posting.alreadyEnded': [
    '이미 마감된 공고입니다(현재 상태: {status|pp.status}).',
    'The posting has already ended (status: {status|pp.status}).',
  ],
  'worknet.held': [
    '담당자 검토 중이거나 검토 결과(현재 상태: {status|pp.status})가 있는 공고라 고용24 내용으로 바꾸지 않았습니다.',
    'Held: a counsellor’s review decides this posting (status: {status|pp.status}); the import changed nothing.',
  ],
  'worknet.malformed': [
    '워크넷 XML을 해석할 수 없습니다: {reason}',
    'The Worknet XML could not be parsed: {reason}',
  ],
  'worknet.noRoot': [
    '<wantedRoot> 안에 <wanted> 목록이 있어야 합니다.',
    'Expected <wanted> elements inside <wantedRoot>.',
  ],
  'worknet.jobsCd': [
    '워크넷 직종코드 {code}의 앞 네 자리가 한국고용직업분류 {edition} 세분류가 아닙니다.',
    'The first four digits of Worknet occupation code {code} are not a KECO {edition} detailed group.',
  ],
  'worknet.region': ['근무지역을 알 수 없습니다: {region}', 'Unknown work region: {region}'],
  'worknet.salTp': [
    '임금형태는 시급·일급·월급·연봉 중 하나여야 합니다: {value}',
    'The wage type must be 시급, 일급, 월급 or 연봉: {value}',
  ],
  'worknet.education': ['학력을 알 수 없습니다: {value}', 'Unknown education level: {value}'],
  'worknet.career': ['경력 조건을 알 수 없습니다: {value}', 'Unknown career requirement: {value}'],
  'worknet.date': ['날짜 형식을 알 수 없습니다: {value}', 'Unknown date format: {value}'],
  'worknet.employer': [
    '사업자등록번호가 없거나 올바르지 않고, 같은 이름의 기업도 없습니다.',
    'No valid business registration number and no employer with this name.',
  ],
  'worknet.noCentre': [
    '가져온 공고를 맡을 센터를 정할 수 없습니다(centreId 지정 필요).',
    'No centre to own the imported postings (give centreId).',
  ],
  'worknet.rejected': [
    '{count}개 공고에 오류가 있어 아무것도 저장하지 않았습니다(?partial=true 로 나머지만 저장).',
    '{count} postings have errors, nothing was saved (use ?partial=true to save the rest).',
  ],
});
