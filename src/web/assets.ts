import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KRDS_ICONS, krdsComponentCss } from './krds-components.ts';

export const staticDir = fileURLToPath(new URL('./static/', import.meta.url));

const packageDir = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));

const krds = packageDir('krds-uiux');

/**
 * Files served from installed packages under /static/vendor/… rather than copied into the
 * repository: the KRDS design tokens (krds-uiux, the government's design system) as CSS
 * custom properties, which app.css and print.css read, and the icons its components draw.
 */
const vendorFiles: Record<string, string> = {
  'vendor/krds-tokens.css': join(krds, 'resources/css/token/krds_tokens.css'),
  ...Object.fromEntries(
    KRDS_ICONS.map((f) => [`vendor/krds-icons/${f}`, join(krds, 'resources/img/component/icon', f)]),
  ),
};

/** Vendor files cut out of a package's file (KRDS components: krds-components.ts), made once. */
const madeFiles: Record<string, () => string> = {
  'vendor/krds-components.css': () => krdsComponentCss(join(krds, 'resources/css/component/component.css')),
};
const made = new Map<string, Buffer>();

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
  return Object.hasOwn(vendorFiles, name) ? vendorFiles[name] : undefined;
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
