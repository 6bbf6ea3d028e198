import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.ts';

const t = await testApp();
const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('KRDS tokens', () => {
  it('are served from the krds-uiux package, linked before app.css, and read by app.css', async () => {
    const home = (await get('/')).body;
    const link = /<link rel="stylesheet" href="(\/static\/vendor\/krds-tokens\.css\?v=[0-9a-f]{10})"/.exec(
      home,
    );
    expect(link).not.toBeNull();
    expect(home.indexOf('vendor/krds-tokens.css')).toBeLessThan(home.indexOf('app.css'));
    const tokens = await get(link![1]!);
    expect(tokens.statusCode).toBe(200);
    expect(tokens.headers['content-type']).toMatch(/^text\/css/);
    expect(tokens.headers['cache-control']).toContain('immutable');
    expect(tokens.body).toContain('--krds-color-light-primary-60: #0b50d0;');
    const app = (await get('/static/app.css')).body;
    for (const token of [
      '--krds-light-color-text-basic',
      '--krds-color-light-primary-60',
      '--krds-mobile-font-size-body-medium',
      '--krds-gap-5',
      '--krds-radius-small1',
      '--krds-light-color-border-primary',
    ])
      expect(app).toContain(`var(${token}`);
  });

  it('serves only the named vendor files: nothing else of node_modules is reachable', async () => {
    for (const url of [
      '/static/vendor/krds-tokens.css/../../package.json',
      '/static/vendor/..%2F..%2Fpackage.json',
      '/static/vendor/other.css',
      '/static/../node_modules/krds-uiux/package.json',
    ])
      expect((await get(url)).statusCode).toBe(404);
  });
});
