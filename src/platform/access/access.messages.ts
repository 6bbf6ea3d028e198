import { defineMessages } from '../i18n/i18n.ts';

export const accessMessages = defineMessages({
  'access.totpEnrolmentRequired': [
    '2단계 인증(OTP)을 먼저 등록해야 합니다. POST /api/v1/auth/totp/enrol 로 등록을 시작하고 POST /api/v1/auth/totp/confirm 으로 완료하세요.',
    'Two-step login (TOTP) must be set up first: start with POST /api/v1/auth/totp/enrol and finish with POST /api/v1/auth/totp/confirm.',
  ],
  'partner.scope': [
    '이 API 키의 권한 범위 밖입니다 (필요한 범위: {scope}).',
    'This API key does not hold the scope this needs ({scope}).',
  ],
});
