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
});
