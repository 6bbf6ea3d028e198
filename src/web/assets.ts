import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const staticDir = fileURLToPath(new URL('./static/', import.meta.url));

const packageDir = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));

/**
 * Files served from installed packages under /static/vendor/… rather than copied into the
 * repository: the KRDS design tokens (krds-uiux, the government's design system) as CSS
 * custom properties, which app.css and print.css read.
 */
const vendorFiles: Record<string, string> = {
  'vendor/krds-tokens.css': join(packageDir('krds-uiux'), 'resources/css/token/krds_tokens.css'),
};

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
        .update(readFileSync(assetFile(name)))
        .digest('hex')
        .slice(0, 10);
    } catch {
      v = 'missing';
    }
    versions.set(name, v);
  }
  return `/static/${name}?v=${v}`;
}
