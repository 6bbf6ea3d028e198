import nodemailer from 'nodemailer';
import { type NotifyProvider, ProviderError } from './provider.ts';

/**
 * E-mail through nodemailer over SMTP (ILTEO_SMTP_URL). The Message-ID is made from the
 * idempotency key, so a message sent again after a crash carries the same id and mail systems
 * that dedupe on it show it once.
 */
export function smtpProvider(url: string, from: string): NotifyProvider & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    supports: (channel) => channel === 'email',
    async send(msg) {
      try {
        const info = await transport.sendMail({
          from: msg.from ?? from,
          to: msg.to,
          subject: msg.subject ?? '',
          text: msg.text,
          messageId: `<${msg.idempotencyKey.replace(/[^A-Za-z0-9.:_-]/g, '')}@ilteo>`,
        });
        return { messageId: info.messageId ?? null };
      } catch (err) {
        const e = err as { responseCode?: number; message: string };
        // 5xx from the server is final (bad address, refused); the rest may pass later.
        throw new ProviderError(
          `smtp: ${e.message}`,
          typeof e.responseCode === 'number' && e.responseCode >= 500,
        );
      }
    },
    close: () => transport.close(),
  };
}
