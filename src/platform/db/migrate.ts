import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

const dir = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Forward-only migrations: timestamped files in src/migrations exporting `up`. */
class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const file of migrationFiles()) {
      const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Migration;
      out[file.replace(/\.ts$/, '')] = { up: mod.up };
    }
    return out;
  }
}

function migrationFiles(): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/.test(f))
    .sort();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
type AnyDb = Kysely<any>;

/** Applies every pending migration in one advisory-locked run; returns the names applied. */
export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FolderProvider(),
    migrationTableName: 'schema_migration',
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
