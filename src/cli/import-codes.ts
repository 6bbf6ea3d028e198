import { CliError } from '../cli.ts';
import { codeOverrideDir, isCodeSetName, listCodes } from '../codes/codes.ts';
import { mergeOfficialCodes } from '../codes/import-merge.ts';
import { CodeImportError, importOfficialCodes, saveOverride } from '../codes/import-official.ts';
import type { Command } from './commands.ts';

/**
 * `ilteo import-codes <set> FILE`: applies an official file (CSV/TSV, UTF-8 or CP949, with
 * dated columns where the set is dated) over a code table (KECO, regions, KSIC, …) as an
 * override in `${ILTEO_DATA_DIR}/codes`, and prints what changed (added, renamed, abolished,
 * kept). Codes are never removed and an abolished code's history is never rewritten. A running
 * server picks the table up at its next start.
 */
export const importCodesCommand: Command = {
  async run(_v, [set, file]) {
    if (!set || !file || !isCodeSetName(set)) {
      throw new CliError('사용법 / usage: ilteo import-codes occupations|regions|industries|… FILE.csv');
    }
    try {
      // The file is applied over the current table: nothing disappears, history stays.
      const { items, report } = mergeOfficialCodes(listCodes(set), await importOfficialCodes(set, file));
      const target = await saveOverride(set, items, codeOverrideDir());
      process.stdout.write(
        `${JSON.stringify({ set, items: items.length, file: target, changes: report })}\n`,
      );
    } catch (err) {
      if (err instanceof CodeImportError) throw new CliError(err.message);
      throw err;
    }
  },
};
