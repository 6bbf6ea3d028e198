import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, decryptField, encryptField } from './fields.ts';

describe('field encryption', () => {
  const key = randomBytes(32);
  it('round-trips and never stores the clear text', () => {
    const c = encryptField(key, '010-1234-5678')!;
    expect(c).not.toContain('1234');
    expect(decryptField(key, c)).toBe('010-1234-5678');
    expect(encryptField(key, '010-1234-5678')).not.toBe(c);
  });
  it('refuses a tampered value or a wrong key', () => {
    const c = encryptField(key, '서울시 중구')!;
    const raw = Buffer.from(c.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => decryptField(key, `v1:${raw.toString('base64')}`)).toThrow();
    expect(() => decryptField(randomBytes(32), c)).toThrow();
  });
  it('gives equal blind indexes for equal values only', () => {
    expect(blindIndex(key, 'a')).toBe(blindIndex(key, 'a'));
    expect(blindIndex(key, 'a')).not.toBe(blindIndex(key, 'b'));
  });
});
