import fs from 'node:fs';
import { CliError } from '../cli.ts';
import { BackupError, restoreBackup, writeBackup } from '../platform/db/backup.ts';
import type { Command } from './commands.ts';
import { openForCli } from './database.ts';

/** `ilteo backup FILE`: works while the server runs (it connects to the running database). */
export const backupCommand: Command = {
  async run(_v, [file]) {
    if (!file) throw new CliError('백업 파일을 지정하세요 / give a FILE: ilteo backup FILE');
    const database = await openForCli();
    try {
      const r = await writeBackup(database.pool, file);
      process.stdout.write(`${JSON.stringify({ file, ...r })}\n`);
    } finally {
      await database.close();
    }
  },
};

/** `ilteo restore FILE`: replaces all data with the backup's, all or nothing. */
export const restoreCommand: Command = {
  async run(_v, [file]) {
    if (!file || !fs.existsSync(file))
      throw new CliError(`백업 파일이 없습니다 / no such file: ${file ?? ''}`);
    const database = await openForCli({ migrate: true });
    try {
      const r = await restoreBackup(database.pool, file);
      process.stdout.write(`${JSON.stringify({ file, ...r })}\n`);
    } catch (err) {
      if (err instanceof BackupError) throw new CliError(err.message);
      throw err;
    } finally {
      await database.close();
    }
  },
};
