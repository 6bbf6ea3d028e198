import { CliError } from '../cli.ts';
import { codeOverrideDir, isCodeSetName } from '../codes/codes.ts';
import { CodeImportError, importOfficialCodes, saveOverride } from '../codes/import-official.ts';
import type { Command } from './commands.ts';

/**
 * `ilteo import-codes <set> FILE`: replaces a built-in code table (KECO, regions, KSIC, …) with
 * an official file (CSV/TSV, UTF-8 or CP949) as an override in `${ILTEO_DATA_DIR}/codes`.
 * A running server picks it up at its next start.
 */
export const importCodesCommand: Command = {
  async run(_v, [set, file]) {
    if (!set || !file || !isCodeSetName(set)) {
      throw new CliError('사용법 / usage: ilteo import-codes occupations|regions|industries|… FILE.csv');
    }
    try {
      const items = await importOfficialCodes(set, file);
      const target = await saveOverride(set, items, codeOverrideDir());
      process.stdout.write(`${JSON.stringify({ set, items: items.length, file: target })}\n`);
    } catch (err) {
      if (err instanceof CodeImportError) throw new CliError(err.message);
      throw err;
    }
  },
};
