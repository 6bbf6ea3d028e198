import type { ParseArgsConfig } from 'node:util';
import { backupCommand, restoreCommand } from './backup.ts';
import { benchCommand } from './bench.ts';
import { createAdminCommand } from './create-admin.ts';
import { importCommand } from './import.ts';
import { importCodesCommand } from './import-codes.ts';
import { seedDemoCommand } from './seed-demo.ts';
import { migrateCommand, serveCommand } from './serve.ts';

export interface Command {
  options?: ParseArgsConfig['options'];
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void>;
}

/** Subcommands of `ilteo`; each lives in its own file under src/cli/. */
export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'create-admin': createAdminCommand,
  bench: benchCommand,
  'import-codes': importCodesCommand,
  'seed-demo': seedDemoCommand,
  import: importCommand,
};
