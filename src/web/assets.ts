import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iconsNamed, krdsComponentCss, krdsTokensCss } from './krds-components.ts';

export const staticDir = fileURLToPath(new URL('./static/', import.meta.url));

const stylesDir = fileURLToPath(new URL('./styles/', import.meta.url));

/**
 * The parts of app.css (src/web/styles), by concern, in cascade order: served joined as the one
 * /static/app.css, so the page links one stylesheet and the rules meet in the same order.
 */
export const appCssParts = [
  'base.css',
  'forms.css',
  'messages-cards.css',
  'tables-lists.css',
  'phone-and-pages.css',
];

const appCss = () => appCssParts.map((f) => readFileSync(join(stylesDir, f), 'utf8')).join('');

const packageDir = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));

const krds = packageDir('krds-uiux');

const krdsFile = (f: string) => join(krds, 'resources/css', f);

/** Our stylesheets that read KRDS tokens: the served tokens are the ones these (and the cut rules) read. */
const tokenReaders = ['print.css', 'reports.css', 'calendar.css'];

/**
 * Files made when first asked for: app.css from its parts, and vendor files made from an installed
 * package's files, served under /static/vendor/… rather than copied into the repository: KRDS's design tokens (krds-uiux, the
 * government's design system) as CSS custom properties, those that app.css, print.css and the
 * components read, and
 * the KRDS component rules the pages use (krds-components.ts), both with sizes for a 16px root.
 */
const madeFiles: Record<string, () => string> = {
  'vendor/krds-tokens.css': () =>
    krdsTokensCss(
      krdsFile('token/krds_tokens.css'),
      [
        String(madeFile('vendor/krds-components.css')),
        appCss(),
        ...tokenReaders.map((f) => readFileSync(join(staticDir, f), 'utf8')),
      ].join('\n'),
    ),
  'vendor/krds-components.css': () =>
    krdsComponentCss(krdsFile('component/component.css'), krdsFile('common/common.css')),
  'app.css': appCss,
};
const made = new Map<string, Buffer>();

/** Files served as they are from the package: the icons the kept KRDS rules draw. */
let vendorFiles: Record<string, string> | undefined;
function vendorFileMap(): Record<string, string> {
  vendorFiles ??= Object.fromEntries(
    iconsNamed(String(madeFile('vendor/krds-components.css'))).map((f) => [
      `vendor/krds-icons/${f}`,
      join(krds, 'resources/img/component/icon', f),
    ]),
  );
  return vendorFiles;
}

/** The content of a made vendor file, or undefined for any other name. */
export function madeFile(name: string): Buffer | undefined {
  if (!Object.hasOwn(madeFiles, name)) return undefined;
  let body = made.get(name);
  if (!body) {
    body = Buffer.from((madeFiles[name] as () => string)());
    made.set(name, body);
  }
  return body;
}

/** The package file served under a vendor name, or undefined for any other name. */
export function vendorFile(name: string): string | undefined {
  const files = vendorFileMap();
  return Object.hasOwn(files, name) ? files[name] : undefined;
}

/** The file on disk behind a static name (src/web/static, or a vendor package's file). */
export function assetFile(name: string): string {
  return vendorFile(name) ?? staticDir + name;
}

const versions = new Map<string, string>();

/** URL of a static file with a content hash, so it can be cached for a year. */
export function asset(name: string): string {
  let v = versions.get(name);
  if (!v) {
    try {
      v = createHash('sha256')
        .update(madeFile(name) ?? readFileSync(assetFile(name)))
        .digest('hex')
        .slice(0, 10);
    } catch {
      v = 'missing';
    }
    versions.set(name, v);
  }
  return `/static/${name}?v=${v}`;
}
