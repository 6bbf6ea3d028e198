import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

const dir = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Forward-only migrations: timestamped files in src/migrations exporting `up`. */
class FolderProvider implements MigrationProvider {
  private readonly only?: (name: string) => boolean;

  constructor(only?: (name: string) => boolean) {
    this.only = only;
  }

  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const file of migrationFiles()) {
      if (this.only && !this.only(file.replace(/\.ts$/, ''))) continue;
      const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Migration;
      out[file.replace(/\.ts$/, '')] = { up: mod.up };
    }
    return out;
  }
}

/** The migration files in order of their names (also read by the manifest check). */
export function migrationFiles(): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/.test(f))
    .sort();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/**
 * Applies every pending migration in one advisory-locked run; returns the names applied.
 * Unordered migrations are allowed: 9100 was removed after it had landed and is back, so a
 * database that never ran it (it applied 9101 and 9102) applies it now, after them.
 * `only` limits the run to some files (tests that rebuild an older database).
 */
export async function migrateToLatest(db: AnyDb, only?: (name: string) => boolean): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FolderProvider(only),
    migrationTableName: 'schema_migration',
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every migration file has been applied (used by /readyz). */
export async function migrationsCurrent(db: AnyDb): Promise<boolean> {
  const wanted = migrationFiles().map((f) => f.replace(/\.ts$/, ''));
  try {
    const rows = await db.selectFrom('schema_migration').select('name').execute();
    const have = new Set(rows.map((r: { name: string }) => r.name));
    return wanted.every((w) => have.has(w));
  } catch {
    return false;
  }
}
