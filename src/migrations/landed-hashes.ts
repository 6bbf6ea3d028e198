import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileHash, migrationFileNames, migrationsDir, readManifest } from './manifest.ts';

/**
 * The hashes of migrations from 2026-12-12 on: one added file per migration,
 * `hashes/<migration>.sha256` (its `<hash>  <file>` line), so no landed file is ever written
 * again. `manifest.json` and `manifest.sha256` (read by manifest.ts) are frozen with what they
 * held; `npm run migrations:manifest` runs this file and only creates new files (O_EXCL).
 */
const hashesDir = path.join(migrationsDir, 'hashes');

/** Every landed migration with its hash: the frozen manifests and each later migration's file. */
export function readLandedHashes(): Record<string, string> {
  const out = readManifest();
  if (!fs.existsSync(hashesDir)) return out;
  for (const f of fs.readdirSync(hashesDir).filter((x) => x.endsWith('.sha256'))) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(fs.readFileSync(path.join(hashesDir, f), 'utf8').trim());
    if (m) out[m[2]!] = m[1]!;
  }
  return out;
}

/** Writes `hashes/<migration>.sha256` for each migration not yet listed; returns their names. */
export function addHashFiles(): string[] {
  const known = readLandedHashes();
  const added = migrationFileNames().filter((f) => !(f in known));
  if (added.length) fs.mkdirSync(hashesDir, { recursive: true });
  for (const f of added)
    fs.writeFileSync(path.join(hashesDir, f.replace(/\.ts$/, '.sha256')), `${fileHash(f)}  ${f}\n`, {
      flag: 'wx',
    });
  return added;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const added = addHashFiles();
  process.stdout.write(added.length ? `added: ${added.join(', ')}\n` : 'hashes up to date\n');
}
