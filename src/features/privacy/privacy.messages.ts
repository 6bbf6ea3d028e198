import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of data-subject requests as [Korean, English]. */
export const privacyMessages = defineMessages({
  'privacy.notFound': ['요청을 찾을 수 없습니다.', 'Request not found.'],
  'privacy.closed': ['이미 처리된 요청입니다.', 'This request has already been handled.'],
  'privacy.seekerGone': ['대상 구직자 정보가 더 이상 없습니다.', 'The job seeker no longer exists.'],
});
