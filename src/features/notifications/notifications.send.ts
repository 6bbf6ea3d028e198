import type { Logger } from 'pino';
import type { NotifyConfig } from '../../platform/config.ts';
import { encryptField } from '../../platform/crypto/fields.ts';
import {
  type OutboxHandler,
  OutboxPermanentError,
  OutboxRetryLater,
} from '../../platform/outbox/outbox.registry.ts';
import type { NotificationChannel, NotificationStatus } from './notifications.tables.ts';
import { optOutToken } from './opt-out.ts';
import { httpProvider } from './providers/http.provider.ts';
import { logProvider } from './providers/log.provider.ts';
import {
  type NotifyProvider,
  type OutgoingMessage,
  ProviderError,
  phoneDigits,
} from './providers/provider.ts';
import { smtpProvider } from './providers/smtp.provider.ts';
import { solapiProvider } from './providers/solapi.provider.ts';
import { isQuiet, sendableAt } from './quiet-hours.ts';
import { senderBatch } from './send-batch.ts';
import { LMS_MAX_BYTES, lmsSubject, smsKind, toSmsText } from './sms-text.ts';
import { advertisingText, renderTemplate, sentSubject } from './templates.ts';

/** 알림톡 bodies are at most 1,000 characters after the fields are filled (FIELD.md §h.4). */
const ALIMTALK_MAX_CHARS = 1000;

export interface Providers {
  /** Providers in the order they are tried (the configured one, then the fallback). */
  chain: NotifyProvider[];
  /** E-mail: SMTP when configured, else the chain's providers that take e-mail. */
  email: NotifyProvider[];
  close(): void;
}

function provider(name: string, cfg: NotifyConfig, log: Logger): NotifyProvider {
  if (name === 'http') return httpProvider(cfg.url!);
  if (name === 'solapi') return solapiProvider(cfg.solapi!);
  return logProvider(log);
}

export function makeProviders(cfg: NotifyConfig, log: Logger): Providers {
  const chain = [cfg.provider, cfg.fallbackProvider]
    .filter((p) => p !== null)
    .map((p) => provider(p!, cfg, log));
  const smtp = cfg.smtpUrl ? smtpProvider(cfg.smtpUrl, cfg.fromEmail) : null;
  return {
    chain,
    email: smtp ? [smtp] : chain.filter((p) => p.supports('email')),
    close: () => smtp?.close(),
  };
}

/** Tries each provider in turn; throws the last error (permanent only when every one was). */
async function sendThrough(providers: NotifyProvider[], msg: OutgoingMessage, signal: AbortSignal) {
  let last: ProviderError | null = null;
  let allPermanent = true;
  for (const p of providers.filter((x) => x.supports(msg.channel))) {
    try {
      const r = await p.send(msg, signal);
      return { provider: p.name, messageId: r.messageId };
    } catch (err) {
      last =
        err instanceof ProviderError ? err : new ProviderError(String((err as Error).message ?? err), false);
      allPermanent &&= last.permanent;
    }
  }
  if (!last) throw new ProviderError(`no provider sends ${msg.channel}`, true);
  throw new ProviderError(last.message, allPermanent, last.retryAfterMs);
}

/**
 * The outbox handler of kind 'notification': reads the message, checks again what may have
 * changed since it was written (opt-out, opt-in, quiet hours), reads the recipient's contact,
 * renders the text and sends it — 알림톡 where an approved template exists (SMS/LMS if 알림톡
 * fails), else SMS or LMS by EUC-KR length, else e-mail — through the provider chain. A
 * notification already settled is left alone (the outbox may deliver a message twice after a
 * crash; the idempotency key then reaches the provider once more, the same key).
 */
export function notificationHandler(deps: {
  key: Buffer;
  cfg: NotifyConfig;
  providers: Providers;
  /** ILTEO_PUBLIC_URL: advertising carries the opt-out link /u/{token} under it. */
  publicUrl?: string | null;
}): OutboxHandler {
  const { key, cfg, providers } = deps;
  return async (msg, { db, signal }) => {
    const id = String(msg.payload.notificationId);
    const batch = senderBatch(db, key);
    const n = await batch.notification(id);
    if (!n || n.status === 'sent' || n.status === 'suppressed' || n.status === 'failed') return;
    const settle = async (
      status: NotificationStatus,
      extra: Partial<{
        channel: NotificationChannel | null;
        fallback_from: 'alimtalk' | null;
        error: string | null;
        provider: string | null;
        provider_message_id: string | null;
        subject_enc: string | null;
        body_enc: string | null;
        not_before: Date;
      }> = {},
    ) => {
      await db
        .updateTable('notifications')
        .set({
          status,
          attempts: msg.attempt,
          updated_at: new Date(),
          ...(status === 'sent' ? { sent_at: new Date() } : {}),
          ...extra,
        })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'deferred'])
        .execute();
    };
    const [tpl, prefs] = await Promise.all([
      batch.template(n.template_key),
      batch.preferences(`${n.recipient_kind}:${n.recipient_id}`),
    ]);
    if (!tpl) throw new OutboxPermanentError(`notification template ${n.template_key} does not exist`);
    if (n.category === 'ad' && !prefs.adOptIn)
      return settle('suppressed', { error: 'notification.noAdOptIn' });
    if (!prefs.sms && !prefs.alimtalk && !prefs.email)
      return settle('suppressed', { error: 'notification.optedOut' });
    const window = {
      category: n.category,
      urgent: n.urgent,
      nightOptIn: prefs.adNightOptIn,
      quiet: cfg.quiet,
    };
    const now = new Date();
    if (isQuiet(now, window)) {
      const morning = sendableAt(now, window);
      await settle('deferred', { not_before: morning });
      throw new OutboxRetryLater('quiet hours', morning.getTime() - now.getTime());
    }
    const contact = await batch.contact(n.recipient_kind, n.recipient_id);
    if (!contact?.reachable) return settle('suppressed', { error: 'notification.unreachable' });

    const values = { ...(n.variables as Record<string, string>), name: contact.name };
    let body = renderTemplate(tpl.body, values);
    const subject = sentSubject(renderTemplate(tpl.subject, values), n.category);
    if (n.category === 'ad') {
      const centre = await batch.centreName(n.centre_id);
      const sender = `일터 ${centre}`.trim();
      // the free refusal: the 080 number (or the sender's, by reply) and a one-click link
      const token = optOutToken(key, n.recipient_kind, n.recipient_id);
      const link = deps.publicUrl && token ? `${deps.publicUrl.replace(/\/$/, '')}/u/${token}` : null;
      const byPhone = cfg.optOut ?? (cfg.senderNumber ? `${cfg.senderNumber} (수신거부)` : null);
      const optOut = [byPhone, link].filter((x) => x !== null).join(' ') || '일터 /me 알림 설정';
      body = advertisingText(body, sender, optOut);
    }
    const phone = phoneDigits(contact.phone);
    const sms = toSmsText(body);
    const smsChannel = prefs.sms && phone && sms.bytes <= LMS_MAX_BYTES ? smsKind(sms.text) : null;
    const alimtalkOk =
      n.category === 'info' &&
      prefs.alimtalk &&
      phone !== null &&
      tpl.alimtalk_template_id !== null &&
      tpl.alimtalk_approved_body === tpl.body &&
      body.length <= ALIMTALK_MAX_CHARS &&
      providers.chain.some((p) => p.supports('alimtalk'));
    const emailOk = prefs.email && contact.email !== null && providers.email.length > 0;
    if (!alimtalkOk && !smsChannel && !emailOk)
      return settle('suppressed', { error: 'notification.noContact' });

    const base = { id, from: cfg.senderNumber, advertising: n.category === 'ad' };
    const sealed = (text: string, subj: string | null) => ({
      bodyEnc: encryptField(key, text),
      subjectEnc: encryptField(key, subj ?? ''),
    });
    let firstError: ProviderError | null = null;
    const attempt = async (
      channel: NotificationChannel,
      m: OutgoingMessage,
      list: NotifyProvider[],
      fallbackFrom: 'alimtalk' | null,
    ) => {
      try {
        const r = await sendThrough(list, m, signal);
        await batch.sent({
          id,
          attempts: msg.attempt,
          channel,
          fallbackFrom,
          error: firstError ? firstError.message.slice(0, 2000) : null,
          provider: r.provider,
          providerMessageId: r.messageId,
          ...sealed(m.text, m.subject),
        });
        return true;
      } catch (err) {
        firstError ??= err as ProviderError;
        return false;
      }
    };
    if (alimtalkOk) {
      const ok = await attempt(
        'alimtalk',
        {
          ...base,
          idempotencyKey: msg.idempotencyKey,
          channel: 'alimtalk',
          to: phone!,
          subject: null,
          text: body,
          alimtalk: {
            templateId: tpl.alimtalk_template_id!,
            pfId: cfg.solapi?.pfId ?? null,
            variables: values,
          },
        },
        providers.chain,
        null,
      );
      if (ok) return;
    }
    if (smsChannel) {
      const ok = await attempt(
        smsChannel,
        {
          ...base,
          idempotencyKey: alimtalkOk ? `${msg.idempotencyKey}:sms` : msg.idempotencyKey,
          channel: smsChannel,
          to: phone!,
          subject: smsChannel === 'lms' ? lmsSubject(subject) : null,
          text: sms.text,
        },
        providers.chain,
        alimtalkOk ? 'alimtalk' : null,
      );
      if (ok) return;
    }
    if (emailOk && !smsChannel && !alimtalkOk) {
      const ok = await attempt(
        'email',
        {
          ...base,
          from: cfg.fromEmail,
          idempotencyKey: msg.idempotencyKey,
          channel: 'email',
          to: contact.email!,
          subject,
          text: body,
        },
        providers.email,
        null,
      );
      if (ok) return;
    }
    const err = firstError ?? new ProviderError('not sent', false);
    const last = err.permanent || msg.attempt >= msg.maxAttempts;
    await db
      .updateTable('notifications')
      .set({
        status: last ? 'failed' : 'queued',
        attempts: msg.attempt,
        error: err.message.slice(0, 2000),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'deferred'])
      .execute();
    if (err.permanent) throw new OutboxPermanentError(err.message);
    if (err.retryAfterMs !== null) throw new OutboxRetryLater(err.message, err.retryAfterMs);
    throw err;
  };
}
