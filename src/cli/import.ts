import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { CliError } from '../cli.ts';
import { presentRejected, runImport } from '../features/imports/imports.service.ts';
import { loadConfig } from '../platform/config.ts';
import { resolveDataKey } from '../platform/crypto/keys.ts';
import type { Db } from '../platform/db/pool.ts';
import { DomainError } from '../platform/errors.ts';
import type { Actor } from '../platform/http/actor.ts';
import { t } from '../platform/i18n/i18n.ts';
import { progress } from '../platform/progress.ts';
import type { Command } from './commands.ts';
import { openForCli } from './database.ts';

/** The actor an import runs as (`--as LOGIN`): rights and centre scope of that user. */
async function actorFor(db: Db, login: string): Promise<Actor> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'login', 'name', 'role', 'centre_id', 'employer_id', 'seeker_id'])
    .where('login', '=', login)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!u) throw new CliError(`사용자가 없습니다 / no such user: ${login}`);
  let scope: string[] | null = null;
  if (u.role !== 'admin') {
    scope = u.centre_id
      ? (
          await db
            .selectFrom('centres')
            .select('id')
            .where(sql<boolean>`path @> ARRAY[${u.centre_id}]::uuid[]`)
            .execute()
        ).map((r) => r.id)
      : [];
  }
  return {
    userId: u.id,
    login: u.login,
    name: u.name,
    role: u.role,
    centreId: u.centre_id,
    employerId: u.employer_id,
    seekerId: u.seeker_id,
    centreScope: scope,
    via: 'token',
    sessionId: null,
  };
}

const WORKNET_MODULE = '../features/postings/worknet.import.ts';

/**
 * `ilteo import <kind> FILE [--partial] [--as LOGIN] [--centre ID]`: imports a CSV (or, for
 * worknet-postings, the Open API XML) with a progress bar on stderr and the JSON result on
 * stdout. Without --as the import runs as the system (all centres; --centre names the centre
 * of new records and of seekerExternalId lookups). Exit code 1 when the file was rejected.
 */
export const importCommand: Command = {
  options: {
    partial: { type: 'boolean' },
    as: { type: 'string' },
    centre: { type: 'string' },
    /** Edition of a Worknet file's jobsCd: 2025 (고용24 today, the default) or 2018 (older files). */
    'keco-edition': { type: 'string' },
  },
  async run(values, [kind, file]) {
    if (!kind || !file) {
      throw new CliError(
        '사용법 / usage: ilteo import <kind> FILE [--partial] [--as LOGIN] [--centre ID] [--keco-edition 2018|2025]',
      );
    }
    if (!fs.existsSync(file)) throw new CliError(`파일이 없습니다 / no such file: ${file}`);
    // Loading the features registers their importers.
    await import('../features/index.ts');
    const config = loadConfig();
    const database = await openForCli({ migrate: true });
    try {
      const actor = typeof values.as === 'string' ? await actorFor(database.db, values.as) : null;
      const dataKey = resolveDataKey(config);
      if (kind === 'worknet-postings') {
        const target = new URL(WORKNET_MODULE, import.meta.url);
        if (!fs.existsSync(target)) {
          throw new CliError(`${t('ko', 'import.notAvailable', { kind })} / not available yet: ${kind}`);
        }
        const mod = (await import(pathToFileURL(target.pathname).href)) as {
          importWorknetXml?: (
            db: Db,
            ctx: unknown,
            actor: Actor | null,
            xml: string,
            centreId?: string,
            opts?: { kecoEdition?: '2018' | '2025' },
          ) => Promise<unknown>;
        };
        if (typeof mod.importWorknetXml !== 'function') throw new CliError(`not available yet: ${kind}`);
        const r = await mod.importWorknetXml(
          database.db,
          { db: database.db, config, dataKey },
          actor,
          fs.readFileSync(file, 'utf8'),
          undefined,
          { kecoEdition: kecoEdition(values['keco-edition']) },
        );
        process.stdout.write(`${JSON.stringify(r)}\n`);
        return;
      }
      const size = fs.statSync(file).size;
      const bar = progress(`가져오기 / import ${kind}`, size);
      let last = 0;
      try {
        const r = await runImport({
          db: database.db,
          dataKey,
          actor,
          kind,
          source: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
          partial: values.partial === true,
          fileName: path.basename(file),
          centreId: typeof values.centre === 'string' ? values.centre : undefined,
          onBytes: (b) => {
            last = b;
            bar.tick(b);
          },
        });
        bar.done(last);
        process.stdout.write(`${JSON.stringify({ ...r, rejected: presentRejected(r.rejected, 'ko') })}\n`);
        if (r.status !== 'done') process.exitCode = 1;
      } catch (err) {
        bar.done(last);
        if (err instanceof DomainError) {
          const fields = err.fields.map((f) => `${f.field}: ${t('ko', f.key, f.params)}`).join('; ');
          throw new CliError(`${t('ko', err.key, err.params)} ${fields}`.trim());
        }
        throw err;
      }
    } finally {
      await database.close();
    }
  },
};

/** `--keco-edition 2018|2025` (default 2025, what 고용24 sends). */
export function kecoEdition(value: unknown): '2018' | '2025' {
  if (value === undefined || value === '2025') return '2025';
  if (value === '2018') return '2018';
  throw new CliError('--keco-edition: 2018 또는 2025 / 2018 or 2025');
}
