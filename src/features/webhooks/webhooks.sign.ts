import { createHmac, randomBytes } from 'node:crypto';

// Standard Webhooks 1.0 signing (FIELD.md §g.2): the signed content is `{id}.{timestamp}.{body}`,
// HMAC-SHA256 with the secret's bytes (base64 after `whsec_`), sent as `v1,<base64>`; several
// signatures are separated by spaces (a rotation signs with the new and the old secret).

export const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes, base64, `whsec_` prefix. */
export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

function secretBytes(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
}

/** `v1,<base64 HMAC-SHA256>` of one message with one secret. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/**
 * The three headers of one attempt: `webhook-id` (the same on every retry), `webhook-timestamp`
 * (this attempt, Unix seconds) and `webhook-signature` signed with every secret given.
 */
export function webhookHeaders(
  secrets: string[],
  id: string,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signature(s, id, timestamp, body)).join(' '),
  };
}
