import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Landed migrations are never edited or removed. Their SHA-256 hashes are kept in files that are
 * themselves only ever added, never changed, and a test compares the folder with them all:
 * - `manifest.json`, frozen since 2026-12-07 (the files that landed before then);
 * - `manifest.sha256`, frozen since 2026-12-10 (`<hash>  <file>` lines, the `sha256sum` format);
 * - `hashes/<migration>.sha256`, one file per later migration with its one line.
 *   `npm run migrations:manifest` writes the file of each new migration and touches no other.
 */
export const migrationsDir = fileURLToPath(new URL('./', import.meta.url));
const frozenPath = path.join(migrationsDir, 'manifest.json');
const linesPath = path.join(migrationsDir, 'manifest.sha256');
const hashesDir = path.join(migrationsDir, 'hashes');

export function fileHash(file: string): string {
  const text = fs.readFileSync(path.join(migrationsDir, file), 'utf8').replace(/\r\n/g, '\n');
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The `<hash>  <file>` lines of a sha256sum-format file. */
function readLines(file: string, out: Record<string, string>): void {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line.trim());
    if (m) out[m[2]] = m[1];
  }
}

const hashFiles = (): string[] =>
  fs.existsSync(hashesDir)
    ? fs
        .readdirSync(hashesDir)
        .filter((f) => f.endsWith('.sha256'))
        .map((f) => path.join(hashesDir, f))
    : [];

/** Every landed file with its hash: the frozen lists and each later migration's own file. */
export function readManifest(): Record<string, string> {
  const out = { ...(JSON.parse(fs.readFileSync(frozenPath, 'utf8')) as Record<string, string>) };
  for (const file of [linesPath, ...hashFiles()]) readLines(file, out);
  return out;
}

export function migrationFileNames(): string[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/.test(f))
    .sort();
}

/** Writes `hashes/<migration>.sha256` for each file not yet listed; returns their names. */
export function appendToManifest(): string[] {
  const manifest = readManifest();
  const added = migrationFileNames().filter((f) => !(f in manifest));
  if (added.length) fs.mkdirSync(hashesDir, { recursive: true });
  for (const f of added)
    fs.writeFileSync(path.join(hashesDir, f.replace(/\.ts$/, '.sha256')), `${fileHash(f)}  ${f}\n`, {
      flag: 'wx',
    });
  return added;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const added = appendToManifest();
  process.stdout.write(added.length ? `added: ${added.join(', ')}\n` : 'manifest up to date\n');
}
