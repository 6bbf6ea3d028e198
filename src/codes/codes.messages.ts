import { defineMessages } from '../platform/i18n/i18n.ts';

/** Messages of the code sets as [Korean, English]. */
export const codesMessages = defineMessages({
  'field.regionAbolished': [
    '{code}은(는) {validTo}까지 쓰인 지역코드로 폐지되었습니다. 지금 코드: {successors}',
    '{code} is a region code abolished after {validTo}. Use instead: {successors}',
  ],
  'field.regionNotYet': [
    '{code}은(는) {validFrom}부터 쓰는 지역코드입니다.',
    '{code} is a region code in force only from {validFrom}.',
  ],
});
