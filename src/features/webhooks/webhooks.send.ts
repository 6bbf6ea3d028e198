import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, PrivateAddressError } from './webhooks.ssrf.ts';

/** Standard Webhooks: a receiver has 15 s to answer (FIELD.md §g.2). */
export const WEBHOOK_TIMEOUT_MS = 15_000;
const MAX_BODY = 64 * 1024;

// Keep-alive agents: a busy endpoint is not paid a new TCP (and TLS) handshake per event.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface SendResult {
  status: number;
  /** The receiver's Retry-After, in milliseconds, when it sent one. */
  retryAfterMs: number | null;
  durationMs: number;
}

function retryAfter(value: string | string[] | undefined): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * POSTs one signed webhook: no redirect is followed (3xx is an answer like any other), the
 * answer's body is read and dropped (at most 64 KB), the whole exchange ends after
 * `timeoutMs`, and the address connected to is checked after DNS (webhooks.ssrf.ts).
 */
export function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  o: { allowPrivate: boolean; timeoutMs?: number; signal?: AbortSignal },
): Promise<SendResult> {
  const started = performance.now();
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !o.allowPrivate && isPrivateAddress(host))
    return Promise.reject(new PrivateAddressError(`refused private address ${host}`));
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: 'POST',
        agent: agents[u.protocol as 'http:' | 'https:'],
        lookup: guardedLookup(o.allowPrivate) as never,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'ilteo-webhooks/1.0',
        },
        signal: o.signal,
      },
      (res) => {
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > MAX_BODY) res.destroy();
        });
        const done = () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            retryAfterMs: retryAfter(res.headers['retry-after']),
            durationMs: Math.round(performance.now() - started),
          });
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error('webhook timed out'), { code: 'ETIMEDOUT' })),
      o.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    );
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}
