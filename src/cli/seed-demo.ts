import os from 'node:os';
import { CliError } from '../cli.ts';
import { DemoDataExistsError, seedDemo } from '../demo/seed.ts';
import { loadConfig } from '../platform/config.ts';
import { resolveDataKey } from '../platform/crypto/keys.ts';
import type { Command } from './commands.ts';
import { openForCli } from './database.ts';

const PASSWORD = 'ilteo-demo-2026';

/**
 * `ilteo seed-demo --tier centre|national --seed N [--reset] [--workers N] [--today YYYY-MM-DD]`:
 * loads deterministic demo data (src/demo). Progress on stderr; stdout ends with one JSON line.
 */
export const seedDemoCommand: Command = {
  options: {
    tier: { type: 'string' },
    seed: { type: 'string' },
    reset: { type: 'boolean' },
    workers: { type: 'string' },
    today: { type: 'string' },
  },
  async run(v) {
    const tier = (v.tier as string | undefined) ?? 'centre';
    if (tier !== 'centre' && tier !== 'national' && tier !== 'tiny')
      throw new CliError('--tier must be centre or national');
    const seed = Number(v.seed ?? 1);
    if (!Number.isInteger(seed) || seed < 0) throw new CliError('--seed must be a non-negative integer');
    const today = v.today as string | undefined;
    if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today))
      throw new CliError('--today must be YYYY-MM-DD');
    // Rendering (encryption, tokens) costs far more than PostgreSQL's COPY, so the national tier
    // uses a worker per core; the centre tier is not worth the workers' start-up.
    const workers =
      v.workers !== undefined ? Number(v.workers) : tier === 'national' ? os.availableParallelism() : 0;
    const config = loadConfig();
    const database = await openForCli({ poolMax: 4 });
    try {
      const result = await seedDemo(database.pool, resolveDataKey(config), {
        tier,
        seed,
        today,
        reset: v.reset === true,
        password: PASSWORD,
        workers,
        showProgress: true,
      });
      const { logins, ...summary } = result;
      const shown =
        tier === 'national'
          ? logins.filter((l) => l.login.startsWith('seoul') || l.login.startsWith('incheon')).slice(0, 12)
          : logins;
      process.stderr.write(`\n데모 계정 / demo logins (비밀번호 / password: ${PASSWORD})\n`);
      for (const l of shown)
        process.stderr.write(`  ${l.login.padEnd(34)} ${l.role.padEnd(11)} ${l.centre}\n`);
      if (shown.length < logins.length)
        process.stderr.write(
          `  … ${logins.length} accounts in all (<region>.manager, .counsellorN, .outreach1)\n`,
        );
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    } catch (err) {
      if (err instanceof DemoDataExistsError) throw new CliError(err.message);
      throw err;
    } finally {
      await database.close();
    }
  },
};
