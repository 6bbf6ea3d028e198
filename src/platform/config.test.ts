import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    // API.md: the bind address is HOST, loopback unless set (0.0.0.0 behind a proxy).
    expect(c.host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(c.sessionIdleMinutes).toBe(30);
    expect(c.sessionAbsoluteHours).toBe(12);
    expect(c.tokenDays).toBe(90);
    expect(c.trustProxy).toBe(false);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ILTEO_ADMIN_LOGIN: 'admin' })).toThrow(/ILTEO_ADMIN_PASSWORD/);
    expect(() => loadConfig({ ILTEO_DATA_KEY: 'short' })).toThrow(/ILTEO_DATA_KEY/);
    expect(() => loadConfig({ ILTEO_TOKEN_DAYS: '366' })).toThrow(/ILTEO_TOKEN_DAYS/);
    expect(() =>
      loadConfig({ ILTEO_ADMIN_LOGIN: 'a', ILTEO_ADMIN_PASSWORD: 'b', ILTEO_ADMIN_TOTP_SECRET: '1!' }),
    ).toThrow(/TOTP/);
  });

  it("reads the footer's 기관 정보, each part optional, the phone normalised", () => {
    expect(loadConfig({}).site).toEqual({ operator: null, address: null, phone: null });
    const site = loadConfig({
      ILTEO_SITE_OPERATOR: ' 인천광역시 서해구 일자리센터 ',
      ILTEO_SITE_ADDRESS: '(22001) 인천광역시 서해구 청라대로 100',
      ILTEO_SITE_PHONE: '0325601234',
    }).site;
    expect(site).toEqual({
      operator: '인천광역시 서해구 일자리센터',
      address: '(22001) 인천광역시 서해구 청라대로 100',
      phone: '032-560-1234',
    });
    expect(() => loadConfig({ ILTEO_SITE_PHONE: '국번 없이 123' })).toThrow(/ILTEO_SITE_PHONE/);
    expect(() => loadConfig({ ILTEO_SITE_ADDRESS: 'a\nb' })).toThrow(/ILTEO_SITE_ADDRESS/);
    expect(() => loadConfig({ ILTEO_SITE_OPERATOR: 'x'.repeat(201) })).toThrow(/ILTEO_SITE_OPERATOR/);
  });

  it('accepts a hex data key', () => {
    expect(loadConfig({ ILTEO_DATA_KEY: 'ab'.repeat(32) }).dataKey?.length).toBe(32);
  });
});
