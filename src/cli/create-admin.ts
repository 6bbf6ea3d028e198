import { CliError } from '../cli.ts';
import { setTotpFactor } from '../features/accounts/totp.service.ts';
import { createUser } from '../features/accounts/users.service.ts';
import { loadConfig, totpSecretOf } from '../platform/config.ts';
import { resolveDataKey } from '../platform/crypto/keys.ts';
import { DomainError } from '../platform/errors.ts';
import { t } from '../platform/i18n/i18n.ts';
import type { Command } from './commands.ts';
import { openForCli } from './database.ts';

const usage = '사용법 / usage: ilteo create-admin --login L --password P [--name N] [--totp-secret BASE32]';

/**
 * `ilteo create-admin --login L --password P [--name N] [--totp-secret S]`. Without a secret the
 * admin enrols a second factor at the first login (SECURITY.md 5); with one (base32, RFC 6238)
 * it is enrolled at once, so that automation can sign in with `otp`.
 */
export const createAdminCommand: Command = {
  options: {
    login: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    'totp-secret': { type: 'string' },
  },
  async run(v) {
    const login = v.login as string | undefined;
    const password = v.password as string | undefined;
    if (!login || !password) throw new CliError(usage);
    const secret = totpSecretOf(v['totp-secret'] as string | undefined);
    if (secret === undefined) {
      throw new CliError(
        '--totp-secret: base32 형식(80비트 이상)이 아닙니다 / not base32 of at least 80 bits',
      );
    }
    const dataKey = secret ? resolveDataKey(loadConfig()) : null;
    const database = await openForCli();
    try {
      const user = await database.db.transaction().execute(async (tx) => {
        const u = await createUser(tx, null, {
          login,
          password,
          name: (v.name as string | undefined) ?? '시스템 관리자',
          role: 'admin',
        });
        if (secret && dataKey) await setTotpFactor(tx, dataKey, u.id, secret);
        return u;
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
