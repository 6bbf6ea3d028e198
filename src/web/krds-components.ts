import { readFileSync } from 'node:fs';

/**
 * The part of KRDS's component stylesheet (krds-uiux resources/css/component/component.css,
 * 540 KB) that the pages use, cut out by selector when first asked for: every rule whose
 * selectors all begin with one of the component classes below, inside @media blocks too. The
 * icons the rules draw (mask images) are served beside it under /static/vendor/krds-icons/, so
 * their url() is rewritten to that folder. Served as /static/vendor/krds-components.css.
 */
export const KRDS_COMPONENTS = ['.krds-pagination'] as const;

/** The icons the kept rules name, by file name (resources/img/component/icon/). */
export const KRDS_ICONS = ['ico_angle.svg', 'ico_ellipsis.svg'] as const;

/** The rules of `css` whose every selector starts with one of `prefixes` (nested @media kept). */
export function pickRules(css: string, prefixes: readonly string[]): string {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@charset[^;]*;/g, '');
  const keep = (selector: string) =>
    selector
      .split(',')
      .map((s) => s.trim())
      .every((s) =>
        prefixes.some(
          (p) => s === p || s.startsWith(`${p} `) || s.startsWith(`${p}.`) || s.startsWith(`${p}:`),
        ),
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
      const inner = pickRules(body, prefixes);
      if (inner) out += `${head} {\n${inner}}\n`;
    } else if (!head.startsWith('@') && keep(head)) {
      out += `${head} {${body}}\n`;
    }
    i = j;
  }
  return out;
}

/** The KRDS component rules the pages use, icons pointing at the vendor folder. */
export function krdsComponentCss(componentCssFile: string): string {
  return pickRules(readFileSync(componentCssFile, 'utf8'), KRDS_COMPONENTS).replace(
    /url\((?:\.\.\/)+img\/(?:img\/)?component\/icon\/([a-z_]+\.svg)\)/g,
    'url(krds-icons/$1)',
  );
}
