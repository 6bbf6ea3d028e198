import { CliError } from '../cli.ts';
import { createUser } from '../features/accounts/users.service.ts';
import { DomainError } from '../platform/errors.ts';
import { t } from '../platform/i18n/i18n.ts';
import type { Command } from './commands.ts';
import { openForCli } from './database.ts';

/** `ilteo create-admin --login L --password P [--name N]`. */
export const createAdminCommand: Command = {
  options: { login: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  async run(v) {
    const login = v.login as string | undefined;
    const password = v.password as string | undefined;
    if (!login || !password) throw new CliError('사용법 / usage: ilteo create-admin --login L --password P');
    const database = await openForCli();
    try {
      const user = await createUser(database.db, null, {
        login,
        password,
        name: (v.name as string | undefined) ?? '시스템 관리자',
        role: 'admin',
      });
      process.stdout.write(`${JSON.stringify({ id: user.id, login: user.login, role: user.role })}\n`);
    } catch (err) {
      if (err instanceof DomainError) {
        const fields = err.fields.map((f) => `${f.field}: ${t('ko', f.key, f.params)}`).join(', ');
        throw new CliError(`${t('ko', err.key, err.params)} ${fields}`);
      }
      throw err;
    } finally {
      await database.close();
    }
  },
};
