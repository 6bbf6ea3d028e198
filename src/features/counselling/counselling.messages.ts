import { defineMessages } from '../../platform/i18n/i18n.ts';

export const counsellingMessages = defineMessages({
  'counselling.seekerNotFound': ['구직자를 찾을 수 없습니다.', 'Seeker not found.'],
  'counselling.dateTime': [
    '날짜와 시각 형식이 아닙니다(예: 2026-03-02T14:30:00+09:00).',
    'Not a date and time (e.g. 2026-03-02T14:30:00+09:00).',
  ],
  'counselling.atFuture': [
    '상담 일시는 미래일 수 없습니다.',
    'The counselling time cannot be in the future.',
  ],
  'counselling.nextBeforeAt': [
    '다음 상담 예정일은 상담 일시 이후여야 합니다.',
    'The next contact must be after the counselling time.',
  ],
  'counselling.rrnMasked': [
    '주민등록번호로 보이는 번호를 가려서 저장했습니다. 주민등록번호는 수집하지 않습니다.',
    'A number that looks like a resident registration number was masked; it is not collected.',
  ],
  'plan.notFound': ['개인별 취업활동계획(IAP)이 아직 없습니다.', 'This seeker has no action plan yet.'],
  'plan.stepNotFound': ['계획 단계를 찾을 수 없습니다.', 'Plan step not found.'],
  'caseload.counsellorNotFound': ['상담사를 찾을 수 없습니다.', 'Counsellor not found.'],
});
