import { type NotifyProvider, ProviderError, retryAfterMs } from './provider.ts';

/**
 * `http`: one JSON POST per message to ILTEO_NOTIFY_URL (an in-house gateway, or the tests'
 * local receiver), with the message's idempotency key in `Idempotency-Key`. 2xx = sent;
 * 429/408/5xx and network errors are retried; 3xx and other 4xx are final.
 */
export function httpProvider(url: string): NotifyProvider {
  return {
    name: 'http',
    supports: () => true,
    async send(msg, signal) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          signal,
          headers: { 'content-type': 'application/json', 'idempotency-key': msg.idempotencyKey },
          body: JSON.stringify(msg),
        });
      } catch (err) {
        throw new ProviderError(`http: ${(err as Error).message}`, false);
      }
      const body = await res.text().catch(() => '');
      if (res.status >= 200 && res.status < 300) {
        let messageId: string | null = null;
        try {
          const j = JSON.parse(body) as { messageId?: unknown };
          if (typeof j.messageId === 'string') messageId = j.messageId.slice(0, 200);
        } catch {
          // a gateway may answer without a body
        }
        return { messageId };
      }
      const retryable = res.status === 429 || res.status === 408 || res.status >= 500;
      throw new ProviderError(
        `http ${res.status}${body ? `: ${body.slice(0, 200)}` : ''}`,
        !retryable,
        retryAfterMs(res.headers.get('retry-after')),
      );
    },
  };
}
