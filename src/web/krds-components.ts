import { readFileSync } from 'node:fs';

/**
 * The part of KRDS's component stylesheet (krds-uiux resources/css/component/component.css,
 * 540 KB) that the pages use, cut out by selector when first asked for: every rule whose
 * selectors all begin with one of the component roots below and name only classes the pages
 * write (KRDS_CLASSES), inside @media blocks too. The icons the rules draw (mask images) are
 * served beside it under /static/vendor/krds-icons/, so their url() is rewritten to that
 * folder. KRDS writes sizes for a 10px root (html 62.5%); ilteo keeps the browser's 16px root
 * (a visitor's own text size still counts), so every rem is scaled by 0.625 here and in the
 * served tokens. Served as /static/vendor/krds-components.css.
 */
export const KRDS_COMPONENTS = [
  '.krds-pagination',
  '#krds-masthead',
  '#krds-header',
  '.krds-main-menu',
  '#krds-footer',
  '.krds-identifier',
  '.krds-btn',
  '.form-group',
  '.krds-input',
  '.krds-form-select',
  '.krds-check-area',
  '.krds-form-check',
  '.krds-table-wrap',
  '.krds-critical-alerts',
  '.krds-tab-area',
  '.tab',
] as const;

/**
 * The classes (and ids) the pages write inside those components (layout.tsx, site-frame.tsx,
 * forms.tsx, lists.tsx, krds-markup.ts): a rule naming any other (icons, drop-downs, the
 * two-pane mobile menu, the KRDS logo, sizes and variants not used) is left out.
 */
export const KRDS_CLASSES = new Set([
  ...KRDS_COMPONENTS.map((c) => c.slice(1)),
  // pagination
  'page-navi',
  'prev',
  'next',
  'page-links',
  'page-link',
  'active',
  'link-dot',
  // masthead, header, main menu, footer
  'toggle-wrap',
  'toggle-head',
  'inner',
  'nuri-txt',
  'header-in',
  'header-container',
  'header-utility',
  'utility-list',
  'header-branding',
  'header-actions',
  'gnb-menu',
  'gnb-main-trigger',
  'is-link',
  // KRDS's 전체메뉴 button (shown below 1024 px by static/menu.js)
  'btn-navi',
  'all',
  'f-cnt',
  'f-info',
  'info-addr',
  'info-cs',
  'f-btm',
  'f-btm-text',
  'f-menu',
  'f-copy',
  'ban-txt',
  // buttons: the three levels, text and link buttons, sizes
  'primary',
  'secondary',
  'tertiary',
  'text',
  'link',
  'xsmall',
  'small',
  'medium',
  'large',
  'disabled',
  // form fields
  'form-tit',
  'form-conts',
  'form-hint',
  'form-hint-invalid',
  'is-error',
  'checks',
  // tables
  'tbl',
  'data',
  // alerts
  'critical-ban',
  'critical-badge',
  'danger',
  'ok',
  'info',
  'critical-txt',
  // tabs
  'tab',
  'line',
  'btn-tab',
]);

/** True when every class and id of `selector` is one the pages write. */
function namesKnown(selector: string, known: ReadonlySet<string>): boolean {
  for (const m of selector.matchAll(/[.#](-?[A-Za-z_][A-Za-z0-9_-]*)/g)) if (!known.has(m[1]!)) return false;
  return true;
}

/**
 * The rules of `css` whose every selector starts with one of `prefixes` (nested @media kept);
 * with `known`, a selector must also name only those classes.
 */
export function pickRules(css: string, prefixes: readonly string[], known?: ReadonlySet<string>): string {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@(?:charset|import)[^;]*;/g, '');
  const keep = (selector: string) =>
    selector
      .split(',')
      .map((s) => s.trim())
      .every(
        (s) =>
          prefixes.some(
            (p) => s === p || s.startsWith(`${p} `) || s.startsWith(`${p}.`) || s.startsWith(`${p}:`),
          ) &&
          (!known || namesKnown(s, known)),
      );
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const head = text.slice(i, open).trim();
    // The matching brace of this block.
    let depth = 1;
    let j = open + 1;
    while (j < text.length && depth > 0) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}') depth--;
      j++;
    }
    const body = text.slice(open + 1, j - 1);
    if (head.startsWith('@media')) {
      const inner = pickRules(body, prefixes, known);
      if (inner) out += `${head} {\n${inner}}\n`;
    } else if (!head.startsWith('@') && keep(head)) {
      out += `${head} {${body}}\n`;
    }
    i = j;
  }
  return out;
}

/** KRDS's 10px-root rem lengths as lengths of a 16px root (1.6rem → 1rem); media queries are px. */
export function toRootRem(css: string): string {
  return css.replace(
    /(^|[^\w.-])(\d*\.?\d+)rem\b/g,
    (_, before: string, n: string) => `${before}${Number((Number(n) * 0.625).toFixed(4))}rem`,
  );
}

/**
 * `css` without the component-level custom properties (KRDS names them --krds-<component>--…)
 * that nothing left reads: the cut drops the rules of unused variants, not the properties they
 * read. Repeated until nothing more goes (a property may be read only by another dropped one).
 */
export function dropUnreadProperties(css: string): string {
  let out = css;
  for (;;) {
    const read = new Set([...out.matchAll(/var\((--[A-Za-z0-9_-]+)/g)].map((m) => m[1]));
    const next = out.replace(/\s*(--krds-[a-z0-9-]+--[A-Za-z0-9_-]+)\s*:[^;{}]*;/g, (decl, name: string) =>
      read.has(name) ? decl : '',
    );
    if (next === out) return out;
    out = next;
  }
}

/**
 * `css` with only the custom properties that `readers` (the stylesheets that use them) read,
 * directly or through another kept property; rules left empty go too.
 */
export function keepReadProperties(css: string, readers: string): string {
  const reads = new Map<string, string[]>();
  for (const m of css.matchAll(/(--[A-Za-z0-9_-]+)\s*:([^;{}]*)(?:;|(?=\}))/g)) {
    const refs = [...m[2]!.matchAll(/var\((--[A-Za-z0-9_-]+)/g)].map((r) => r[1]!);
    reads.set(m[1]!, [...(reads.get(m[1]!) ?? []), ...refs]);
  }
  const keep = new Set([...readers.matchAll(/var\((--[A-Za-z0-9_-]+)/g)].map((m) => m[1]!));
  const todo = [...keep];
  for (let name = todo.pop(); name !== undefined; name = todo.pop())
    for (const r of reads.get(name) ?? [])
      if (!keep.has(r)) {
        keep.add(r);
        todo.push(r);
      }
  let out = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*(--[A-Za-z0-9_-]+)\s*:[^;{}]*(?:;|(?=\}))/g, (decl, name: string) =>
      keep.has(name) ? decl : '',
    );
  // Blocks left empty, innermost first (a media query around an emptied rule).
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(/[^{};]*\{\s*\}\s*/g, '');
  }
  return out;
}

/**
 * KRDS's design tokens (krds_tokens.css) with their sizes for a 16px root, only those that the
 * `readers` stylesheets (the cut component rules, app.css, print.css, …) read: 10 KB of 51 KB.
 */
export function krdsTokensCss(tokensFile: string, readers: string): string {
  return toRootRem(keepReadProperties(readFileSync(tokensFile, 'utf8'), readers));
}

/**
 * The KRDS component rules the pages use, after the base properties they read (common.css's
 * :root: icon sizes, transitions, the focus ring), sizes for a 16px root, icons pointing at
 * the vendor folder.
 */
export function krdsComponentCss(componentCssFile: string, commonCssFile: string): string {
  const css =
    pickRules(readFileSync(commonCssFile, 'utf8'), [':root']) +
    pickRules(readFileSync(componentCssFile, 'utf8'), KRDS_COMPONENTS, KRDS_CLASSES);
  return toRootRem(dropUnreadProperties(css)).replace(
    /url\((?:\.\.\/)+img\/(?:img\/)?component\/icon\/([a-z_]+\.svg)\)/g,
    'url(krds-icons/$1)',
  );
}

/** The icon files (resources/img/component/icon/) that `css` names in url(krds-icons/…). */
export function iconsNamed(css: string): string[] {
  return [...new Set([...css.matchAll(/url\(krds-icons\/([a-z_]+\.svg)\)/g)].map((m) => m[1]!))].sort();
}
