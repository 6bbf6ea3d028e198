import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CliError } from '../cli.ts';
import type { Command } from './commands.ts';

const dir = fileURLToPath(new URL('../../bench/', import.meta.url));

/** A benchmark in bench/<name>.ts exports `run(args)` and prints one JSON line of figures. */
export interface Bench {
  run(args: {
    tier: 'centre' | 'national';
    seed: number;
    options: Record<string, string | boolean | undefined>;
  }): Promise<void>;
}

/** `ilteo bench <name> [--tier centre|national] [--seed N]`. */
export const benchCommand: Command = {
  options: {
    tier: { type: 'string' },
    seed: { type: 'string' },
    samples: { type: 'string' },
    seekers: { type: 'string' },
    keep: { type: 'boolean' },
    db: { type: 'string' },
    batch: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    only: { type: 'string' },
  },
  async run(v, [name]) {
    const names = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
      .map((f) => f.slice(0, -3));
    if (!name || !names.includes(name)) {
      throw new CliError(`벤치마크를 지정하세요 / choose a benchmark: ${names.join(', ') || '(none yet)'}`);
    }
    const tier = (v.tier ?? 'centre') as string;
    if (tier !== 'centre' && tier !== 'national') throw new CliError('--tier must be centre or national');
    const mod = (await import(pathToFileURL(`${dir}${name}.ts`).href)) as Bench;
    await mod.run({ tier, seed: Number(v.seed ?? 42), options: v });
  },
};
