import type { FieldProblem } from '../../platform/errors.ts';
import './accounts.messages.ts';

/** SECURITY.md 4: at least 8 characters. */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * Passwords of 8 characters or more that lead every published list of cracked and leaked
 * passwords (the SecLists and NordPass top lists, Korean keyboard walks), compared lowercased.
 */
const common = new Set(
  `12345678 123456789 1234567890 12345678910 123123123 123412341234 11111111 111111111 1111111111
  00000000 000000000 0000000000 88888888 99999999 12121212 11223344 112233445566 123321123
  87654321 987654321 9876543210 147258369 123456780 1234567899 123456789a 123456789q 12344321
  01234567 1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r! q1w2e3r4 q1w2e3r4t5 qwer1234
  qwer1234! asdf1234 zxcv1234 1234qwer 1234asdf qwerasdf asdfqwer qwertyui qwertyuiop asdfghjk
  asdfghjkl zxcvbnm1 zxcvbnm123 qazwsxedc qazwsx123 zaq12wsx zaq1zaq1 1qazxsw2 !qaz2wsx
  abcd1234 abc12345 abc123456 a1234567 a12345678 a123456789 aa123456 aa12345678 1a2b3c4d
  a1b2c3d4 a1s2d3f4 abcdefgh abcdefg1 aaaaaaaa qqqqqqqq asdasdasd qweqweqwe qweasdzxc
  qweasd123 qwe123qwe qwe12345 qwert123 qwerty12 qwerty123 qwerty1234 qwerty123456 qwertyqwerty
  password password1 password12 password123 password1234 password! password1! passw0rd
  p@ssw0rd p@ssword pa$$word passwort motdepasse contraseña password01 mypassword
  iloveyou iloveyou1 iloveyou2 lovelove loveyou1 sunshine sunshine1 princess princess1
  football football1 baseball baseball1 basketball superman batman123 starwars pokemon1
  trustno1 whatever whatever1 welcome1 welcome123 welcome! letmein1 letmein123 changeme
  changeme1 computer computer1 internet internet1 michael1 jennifer jordan23 charlie1
  dragon12 dragon123 monkey12 monkey123 master12 master123 shadow12 shadow123 freedom1
  chocolate butterfly 1qaz!qaz administrator admin123 admin1234 admin12345 admin@123
  administrator1 root1234 toor1234 rootroot useruser user1234 test1234 test12345 testtest
  guest123 default1 secret12 secret123 access14 mustang1 liverpool chelsea1 arsenal1
  samsung1 samsung123 google123 naver123 daum1234 kakao123 cyworld1 sarang12 saranghae
  saranghae1 iloveu12 loveme12 fuckyou1 asdf;lkj 1234abcd 12qwaszx 123qweasd 123qweasdzxc
  qwer!@#$ !@#$%^&* !q@w#e$r 1q2w3e4r5t6y7u8i 123abc123 abc123abc 1029384756 5201314520
  ilteo ilteo123 ilteo1234 ilteo2025 ilteo2026 ilteo! ilteo123! iltoe123 일터 일터1234 일터123!`.split(/\s+/),
);

/**
 * Words that stay guessable with digits or symbols around them (`Password2026!`, `ilteo#1`):
 * a password that is one of these once the digits and symbols at its ends are stripped is
 * refused too.
 */
const weakWords = new Set(
  `password passw0rd p@ssw0rd qwerty qwertyuiop qwer asdf asdfgh zxcv zxcvbn qazwsx admin
  administrator root user test guest welcome letmein iloveyou love sunshine princess dragon
  monkey master shadow football baseball superman batman computer internet changeme secret
  default login abcd abcdef abcdefg abc ilteo iltoe 일터 비밀번호 사랑해`.split(/\s+/),
);

const ends = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;

/**
 * Why a password is refused (empty when it is acceptable): too short, one of the common ones
 * (or a common word with digits and symbols around it, a single repeated character, digits
 * and symbols only under 12 characters), or the login itself (also with digits around it).
 */
export function passwordProblems(password: string, login?: string): FieldProblem[] {
  if (password.length < MIN_PASSWORD_LENGTH) return [{ field: 'password', key: 'auth.passwordTooShort' }];
  const p = password.normalize('NFKC').toLowerCase();
  const core = p.replace(ends, '');
  const name = login?.normalize('NFKC').toLowerCase().trim() ?? '';
  const nameCore = name.replace(ends, '');
  if (name && (p === name || (nameCore !== '' && core === nameCore))) {
    return [{ field: 'password', key: 'password.likeLogin' }];
  }
  if (common.has(p) || weakWords.has(core) || (core === '' && p.length < 12) || /^(.)\1*$/u.test(p)) {
    return [{ field: 'password', key: 'password.tooCommon' }];
  }
  return [];
}
