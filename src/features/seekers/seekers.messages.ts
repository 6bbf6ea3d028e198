import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of job-seeker registration, consents, status and total care as [Korean, English]. */
export const seekerMessages = defineMessages({
  'seeker.notFound': ['구직자를 찾을 수 없습니다.', 'Job seeker not found.'],
  'seeker.duplicate': [
    '이미 등록된 구직자입니다(이름·생년월일·전화번호 일치). 기존 기록을 이용해 주세요.',
    'This job seeker is already registered (same name, birth date and phone). Please use the existing record.',
  ],
  'seeker.externalIdTaken': [
    '이 센터에 같은 외부 ID의 구직자가 이미 있습니다.',
    'A job seeker with this external id already exists in this centre.',
  ],
  'seeker.importBusy': [
    '이 센터의 구직자 일괄 등록이 이미 진행 중입니다. 끝난 뒤 다시 올려 주세요.',
    'A seeker import into this centre is already running. Upload again when it has finished.',
  ],
  'seeker.importRaced': [
    '일괄 등록 중에 다른 곳에서 같은 구직자 {count}명이 등록되어 파일 전체를 등록하지 않았습니다. 다시 올리면 해당 행만 중복으로 표시됩니다.',
    '{count} job seeker(s) of the file were registered elsewhere while it was imported, so nothing was saved. Upload again: those rows will be listed as duplicates.',
  ],
  'seeker.registeredMeanwhile': [
    '일괄 등록 중에 다른 곳에서 같은 구직자가 등록되었습니다.',
    'The same job seeker was registered elsewhere while the file was imported.',
  ],
  'seeker.birthDateFuture': ['생년월일이 미래입니다.', 'The birth date is in the future.'],
  'seeker.birthDateRange': [
    '생년월일이 올바르지 않습니다(만 13세~100세).',
    'Implausible birth date (age must be 13 to 100).',
  ],
  'seeker.dateFuture': ['미래 날짜는 입력할 수 없습니다.', 'The date cannot be in the future.'],
  'seeker.wageMin': ['0 이상이어야 합니다.', 'Must be 0 or more.'],
  'seeker.wageTypeRequired': [
    '희망임금을 입력하면 임금형태(D/H/M/Y)도 입력해야 합니다.',
    'A wage type (D/H/M/Y) is required with a desired wage.',
  ],
  'seeker.months': ['0~720 사이의 개월 수여야 합니다.', 'Must be a number of months from 0 to 720.'],
  'seeker.sensitiveConsent': [
    '장애 등 민감정보는 별도의 민감정보 동의가 있어야 입력할 수 있습니다.',
    'Disability and other sensitive data require a separate sensitive-data consent.',
  ],
  'seeker.rrnMasked': [
    '주민등록번호로 보이는 숫자를 가렸습니다. 주민등록번호는 수집하지 않습니다.',
    'A resident registration number was masked: ilteo does not collect them.',
  ],
  'seeker.noCentre': ['구직자를 등록할 센터가 필요합니다.', 'A centre is needed to register the job seeker.'],
  'seeker.centreUnknown': ['센터를 찾을 수 없습니다.', 'Centre not found.'],
  'seeker.empty': ['비어 있을 수 없습니다.', 'Cannot be empty.'],
  'seeker.notLinked': [
    '계정에 연결된 구직자 정보가 없습니다.',
    'No job-seeker record is linked to this account.',
  ],
  'seeker.sharedReadOnly': [
    '연계 동의로 열람 중인 구직자는 변경할 수 없습니다.',
    'A job seeker shared by consent is read-only here.',
  ],
  'consent.notFound': ['동의 기록을 찾을 수 없습니다.', 'Consent record not found.'],
  'consent.alreadyWithdrawn': ['이미 철회된 동의입니다.', 'This consent has already been withdrawn.'],
  'consent.validUntil': ['동의 기간은 오늘 이후여야 합니다.', 'The consent period must end after today.'],
  'seeker.statusUnchanged': [
    '현재 상태와 같습니다. 바꿀 상태를 선택해 주세요.',
    "This is already the job seeker's status. Choose the status to change to.",
  ],
  'care.minReferrals': ['1~50 사이여야 합니다.', 'Must be between 1 and 50.'],
});
