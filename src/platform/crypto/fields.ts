import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

// A KeyObject per data key, made once: building one from the raw bytes on every call was most
// of the cost of encrypting a 56,065-row import's contacts.
const keyObjects = new WeakMap<Buffer, KeyObject>();
function keyObject(key: Buffer | KeyObject): KeyObject {
  if (!Buffer.isBuffer(key)) return key; // a caller that made its KeyObject already (demo seed)
  let k = keyObjects.get(key);
  if (!k) {
    k = createSecretKey(key);
    keyObjects.set(key, k);
  }
  return k;
}

/**
 * Application-level encryption of contact fields (SECURITY.md 15): AES-256-GCM, stored as
 * base64 of iv(12) | tag(16) | ciphertext, prefixed 'v1:' so the scheme can change.
 */
export function encryptField(key: Buffer, plain: string | null | undefined): string | null {
  if (plain === null || plain === undefined || plain === '') return null;
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', keyObject(key), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
}

export function decryptField(key: Buffer, stored: string | null | undefined): string | null {
  if (!stored) return null;
  if (!stored.startsWith('v1:')) throw new Error('unknown field cipher');
  const raw = Buffer.from(stored.slice(3), 'base64');
  const d = createDecipheriv('aes-256-gcm', keyObject(key), raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

/**
 * A keyed hash for equality lookups on an encrypted field (duplicate detection by phone)
 * without storing the value in the clear.
 */
export function blindIndex(key: Buffer, value: string): string {
  return createHmac('sha256', keyObject(key)).update(`bi:${value}`).digest('base64url').slice(0, 22);
}

/**
 * Blind index of a phone number's last four digits (a counsellor finds a caller by 5678). Its
 * own input space ('tail:'), so it never equals the index of a whole number.
 */
export function phoneTailIndex(key: Buffer, phoneOrDigits: string): string {
  return blindIndex(key, `tail:${phoneOrDigits.replace(/\D/g, '').slice(-4)}`);
}
