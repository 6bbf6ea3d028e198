import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/app.ts';
import { appCssParts } from './assets.ts';
import { pickRules } from './krds-components.ts';
import { Pager, pageNumbers } from './layout.tsx';

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
    // KRDS's 10px-root sizes, served for the browser's 16px root: 4.8rem (48px) → 3rem.
    expect(tokens.body).toContain('--krds-number-16: 3rem;');
    // Only the tokens our stylesheets and the cut KRDS rules read (51 KB in the package).
    expect(tokens.body.length).toBeLessThan(15_000);
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

  it('serves app.css as its parts (src/web/styles) joined in cascade order, each part ≤ 400 lines', async () => {
    const parts = appCssParts.map((f) => readFileSync(new URL(`./styles/${f}`, import.meta.url), 'utf8'));
    for (const part of parts) expect(part.split('\n').length).toBeLessThanOrEqual(400);
    const app = await get('/static/app.css');
    expect(app.statusCode).toBe(200);
    expect(app.headers['content-type']).toMatch(/^text\/css/);
    expect(app.body).toBe(parts.join(''));
    const home = (await get('/')).body;
    expect(home.match(/rel="stylesheet"/g)).toHaveLength(3);
    expect(home).toMatch(/href="\/static\/app\.css\?v=[0-9a-f]{10}"/);
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

describe('KRDS components', () => {
  it('serves the component rules the pages use, cut out of the package, with their icons', async () => {
    const css = await get('/static/vendor/krds-components.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    for (const rule of [
      '.krds-pagination .page-links .page-link.active {',
      '#krds-masthead .toggle-head .nuri-txt {',
      '.krds-main-menu .gnb-menu .gnb-main-trigger {',
      '.krds-btn.secondary {',
      '.form-group .form-hint-invalid {',
      '.krds-table-wrap .tbl.data thead th {',
      '.krds-critical-alerts .critical-badge.danger {',
    ])
      expect(css.body).toContain(rule);
    expect(css.body.length).toBeLessThan(80_000);
    // Only the components and variants the pages use, and icon URLs that resolve here.
    for (const unused of [
      '.krds-modal',
      '.krds-accordion',
      '.svg-icon',
      '.gnb-sub-list',
      '--krds-main-menu--banner',
    ])
      expect(css.body).not.toContain(unused);
    expect(css.body).not.toContain('../');
    for (const icon of css.body.match(/url\(([^)]+)\)/g) ?? []) {
      const name = /url\(([^)]+)\)/.exec(icon)![1]!;
      const r = await get(`/static/vendor/${name}`);
      expect(r.statusCode, name).toBe(200);
      expect(r.headers['content-type']).toBe('image/svg+xml');
    }
  });

  it('keeps selectors whole: a rule is kept only when every selector is a kept component', () => {
    const css = `.a{x:1}.krds-pagination .x, .krds-btn{y:2}.krds-pagination{z:3}
      @media (max-width: 767px){.krds-pagination .y{w:4}.b{v:5}}@media print{.c{u:6}}`;
    expect(pickRules(css, ['.krds-pagination']).replace(/\s+/g, ' ').trim()).toBe(
      '.krds-pagination {z:3} @media (max-width: 767px) { .krds-pagination .y {w:4} }',
    );
  });

  it('numbers pages as KRDS shows them: all up to 7, else ends and neighbours with gaps', () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pageNumbers(1, 20)).toEqual([1, 2, 3, 4, 5, 6, null, 20]);
    expect(pageNumbers(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageNumbers(20, 20)).toEqual([1, null, 15, 16, 17, 18, 19, 20]);
  });

  it('renders the pager as KRDS pagination with the current page marked', () => {
    const req = { url: '/staff/seekers?q=김&page=2', lang: 'ko' } as unknown as FastifyRequest;
    const html = render(Pager({ req, page: 2, pageSize: 20, total: 95 }));
    expect(html).toContain('<div class="krds-pagination">');
    expect(html).toContain('href="/staff/seekers?q=%EA%B9%80&amp;page=1" rel="prev"');
    expect(html).toMatch(/class="page-link active"[^>]*aria-current="page"/);
    expect(html).toContain('<span class="visually-hidden">현재 페이지 </span>2');
    expect(html).toContain('2 / 5 페이지 (전체 95건)');
    expect(render(Pager({ req, page: 1, pageSize: 20, total: 3 }))).not.toContain('krds-pagination"');
  });
});
