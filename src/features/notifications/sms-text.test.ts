import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { DEFAULT_QUIET_HOURS, isQuiet, nextMorning, sendableAt } from './quiet-hours.ts';
import { eucKrBytes, isKsx1001, lmsSubject, smsKind, toSmsText } from './sms-text.ts';
import { advertisingText, renderTemplate, templateFields } from './templates.ts';

/** A KST wall-clock time as an instant. */
const kst = (s: string) => new Date(`${s}+09:00`);

describe('SMS text (strict EUC-KR, KS X 1001)', () => {
  it('counts ASCII as 1 byte and Hangul as 2, and picks SMS up to 90 bytes, LMS up to 2,000', () => {
    expect(eucKrBytes('abc')).toBe(3);
    expect(eucKrBytes('일터 안내')).toBe(9);
    expect(smsKind('가'.repeat(45))).toBe('sms');
    expect(smsKind(`${'가'.repeat(45)}a`)).toBe('lms');
    expect(smsKind('가'.repeat(1000))).toBe('lms');
    expect(smsKind(`${'가'.repeat(1000)}a`)).toBeNull();
  });

  it('refuses the CP949-only syllables and emoji a strict gateway rejects; (광고) passes', () => {
    for (const ok of ['가', '힝', '(', '광', '①', '\n']) expect(isKsx1001(ok), ok).toBe(true);
    for (const bad of ['똠', '뷁', '힣', '😀', '\u0007']) expect(isKsx1001(bad), bad).toBe(false);
    const r = toSmsText('김똠님 😀 안내');
    expect(r.text).toBe('김?님 ? 안내');
    expect(r.replaced).toEqual(['똠', '😀']);
    expect(toSmsText('김똠님', null)).toMatchObject({ refused: true, text: '김님' });
    expect(toSmsText('(광고)일터').refused).toBe(false);
  });

  it('cuts an LMS subject to 40 bytes on a character boundary', () => {
    const s = lmsSubject('가'.repeat(30));
    expect(eucKrBytes(s)).toBe(40);
  });
});

describe('templates', () => {
  it('fills #{fields}, never leaves one raw, and frames advertising as the law asks', () => {
    expect(templateFields('#{name}님 #{company} #{name}')).toEqual(['name', 'company']);
    expect(renderTemplate('#{name}님, #{place}', { name: '홍길동' })).toBe('홍길동님, -');
    const ad = advertisingText('본문', '일터 중구센터', '080-000-0000');
    expect(ad.startsWith('(광고)일터 중구센터\n')).toBe(true);
    expect(ad.endsWith('무료수신거부 080-000-0000')).toBe(true);
  });
});

describe('quiet hours (Asia/Seoul)', () => {
  const info = { category: 'info' as const, urgent: false, nightOptIn: false };
  const ad = { category: 'ad' as const, urgent: false, nightOptIn: false };
  it('holds an informational message written at 20:55 until 08:00 the next morning', () => {
    expect(sendableAt(kst('2026-12-07T20:55:00'), info)).toEqual(kst('2026-12-08T08:00:00'));
    expect(sendableAt(kst('2026-12-08T03:10:00'), info)).toEqual(kst('2026-12-08T08:00:00'));
    expect(sendableAt(kst('2026-12-07T19:59:00'), info)).toEqual(kst('2026-12-07T19:59:00'));
    expect(sendableAt(kst('2026-12-07T08:00:00'), info)).toEqual(kst('2026-12-07T08:00:00'));
  });
  it('sends urgent informational messages at any hour', () => {
    expect(isQuiet(kst('2026-12-07T23:00:00'), { ...info, urgent: true })).toBe(false);
  });
  it('never sends advertising 21:00–08:00 without the night opt-in', () => {
    expect(isQuiet(kst('2026-12-07T21:30:00'), ad)).toBe(true);
    expect(isQuiet(kst('2026-12-07T07:59:00'), ad)).toBe(true);
    expect(isQuiet(kst('2026-12-07T21:30:00'), { ...ad, nightOptIn: true })).toBe(false);
    // an urgent flag does not lift the legal rule
    expect(isQuiet(kst('2026-12-07T22:00:00'), { ...ad, urgent: true })).toBe(true);
  });
  it('the next morning is 08:00 KST (23:00 UTC the day before)', () => {
    expect(nextMorning(kst('2026-12-31T22:00:00')).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });
  it('never sends advertising when an informational message would wait', () => {
    // 20:30: the courtesy window (from 20:00) holds both; the law alone would start at 21:00
    expect(isQuiet(kst('2026-12-07T20:30:00'), info)).toBe(true);
    expect(isQuiet(kst('2026-12-07T20:30:00'), ad)).toBe(true);
    expect(sendableAt(kst('2026-12-07T20:30:00'), ad)).toEqual(kst('2026-12-08T08:00:00'));
    expect(isQuiet(kst('2026-12-07T19:59:00'), ad)).toBe(false);
    // the night opt-in is consent to advertising at night: it lifts both for advertising
    expect(isQuiet(kst('2026-12-07T20:30:00'), { ...ad, nightOptIn: true })).toBe(false);
    // an installation whose courtesy window is 21:00–09:00: advertising waits until 09:00 too
    const q = { infoFrom: 21, infoUntil: 9, adFrom: 21, adUntil: 8 };
    expect(isQuiet(kst('2026-12-07T20:30:00'), { ...info, quiet: q })).toBe(false);
    expect(isQuiet(kst('2026-12-07T20:30:00'), { ...ad, quiet: q })).toBe(false);
    expect(sendableAt(kst('2026-12-07T22:00:00'), { ...info, quiet: q })).toEqual(kst('2026-12-08T09:00:00'));
    expect(sendableAt(kst('2026-12-07T22:00:00'), { ...ad, quiet: q })).toEqual(kst('2026-12-08T09:00:00'));
    // no courtesy window at all: informational goes at any hour, advertising keeps the law's
    const none = { ...q, infoFrom: 24 };
    expect(isQuiet(kst('2026-12-07T23:00:00'), { ...info, quiet: none })).toBe(false);
    expect(sendableAt(kst('2026-12-07T23:00:00'), { ...ad, quiet: none })).toEqual(
      kst('2026-12-08T08:00:00'),
    );
  });
  it('refuses a configuration that would narrow the legal advertising window', () => {
    expect(() => loadConfig({ ILTEO_NOTIFY_AD_QUIET_FROM: '22' })).toThrow(ConfigError);
    expect(() => loadConfig({ ILTEO_NOTIFY_AD_QUIET_UNTIL: '7' })).toThrow(ConfigError);
    expect(loadConfig({ ILTEO_NOTIFY_AD_QUIET_FROM: '20' }).notify.quiet.adFrom).toBe(20);
    expect(loadConfig({}).notify.quiet).toEqual(DEFAULT_QUIET_HOURS);
  });
});
