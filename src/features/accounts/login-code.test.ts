import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_STEP_MINUTES, codeStepToken, readCodeStepToken } from './login-code.ts';

const key = randomBytes(32);
const userId = '0193a4b2-7c1d-7e3f-8a9b-0c1d2e3f4a5b';

describe('code-step token', () => {
  it('names its user until it expires', () => {
    const now = Date.now();
    const token = codeStepToken(key, userId, now);
    expect(readCodeStepToken(key, token, now)).toBe(userId);
    expect(readCodeStepToken(key, token, now + (CODE_STEP_MINUTES * 60 - 1) * 1000)).toBe(userId);
    expect(readCodeStepToken(key, token, now + (CODE_STEP_MINUTES * 60 + 1) * 1000)).toBeNull();
  });

  it('refuses a token that was altered or signed with another key', () => {
    const token = codeStepToken(key, userId);
    const other = '0193a4b2-7c1d-7e3f-8a9b-0c1d2e3f4a5c';
    expect(readCodeStepToken(key, token.replace(userId, other))).toBeNull();
    const [id, expires, tag] = token.split('.');
    expect(readCodeStepToken(key, `${id}.${Number(expires) + 3600}.${tag}`)).toBeNull();
    expect(readCodeStepToken(randomBytes(32), token)).toBeNull();
    expect(readCodeStepToken(key, 'garbage')).toBeNull();
  });
});
