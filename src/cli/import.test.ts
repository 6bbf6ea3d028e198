import { describe, expect, it } from 'vitest';
import { kecoEdition } from './import.ts';

describe('ilteo import --keco-edition', () => {
  it('defaults to KECO 2025 (what 고용24 sends), takes 2018 for older files, refuses anything else', () => {
    expect(kecoEdition(undefined)).toBe('2025');
    expect(kecoEdition('2025')).toBe('2025');
    expect(kecoEdition('2018')).toBe('2018');
    expect(() => kecoEdition('2007')).toThrow(/2018 or 2025/);
  });
});
