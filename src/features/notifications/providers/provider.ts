import type { NotificationChannel } from '../notifications.tables.ts';

/** One message as every provider receives it (the channel is already chosen). */
export interface OutgoingMessage {
  /** The notification's id. */
  id: string;
  /** The same on every try of this message: providers and gateways dedupe on it. */
  idempotencyKey: string;
  channel: NotificationChannel;
  /** Digits of a phone number, or an e-mail address. */
  to: string;
  /** The registered sender number (SMS, LMS, 알림톡) or the From of e-mail. */
  from: string | null;
  /** LMS and e-mail subject. */
  subject: string | null;
  text: string;
  /** 알림톡: the approved template at the provider and the values of its fields. */
  alimtalk?: { templateId: string; pfId: string | null; variables: Record<string, string> };
  advertising: boolean;
}

export interface NotifyProvider {
  readonly name: string;
  supports(channel: NotificationChannel): boolean;
  send(msg: OutgoingMessage, signal: AbortSignal): Promise<{ messageId: string | null }>;
}

/** A provider's refusal. `permanent`: no retry can mend it (bad number, refused template). */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** 010-1234-5678 → 01012345678; null when it is no Korean phone number. */
export function phoneDigits(phone: string | null): string | null {
  const d = phone?.replace(/[\s-]/g, '') ?? '';
  return /^0\d{8,10}$/.test(d) ? d : null;
}

/** 010-****-5678: for logs and pages. */
export function maskTo(to: string): string {
  if (to.includes('@')) return to.replace(/^(.).*(@.*)$/, '$1***$2');
  return to.length > 4 ? `${to.slice(0, 3)}-****-${to.slice(-4)}` : '****';
}

/** Retry-After (seconds or an HTTP date) in ms, or null. */
export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
