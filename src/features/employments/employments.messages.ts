import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of employment records. [Korean, English] */
export const employmentMessages = defineMessages({
  'employment.seekerNotFound': ['구직자를 찾을 수 없습니다.', 'Job seeker not found.'],
  'employment.employerNotFound': ['구인기업을 찾을 수 없습니다.', 'Employer not found.'],
  'employment.postingNotFound': ['구인공고를 찾을 수 없습니다.', 'Job posting not found.'],
  'employment.referralNotFound': [
    '이 구직자의 알선을 찾을 수 없습니다.',
    'No such referral for this job seeker.',
  ],
  'employment.referralUsed': [
    '이 알선에는 이미 취업 기록이 있습니다.',
    'This referral already has an employment.',
  ],
  'employment.route.referral': ['알선 취업', 'Referral'],
  'employment.route.self': ['본인 취업', 'Found by the job seeker'],
  'employment.route.event': ['채용행사', 'Hiring event'],
  'employment.route.public_job': ['공공일자리', 'Public job'],
  'employment.startDate': ['취업일이 올바르지 않습니다.', 'The start date is not valid.'],
  'employment.duplicate': [
    '같은 구직자·취업일·사업장의 취업 기록이 이미 있습니다(기존 기록 id: {existingId}).',
    'This employment (same seeker, start date and employer) is already recorded (existing record id: {existingId}).',
  ],
});
