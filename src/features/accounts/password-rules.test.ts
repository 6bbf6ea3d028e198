import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-rules.ts';

const keyOf = (password: string, login?: string) => passwordProblems(password, login)[0]?.key ?? null;

describe('password rules', () => {
  it('refuses the common passwords and common words with digits or symbols around them', () => {
    for (const p of [
      '12345678',
      'password',
      'Password',
      'qwerty123',
      'QWERTY123',
      '1q2w3e4r',
      'qwer1234',
      'P@ssw0rd',
      'Password2026!',
      'ilteo2026',
      'ilteo#2026!',
      '!!ILTEO!!',
      'iloveyou',
      '19880415',
      'aaaaaaaaaaaa',
      '１２３４５６７８',
    ]) {
      expect(keyOf(p), p).toBe('password.tooCommon');
    }
  });

  it('refuses the login itself, with digits or symbols around it', () => {
    expect(keyOf('kim.minjun', 'kim.minjun')).toBe('password.likeLogin');
    expect(keyOf('Kim.Minjun2026!', 'kim.minjun')).toBe('password.likeLogin');
    expect(keyOf('counsellor7', 'counsellor7')).toBe('password.likeLogin');
  });

  it('keeps the length rule and accepts passwords nobody guesses first', () => {
    expect(keyOf('abc1')).toBe('auth.passwordTooShort');
    for (const p of [
      'correct-horse-9',
      'seoul-2026!',
      '용접 배우는 중입니다',
      'admin-password-1',
      '199 cheap cats',
    ]) {
      expect(keyOf(p, 'admin'), p).toBeNull();
    }
  });
});
