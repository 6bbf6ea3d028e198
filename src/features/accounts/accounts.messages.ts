import { defineMessages } from '../../platform/i18n/i18n.ts';

export const accountMessages = defineMessages({
  'auth.invalid': [
    '아이디 또는 비밀번호가 올바르지 않습니다. 6번 연속 틀리면 계정이 {minutes}분간 잠깁니다.',
    'Wrong login or password. After 6 failures in a row an account is locked for {minutes} minutes.',
  ],
  'auth.locked': [
    '로그인 실패가 반복되어 계정이 {minutes}분간 잠겼습니다.',
    'Too many failed logins: the account is locked for {minutes} minutes.',
  ],
  'auth.otpRequired': [
    '인증 앱의 6자리 코드(OTP)를 입력하세요.',
    'Enter the 6-digit code from your authenticator app.',
  ],
  'auth.otpInvalid': ['OTP 코드가 올바르지 않습니다.', 'The one-time code is wrong.'],
  'auth.passwordTooShort': [
    '비밀번호는 8자 이상이어야 합니다.',
    'The password must have at least 8 characters.',
  ],
  'password.tooCommon': [
    '비밀번호: 너무 흔한 비밀번호라 쓸 수 없습니다. 다른 사람이 짐작하기 어려운 문장이나 단어 조합을 쓰세요.',
    'Password: this one is too common to be safe. Choose a phrase or words others cannot guess.',
  ],
  'password.likeLogin': [
    '비밀번호: 아이디와 같거나 아이디에 숫자만 붙인 비밀번호는 쓸 수 없습니다.',
    'Password: it must not be the login, with or without digits around it.',
  ],
  'auth.loginTaken': ['이미 사용 중인 아이디입니다.', 'This login is already taken.'],
  'auth.sessionExpired': [
    '세션이 만료되었습니다. 다시 로그인하세요.',
    'Your session expired. Please log in again.',
  ],
  'token.notFound': ['API 토큰을 찾을 수 없습니다.', 'API token not found.'],
  'token.sessionRequired': [
    'API 토큰은 로그인한 화면(세션)에서만 새로 발급할 수 있습니다. 토큰으로 토큰을 만들 수는 없습니다.',
    'A new API token can be created only from a signed-in session, not with another token.',
  ],
  'centre.notFound': ['센터를 찾을 수 없습니다.', 'Centre not found.'],
  'centre.parentKind': [
    '상위 기관으로 지정할 수 없는 기관입니다.',
    'This organisation cannot be the parent.',
  ],
  'user.notFound': ['사용자를 찾을 수 없습니다.', 'User not found.'],
  'user.departmentRole': [
    '부서 담당자 계정은 역할·센터를 바꿀 수 없습니다. 새 계정을 만드세요.',
    'A department officer account keeps its role and centre; create a new account instead.',
  ],
  'user.roleNotAllowed': ['이 역할을 부여할 권한이 없습니다.', 'You may not grant this role.'],
  'user.centreNotAllowed': [
    '다른 센터의 사용자는 관리할 수 없습니다.',
    'You may not manage users of another centre.',
  ],
  'user.bindingRole': [
    '구직자 계정에만 구직자를, 구인기업 계정에만 기업을 연결할 수 있습니다.',
    'Only a seeker account links a seeker, and only an employer account links an employer.',
  ],
  'user.employerRequired': [
    '구인기업 사용자는 기업을 지정해야 합니다.',
    'An employer user needs an employerId.',
  ],
});
