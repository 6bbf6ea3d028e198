import { totpCode } from '../../src/features/accounts/totp.ts';

/**
 * A six-digit code the app refuses for this secret now and for the next minute: none of the codes
 * of the steps from one before to two after the current one. A fixed "wrong" code such as 000000
 * is right for one step in a million, and one chosen against the current step alone can become
 * right when a slow machine crosses a step boundary before the request is checked.
 */
export function wrongTotpCode(secret: string, at = Date.now()): string {
  const near = new Set([-1, 0, 1, 2].map((step) => totpCode(secret, at + step * 30_000)));
  let n = Number(totpCode(secret, at));
  let code: string;
  do {
    n = (n + 123_457) % 1_000_000;
    code = String(n).padStart(6, '0');
  } while (near.has(code));
  return code;
}
