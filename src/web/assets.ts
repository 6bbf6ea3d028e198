import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const staticDir = fileURLToPath(new URL('./static/', import.meta.url));

const versions = new Map<string, string>();

/** URL of a static file with a content hash, so it can be cached for a year. */
export function asset(name: string): string {
  let v = versions.get(name);
  if (!v) {
    try {
      v = createHash('sha256')
        .update(readFileSync(staticDir + name))
        .digest('hex')
        .slice(0, 10);
    } catch {
      v = 'missing';
    }
    versions.set(name, v);
  }
  return `/static/${name}?v=${v}`;
}
