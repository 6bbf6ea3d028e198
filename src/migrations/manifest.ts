import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Landed migrations are never edited or removed. Their SHA-256 hashes are kept in two files, and a
 * test compares the folder with both:
 * - `manifest.json`, frozen since 2026-12-07 (the files that landed before then; never written again);
 * - `manifest.sha256`, one `<hash>  <file>` line per later migration (the `sha256sum` format).
 *   `npm run migrations:manifest` only appends lines to it, so a landed line never changes.
 */
export const migrationsDir = fileURLToPath(new URL('./', import.meta.url));
const frozenPath = path.join(migrationsDir, 'manifest.json');
const linesPath = path.join(migrationsDir, 'manifest.sha256');

export function fileHash(file: string): string {
  const text = fs.readFileSync(path.join(migrationsDir, file), 'utf8').replace(/\r\n/g, '\n');
  return crypto.createHash('sha256').update(text).digest('hex');
}

function readLines(): Record<string, string> {
  if (!fs.existsSync(linesPath)) return {};
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(linesPath, 'utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line.trim());
    if (m) out[m[2]] = m[1];
  }
  return out;
}

/** Every landed file with its hash: the frozen list and the appended lines together. */
export function readManifest(): Record<string, string> {
  const frozen = JSON.parse(fs.readFileSync(frozenPath, 'utf8')) as Record<string, string>;
  return { ...frozen, ...readLines() };
}

export function migrationFileNames(): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/.test(f))
    .sort();
}

/** Appends a line for each file not yet listed; returns their names. */
export function appendToManifest(): string[] {
  const manifest = readManifest();
  const added = migrationFileNames().filter((f) => !(f in manifest));
  if (added.length) fs.appendFileSync(linesPath, added.map((f) => `${fileHash(f)}  ${f}\n`).join(''));
  return added;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const added = appendToManifest();
  process.stdout.write(added.length ? `added: ${added.join(', ')}\n` : 'manifest up to date\n');
}
