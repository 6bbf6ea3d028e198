import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/**
 * The field-encryption key: ILTEO_DATA_KEY when set; otherwise a key generated on first start
 * and kept beside the data (mode 0600) — fine for one embedded install, while a production
 * deployment sets ILTEO_DATA_KEY from its secret store.
 */
export function resolveDataKey(config: Config): Buffer {
  if (config.dataKey) return config.dataKey;
  const file = path.join(config.dataDir, 'data.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}
