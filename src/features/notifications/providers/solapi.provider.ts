import { createHmac, randomBytes } from 'node:crypto';
import { type NotifyProvider, ProviderError, retryAfterMs } from './provider.ts';

export const SOLAPI_SEND_URL = 'https://api.solapi.com/messages/v4/send-many/detail';

/** The Authorization header of SOLAPI's API-key scheme: HMAC-SHA256 of date + salt. */
export function solapiAuthorization(apiKey: string, apiSecret: string, now = new Date()): string {
  const date = now.toISOString();
  const salt = randomBytes(16).toString('hex');
  const signature = createHmac('sha256', apiSecret)
    .update(date + salt)
    .digest('hex');
  return `HMAC-SHA256 apiKey=${apiKey}, date=${date}, salt=${salt}, signature=${signature}`;
}

const TYPES = { sms: 'SMS', lms: 'LMS', alimtalk: 'ATA' } as const;

/** The request body SOLAPI's send-many/detail takes for one message (public API docs). */
export function solapiBody(msg: Parameters<NotifyProvider['send']>[0]) {
  if (msg.channel === 'email') throw new ProviderError('solapi: e-mail is not a SOLAPI channel', true);
  const m: Record<string, unknown> = {
    to: msg.to,
    from: msg.from,
    text: msg.text,
    type: TYPES[msg.channel],
    // Lets a later look-up find the message by ours.
    customFields: { ilteoId: msg.id, idempotencyKey: msg.idempotencyKey },
  };
  if (msg.channel === 'lms' && msg.subject) m.subject = msg.subject;
  if (msg.channel === 'alimtalk' && msg.alimtalk) {
    m.kakaoOptions = {
      pfId: msg.alimtalk.pfId,
      templateId: msg.alimtalk.templateId,
      variables: Object.fromEntries(Object.entries(msg.alimtalk.variables).map(([k, v]) => [`#{${k}}`, v])),
      // ilteo falls back to SMS/LMS itself (its own preference and byte rules).
      disableSms: true,
    };
  }
  return { messages: [m], allowDuplicates: false };
}

/** Status codes of SOLAPI that no retry mends (1xxx intake errors; FIELD.md §h.6). */
function permanentCode(code: string): boolean {
  return /^1\d{3}$/.test(code) || /^20(6[0-4])$/.test(code);
}

/** `solapi`: SMS, LMS and 알림톡 through SOLAPI's REST API (never called in tests). */
export function solapiProvider(cfg: { apiKey: string; apiSecret: string }): NotifyProvider {
  return {
    name: 'solapi',
    supports: (channel) => channel !== 'email',
    async send(msg, signal) {
      let res: Response;
      try {
        res = await fetch(SOLAPI_SEND_URL, {
          method: 'POST',
          signal,
          headers: {
            'content-type': 'application/json',
            authorization: solapiAuthorization(cfg.apiKey, cfg.apiSecret),
          },
          body: JSON.stringify(solapiBody(msg)),
        });
      } catch (err) {
        throw new ProviderError(`solapi: ${(err as Error).message}`, false);
      }
      const json = (await res.json().catch(() => ({}))) as {
        errorCode?: string;
        errorMessage?: string;
        failedMessageList?: { statusCode?: string; statusMessage?: string }[];
        messageList?: { messageId?: string }[];
      };
      if (!res.ok) {
        throw new ProviderError(
          `solapi ${res.status} ${json.errorCode ?? ''} ${json.errorMessage ?? ''}`.trim(),
          res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408,
          retryAfterMs(res.headers.get('retry-after')),
        );
      }
      const failed = json.failedMessageList?.[0];
      if (failed) {
        const code = String(failed.statusCode ?? '');
        throw new ProviderError(`solapi ${code} ${failed.statusMessage ?? ''}`.trim(), permanentCode(code));
      }
      return { messageId: json.messageList?.[0]?.messageId ?? null };
    },
  };
}
