import { defineMessages } from './i18n.ts';

/**
 * Platform messages as [Korean, English]. Each feature defines its own in
 * `<feature>.messages.ts` with defineMessages, which registers them at import.
 */
export const messages = defineMessages({
  'error.validation': ['입력값을 확인해 주세요.', 'Please check the input.'],
  'error.unauthenticated': ['로그인이 필요합니다.', 'Login required.'],
  'error.forbidden': ['권한이 없습니다.', 'You do not have permission.'],
  'error.notFound': ['찾을 수 없습니다.', 'Not found.'],
  'error.conflict': ['다른 데이터와 충돌합니다.', 'Conflicts with existing data.'],
  'error.locked': ['잠시 후 다시 시도해 주세요.', 'Please try again later.'],
  'error.rateLimited': ['요청이 너무 많습니다.', 'Too many requests.'],
  'error.payloadTooLarge': ['요청이 너무 큽니다.', 'Request too large.'],
  'error.unavailable': ['서비스를 일시적으로 사용할 수 없습니다.', 'Service temporarily unavailable.'],
  'error.uriTooLong': ['주소(URL)가 너무 깁니다.', 'The URL is too long.'],
  'error.internal': ['서버 오류가 발생했습니다.', 'Internal server error.'],
  'error.badJson': ['요청 본문을 해석할 수 없습니다.', 'The request body could not be parsed.'],
  'error.unsupportedMedia': ['지원하지 않는 형식입니다: {type}', 'Unsupported media type: {type}'],
  'error.csrf': ['보안 토큰(CSRF)이 없거나 올바르지 않습니다.', 'Missing or invalid CSRF token.'],
  'field.required': ['필수 항목입니다.', 'This field is required.'],
  'field.type': ['형식이 올바르지 않습니다({type} 필요).', 'Wrong type ({type} expected).'],
  'field.minLength': ['{limit}자 이상이어야 합니다.', 'Must be at least {limit} characters.'],
  'field.maxLength': ['{limit}자 이하여야 합니다.', 'Must be at most {limit} characters.'],
  'field.minItems': ['{limit}개 이상이어야 합니다.', 'Must have at least {limit} items.'],
  'field.maxItems': ['{limit}개 이하여야 합니다.', 'Must have at most {limit} items.'],
  'field.minimum': ['{limit} 이상이어야 합니다.', 'Must be at least {limit}.'],
  'field.maximum': ['{limit} 이하여야 합니다.', 'Must be at most {limit}.'],
  'field.pattern': ['형식이 올바르지 않습니다.', 'Invalid format.'],
  'field.format': ['형식이 올바르지 않습니다({format}).', 'Invalid format ({format}).'],
  'field.enum': ['허용되지 않는 값입니다: {allowed}', 'Not an allowed value: {allowed}'],
  'field.unknown': ['알 수 없는 항목입니다.', 'Unknown field.'],
  'field.invalid': ['올바르지 않은 값입니다.', 'Invalid value.'],
  'field.date': ['존재하지 않는 날짜입니다.', 'This date does not exist.'],
  'field.code': ['알 수 없는 코드입니다: {code}', 'Unknown code: {code}'],
  'field.phone': ['한국 전화번호 형식이 아닙니다.', 'Not a Korean phone number.'],
  'field.email': ['이메일 주소 형식이 아닙니다.', 'Not an e-mail address.'],
  'field.bizRegNo': [
    '사업자등록번호가 올바르지 않습니다(검증번호 불일치).',
    'Invalid business registration number (checksum).',
  ],
  'field.notAllowed': ['이 항목은 변경할 수 없습니다.', 'This field cannot be set.'],
  'field.invalidCharacter': [
    '저장할 수 없는 문자(NUL 또는 짝이 없는 서러게이트)가 들어 있습니다.',
    'Contains a character that cannot be stored (NUL or a lone surrogate).',
  ],
  'field.rrnMasked': [
    '주민등록번호로 보이는 숫자를 가리고 저장했습니다(주민등록번호는 수집하지 않습니다).',
    'A number that looks like a resident registration number was masked before saving (it is not collected).',
  ],
  'field.tooDeep': ['입력이 너무 깊게 중첩되어 있습니다.', 'The input is nested too deeply.'],
  'error.invalidUtf8': ['요청 본문이 올바른 UTF-8이 아닙니다.', 'The request body is not valid UTF-8.'],
});

export const auditMessages = defineMessages({
  'audit.reasonRequired': [
    '다운로드·출력 사유를 입력해야 합니다.',
    'A reason is required for downloads and prints.',
  ],
});
