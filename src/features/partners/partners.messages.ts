import { defineMessages } from '../../platform/i18n/i18n.ts';

/** Messages of partners and their keys as [Korean, English]. */
export const partnersMessages = defineMessages({
  'partner.notFound': ['협력 기관을 찾을 수 없습니다.', 'Partner not found.'],
  'partner.alreadyRevoked': ['이미 폐기된 협력 기관입니다.', 'This partner is already revoked.'],
  'partner.rateLimited': [
    '요청이 너무 많습니다. 이 키는 1분에 {limit}건까지 요청할 수 있습니다. {seconds}초 뒤에 다시 시도하세요.',
    'Too many requests: this key may make {limit} requests a minute. Try again in {seconds} s.',
  ],
});
