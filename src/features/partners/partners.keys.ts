import { createHash, randomBytes } from 'node:crypto';

/**
 * Partner API keys, seam-style (FIELD.md §g.4): `ilp_live_<short>_<secret>`. The prefix makes a
 * leaked key recognisable to secret scanners; the short token (12 lower-case letters and
 * digits) is stored and shown in lists and logs; only the SHA-256 of the 256-bit secret is
 * stored (a slow hash adds nothing to a random key of that size).
 */
export const KEY_PREFIX = 'ilp_live_';
const SHAPE = /^ilp_live_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new key: what is shown once, and what is stored. */
export function newKey(): { key: string; shortToken: string; hash: string } {
  const bytes = randomBytes(12);
  let shortToken = '';
  for (const b of bytes) shortToken += ALPHABET[b % ALPHABET.length];
  const secret = randomBytes(32).toString('base64url');
  return { key: `${KEY_PREFIX}${shortToken}_${secret}`, shortToken, hash: hashSecret(secret) };
}

/** The parts of a presented key, or null when it does not have the shape of one. */
export function parseKey(key: string): { shortToken: string; hash: string } | null {
  const m = SHAPE.exec(key);
  return m ? { shortToken: m[1]!, hash: hashSecret(m[2]!) } : null;
}
