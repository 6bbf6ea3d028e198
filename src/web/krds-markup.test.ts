import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Alert } from './alert.tsx';
import { Input, Select } from './forms.tsx';
import { dropUnreadProperties, keepReadProperties, toRootRem } from './krds-components.ts';
import { buttonClasses, krdsClasses } from './krds-markup.ts';
import { StackTable } from './lists.tsx';

describe('KRDS classes on every page', () => {
  it('makes buttons KRDS buttons: primary and medium unless the page says otherwise', () => {
    expect(buttonClasses('')).toBe('krds-btn primary medium');
    expect(buttonClasses('secondary')).toBe('krds-btn secondary medium');
    expect(buttonClasses('button secondary small')).toBe('krds-btn secondary small button');
    expect(buttonClasses('link')).toBe('krds-btn text medium');
    expect(buttonClasses('danger')).toBe('krds-btn primary medium danger');
    expect(buttonClasses('krds-btn tertiary xsmall')).toBe('krds-btn tertiary xsmall');
    // KRDS's header button (전체메뉴) has its own class, not a krds-btn level.
    expect(buttonClasses('btn-navi all')).toBe('btn-navi all');
    expect(krdsClasses('a', { class: 'button' })).toBe('krds-btn primary medium button');
    expect(krdsClasses('a', { href: '/x' })).toBeUndefined();
  });

  it('gives inputs, selects, textareas and tables their KRDS classes, not checkboxes', () => {
    expect(krdsClasses('input', {})).toBe('krds-input');
    expect(krdsClasses('input', { type: 'date', class: 'wide' })).toBe('wide krds-input');
    expect(krdsClasses('input', { type: 'checkbox' })).toBeUndefined();
    expect(krdsClasses('input', { type: 'hidden' })).toBeUndefined();
    expect(krdsClasses('textarea', {})).toBe('krds-input');
    expect(krdsClasses('select', { class: 'krds-form-select' })).toBe('krds-form-select');
    expect(krdsClasses('table', { class: 'stack' })).toBe('stack tbl data');
  });

  it('applies them as pages are rendered', () => {
    const html = render(
      h('form', null, [
        h('button', { type: 'submit' }, '저장'),
        h('a', { class: 'button secondary', href: '/x' }, '취소'),
        h('table', null, h('tbody', null)),
      ]),
    );
    expect(html).toContain('<button type="submit" class="krds-btn primary medium">저장</button>');
    expect(html).toContain('class="krds-btn secondary medium button"');
    expect(html).toContain('<table class="tbl data">');
  });
});

describe('KRDS shared components', () => {
  it('render a field as a KRDS form group, its help and error tied to the control', () => {
    const html = render(
      h(Input, {
        lang: 'ko',
        name: 'phone',
        label: '전화번호',
        hint: '숫자만',
        error: '전화번호를 확인하세요.',
        required: true,
      }),
    );
    expect(html).toMatch(
      /^<div class="form-group field invalid"><div class="form-tit"><label for="f-phone">/,
    );
    expect(html).toContain(
      '<div class="form-conts is-error"><input type="text" class="krds-input" id="f-phone"',
    );
    expect(html).toContain('aria-invalid="true" aria-describedby="f-phone-hint f-phone-error"');
    expect(html).toContain('<p class="form-hint" id="f-phone-hint">숫자만</p>');
    expect(html).toContain('<p class="form-hint-invalid" id="f-phone-error">전화번호를 확인하세요.</p>');
    const select = render(
      h(Select, { lang: 'ko', name: 's', label: '상태', options: [{ value: 'a', label: '가' }] }),
    );
    expect(select).toContain('<select class="krds-form-select" id="f-s"');
    expect(select).not.toContain('aria-describedby');
  });

  it('render tables and alerts in KRDS markup', () => {
    const table = render(
      h(StackTable, { lang: 'ko', columns: ['web.nav.seekers'], children: h('tr', null) }),
    );
    expect(table).toContain('<div class="krds-table-wrap table-wrap"><table class="tbl data stack">');
    const alert = render(h(Alert, { kind: 'error', children: '잘못되었습니다.' }));
    expect(alert).toBe(
      '<div class="krds-critical-alerts notice error" role="alert"><div class="critical-ban">' +
        '<span class="critical-badge danger" aria-hidden="true"></span>' +
        '<div class="critical-txt">잘못되었습니다.</div></div></div>',
    );
  });
});

describe('KRDS rules for a 16px root', () => {
  it('scales rem lengths by 0.625 and leaves other numbers alone', () => {
    expect(toRootRem('a{width:13.7rem;height:var(--x);margin:0.1rem 2rem;line-height:1.5;x:.8rem}')).toBe(
      'a{width:8.5625rem;height:var(--x);margin:0.0625rem 1.25rem;line-height:1.5;x:0.5rem}',
    );
    expect(toRootRem('@media (max-width: 767px){a{b:1rem}}')).toBe(
      '@media (max-width: 767px){a{b:0.625rem}}',
    );
  });

  it('drops component properties nothing reads, keeping chains that are read', () => {
    const css =
      '.b{--krds-button--a:var(--krds-button--c);--krds-button--c:1;--krds-button--d:2;--krds-gap-1:3}.b{x:var(--krds-button--a)}';
    expect(dropUnreadProperties(css)).toBe(
      '.b{--krds-button--a:var(--krds-button--c);--krds-button--c:1;--krds-gap-1:3}.b{x:var(--krds-button--a)}',
    );
  });

  it('keeps the tokens a stylesheet reads, and those they read, and drops emptied blocks', () => {
    const tokens =
      ':root{--a:var(--b);--b:1px;--c:2px}@media (x){:root{--c:3px}}[data-mode=dark]{--a:var(--d);--d:0}';
    expect(keepReadProperties(tokens, '.x{width:var(--a, 4px)}').replace(/\s+/g, '')).toBe(
      ':root{--a:var(--b);--b:1px;}[data-mode=dark]{--a:var(--d);--d:0}',
    );
  });
});
