import { createHmac, timingSafeEqual } from 'node:crypto';

/** Minutes a right password waits for its TOTP code on the web's code step. */
export const CODE_STEP_MINUTES = 5;

// 128-bit HMAC tag with the data key, in a domain of its own.
const sign = (key: Buffer, data: string) =>
  createHmac('sha256', key).update(`login-code:${data}`).digest().subarray(0, 16).toString('base64url');

/**
 * A signed, short-lived note that `userId` gave the right password, carried by the web login's
 * code step in an HttpOnly cookie. It is no session: it only lets the code be asked for, and
 * wrong codes count towards the account lock like wrong passwords.
 */
export function codeStepToken(key: Buffer, userId: string, now = Date.now()): string {
  const payload = `${userId}.${Math.floor(now / 1000) + CODE_STEP_MINUTES * 60}`;
  return `${payload}.${sign(key, payload)}`;
}

/** The user id of a genuine, unexpired code-step token; null otherwise. */
export function readCodeStepToken(key: Buffer, token: string, now = Date.now()): string | null {
  const dot = token.lastIndexOf('.');
  if (dot < 0) return null;
  const payload = token.slice(0, dot);
  const sent = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(key, payload));
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) return null;
  const [userId, expires] = payload.split('.');
  if (!userId || !/^[0-9a-f-]{36}$/.test(userId) || !(Number(expires) * 1000 > now)) return null;
  return userId;
}
