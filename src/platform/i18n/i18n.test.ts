import { describe, expect, it } from 'vitest';
import { defineMessages, t } from './i18n.ts';

defineMessages({
  'test.i18n.plain': ['저장했습니다.', 'Saved.'],
  'test.i18n.params': ['{name}님, {n}건 중 {n}건', '{name}, {n} of {n}'],
  'test.i18n.edges': ['{a}{b}', '[{a}]'],
  'test.i18n.code': ['현재 상태: {status|test.i18n.st}', 'Status: {status|test.i18n.st}'],
  'test.i18n.st.pending': ['승인 대기', 'Pending'],
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

  it('names a code in the language with {name|prefix}, and shows an unknown code as it is', () => {
    expect(t('ko', 'test.i18n.code', { status: 'pending' })).toBe('현재 상태: 승인 대기');
    expect(t('en', 'test.i18n.code', { status: 'pending' })).toBe('Status: Pending');
    expect(t('ko', 'test.i18n.code', { status: 'odd' })).toBe('현재 상태: odd');
    expect(t('ko', 'test.i18n.code')).toBe('현재 상태: {status}');
  });

  it('falls back to the key when no message has it', () => {
    expect(t('ko', 'test.i18n.unknown')).toBe('test.i18n.unknown');
  });
});
