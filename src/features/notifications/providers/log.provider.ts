import type { Logger } from 'pino';
import { maskTo, type NotifyProvider } from './provider.ts';

/**
 * `log` (default): nothing leaves the machine. The message stays in the notifications table
 * (its text encrypted) and one log line without personal data says it would have been sent.
 */
export function logProvider(log: Logger): NotifyProvider {
  return {
    name: 'log',
    supports: () => true,
    async send(msg) {
      log.info(
        { notificationId: msg.id, channel: msg.channel, to: maskTo(msg.to), chars: msg.text.length },
        '알림 (log 발송: 외부로 보내지 않음) / notification kept in the log',
      );
      return { messageId: null };
    },
  };
}
