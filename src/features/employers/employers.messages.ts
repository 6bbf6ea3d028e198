import { defineMessages } from '../../platform/i18n/i18n.ts';

export const employerMessages = defineMessages({
  'employer.notFound': ['구인기업을 찾을 수 없습니다.', 'Employer not found.'],
  'employer.notServed': [
    '다른 센터 관할의 구인기업입니다. 이 기업으로는 공고나 계정을 만들 수 없습니다.',
    'This employer is served by another centre: you cannot post or create accounts for it.',
  ],
  'employer.duplicate': [
    '이미 등록된 사업자등록번호입니다(기존 기업 id: {existingId}).',
    'This business registration number is already registered (existing employer id: {existingId}).',
  ],
  'employer.counsellor': [
    '담당 상담사는 이 기업 소속 센터의 직원이어야 합니다.',
    'The assigned counsellor must be staff of the employer’s centre.',
  ],
  'employer.noCentre': [
    '기업을 맡을 센터가 없습니다. 관리자에게 문의하세요.',
    'No centre can take this employer; contact the administrator.',
  ],
  'employer.ksic': [
    '한국표준산업분류(KSIC) 대분류 또는 중분류 코드가 아닙니다: {code}',
    'Not a KSIC section or division code: {code}',
  ],
  'employer.claimCodeRequired': [
    '일자리센터 발굴단이 먼저 등록한 기업입니다. 센터에서 받은 가입 코드를 입력하세요(코드가 없으면 담당 센터에 요청하세요).',
    'Your job centre registered this company before: enter the sign-up code the centre gave you (ask the centre if you have none).',
  ],
  'employer.claimCodeWrong': [
    '가입 코드가 맞지 않습니다. 5번 틀리면 코드가 무효가 되니 담당 센터에 새 코드를 요청하세요.',
    'The sign-up code does not match. After five wrong tries the code is void: ask your centre for a new one.',
  ],
  'employer.claimCodeExpired': [
    '가입 코드의 유효기간(30일)이 지났습니다. 담당 센터에 새 코드를 요청하세요.',
    'The sign-up code has expired (30 days). Ask your centre for a new one.',
  ],
  'employer.claimNotProspect': [
    '가입 코드는 아직 계정이 없는 발굴 기업(예비 기업)에만 발급합니다.',
    'A sign-up code is issued only for a prospect company that has no account yet.',
  ],
});
