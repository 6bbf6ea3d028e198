import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.ts';

const t = await testApp();

describe('favicon', () => {
  it('answers /favicon.ico with our icon, and pages link it', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(r.body).toContain('<svg');
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.body).toMatch(/<link rel="icon" href="\/static\/favicon\.svg/);
  });
});
