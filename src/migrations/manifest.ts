import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Landed migrations are never edited or removed: `manifest.json` holds the SHA-256 of every
 * landed file, and a test compares the folder with it. `npm run migrations:manifest` adds new
 * files and never rewrites an entry that is already there.
 */
export const migrationsDir = fileURLToPath(new URL('./', import.meta.url));
const manifestPath = path.join(migrationsDir, 'manifest.json');

export function fileHash(file: string): string {
  const text = fs.readFileSync(path.join(migrationsDir, file), 'utf8').replace(/\r\n/g, '\n');
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function readManifest(): Record<string, string> {
  return JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, string>;
}

export function migrationFileNames(): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/.test(f))
    .sort();
}

/** Adds files not yet listed; returns their names. */
export function appendToManifest(): string[] {
  const manifest = fs.existsSync(manifestPath) ? readManifest() : {};
  const added = migrationFileNames().filter((f) => !(f in manifest));
  for (const f of added) manifest[f] = fileHash(f);
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return added;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const added = appendToManifest();
  process.stdout.write(added.length ? `added: ${added.join(', ')}\n` : 'manifest up to date\n');
}
