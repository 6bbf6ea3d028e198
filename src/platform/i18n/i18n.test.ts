import { describe, expect, it } from 'vitest';
import { defineMessages, t } from './i18n.ts';

defineMessages({
  'test.i18n.plain': ['저장했습니다.', 'Saved.'],
  'test.i18n.params': ['{name}님, {n}건 중 {n}건', '{name}, {n} of {n}'],
  'test.i18n.edges': ['{a}{b}', '[{a}]'],
});

describe('t', () => {
  it('fills placeholders in the language, repeated ones too, and keeps a missing one as it is', () => {
    expect(t('ko', 'test.i18n.plain')).toBe('저장했습니다.');
    expect(t('en', 'test.i18n.plain')).toBe('Saved.');
    expect(t('ko', 'test.i18n.params', { name: '김상담', n: 3 })).toBe('김상담님, 3건 중 3건');
    expect(t('en', 'test.i18n.params', { name: 'Kim', n: 0 })).toBe('Kim, 0 of 0');
    expect(t('en', 'test.i18n.params', { n: 1 })).toBe('{name}, 1 of 1');
    expect(t('ko', 'test.i18n.edges', { a: 'x', b: 'y' })).toBe('xy');
    expect(t('en', 'test.i18n.edges', { a: '' })).toBe('[]');
    // The same text again (from the split cache).
    expect(t('ko', 'test.i18n.params', { name: '이', n: 2 })).toBe('이님, 2건 중 2건');
  });

  it('falls back to the key when no message has it', () => {
    expect(t('ko', 'test.i18n.unknown')).toBe('test.i18n.unknown');
  });
});
