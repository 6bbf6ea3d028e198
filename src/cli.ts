import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { commands } from './cli/commands.ts';
import { ConfigError } from './platform/config.ts';
import { DataDirLockedError } from './platform/db/lock.ts';

const usage = `사용법 / usage: ilteo <command> [options]
  serve                                  서버 시작 / start the server (default)
  migrate                                스키마 적용 / apply migrations
  create-admin --login L --password P [--totp-secret S]
                                         관리자 생성 / create the system admin
  seed-demo --tier centre|national --seed N   데모 데이터 / demo data
  import <kind> FILE                     일괄 등록 / bulk import (seekers, employers, postings,
                                         employments, counselling, worknet-postings)
  import-codes <set> FILE                공식 코드표 반영 / replace a code table with an official file
  backup FILE | restore FILE             백업·복원 / backup and restore
  bench <name> [--tier centre|national]  벤치마크 / benchmarks
  --version                              판 / version (ilteo and Node)
`;

/** Entry of the `ilteo` command. */
export async function main(argv: string[]): Promise<void> {
  const [name = 'serve', ...rest] = argv;
  const command = commands[name];
  if (name === '--version' || name === 'version') {
    const { version } = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`ilteo ${version} (Node ${process.version})\n`);
    return;
  }
  if (!command || name === 'help' || name === '--help') {
    process.stdout.write(usage);
    process.exitCode = command || name === 'help' || name === '--help' ? 0 : 2;
    return;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: command.options ?? {},
    allowPositionals: true,
    strict: true,
  });
  try {
    await command.run(values as Record<string, string | boolean | undefined>, positionals);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** An error for the person at the terminal: printed without a stack trace. */
export class CliError extends Error {}
