import { sql } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import type { RequestContext } from '../../platform/context.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import './notifications.messages.ts';
import {
  findTemplatesAndChoices,
  insertNotifications,
  type NotificationToWrite,
} from './notifications.repository.ts';
import type { NotificationChannel, NotificationStatus, RecipientKind } from './notifications.tables.ts';
import { DEFAULT_PREFERENCES } from './preferences.ts';
import { DEFAULT_QUIET_HOURS, type QuietHours, sendableAt } from './quiet-hours.ts';

export const NOTIFICATION_KIND = 'notification';
/** The quiet hours in force (config ILTEO_NOTIFY_QUIET_* and _AD_QUIET_*; set at start). */
let quietHours: QuietHours = DEFAULT_QUIET_HOURS;
export function setQuietHours(q: QuietHours) {
  quietHours = q;
}
export const currentQuietHours = () => quietHours;

export interface NotifyInput {
  templateKey: string;
  recipient: { kind: RecipientKind; id: string };
  /** The centre the message is sent for (its name signs advertising). */
  centreId: string;
  /**
   * Template fields other than `name` (the recipient's name is read when the message is sent).
   * No personal data of anyone but the recipient.
   */
  variables: Record<string, string>;
  /** What caused it: 'referral.created', 'posting.approved', … */
  source: string;
  /** One message per key ever (e.g. `referral.created:<id>`): a repeated trigger sends nothing. */
  dedupeKey?: string;
  /** Send no earlier than this (reminders); quiet hours still apply. */
  at?: Date;
  urgent?: boolean;
}

/**
 * Writes a notification and its outbox row in the caller's transaction (pass the transaction
 * as `db`). Advertising without the recipient's opt-in, or a recipient who turned every channel
 * off, is recorded as suppressed and never queued. Quiet hours set `not_before`. Returns the
 * notification's id, or null when `dedupeKey` was used before.
 */
export async function notify(db: Db, input: NotifyInput): Promise<string | null> {
  const [id] = await notifyMany(db, [input]);
  return id ?? null;
}

/**
 * {@link notify} for many messages at once (an event invitation to every pre-matched seeker):
 * two statements whatever their number — one reads the templates and the recipients' choices,
 * one writes the notifications with their outbox messages and wakes the workers. Returns each
 * input's id (null: its dedupe key was used before).
 */
export async function notifyMany(db: Db, inputs: readonly NotifyInput[]): Promise<(string | null)[]> {
  if (inputs.length === 0) return [];
  const { templates, choices } = await findTemplatesAndChoices(
    db,
    [...new Set(inputs.map((i) => i.templateKey))],
    inputs.map((i) => i.recipient),
  );
  const now = Date.now();
  const rows = inputs.map((input): NotificationToWrite => {
    const tpl = templates.get(input.templateKey);
    if (!tpl) throw new Error(`notification template ${input.templateKey} does not exist`);
    if (tpl.recipientKind !== input.recipient.kind)
      throw new Error(`template ${tpl.key} is for ${tpl.recipientKind}, not ${input.recipient.kind}`);
    const missing = tpl.variables.filter((v) => v !== 'name' && !(v in input.variables));
    if (missing.length) throw new Error(`template ${tpl.key} needs ${missing.join(', ')}`);
    const p = choices.get(`${input.recipient.kind}:${input.recipient.id}`) ?? DEFAULT_PREFERENCES;
    const urgent = input.urgent ?? tpl.urgent;
    const notBefore = sendableAt(input.at ?? new Date(now), {
      category: tpl.category,
      urgent,
      nightOptIn: p.adNightOptIn,
      quiet: quietHours,
    });
    let suppressed: string | null = null;
    if (tpl.category === 'ad' && !p.adOptIn) suppressed = 'notification.noAdOptIn';
    else if (!p.sms && !p.alimtalk && !p.email) suppressed = 'notification.optedOut';
    const status: NotificationStatus = suppressed
      ? 'suppressed'
      : notBefore.getTime() > now + 1000
        ? 'deferred'
        : 'queued';
    const id = uuidv7();
    return {
      id,
      centreId: input.centreId,
      recipientKind: input.recipient.kind,
      recipientId: input.recipient.id,
      templateKey: tpl.key,
      category: tpl.category,
      urgent,
      status,
      notBefore,
      error: suppressed,
      variables: input.variables,
      source: input.source,
      dedupeKey: input.dedupeKey ?? null,
      message: suppressed
        ? null
        : { id: uuidv7(), idempotencyKey: `notification:${id}`, payload: { notificationId: id } },
    };
  });
  const written = await insertNotifications(db, rows, { kind: NOTIFICATION_KIND, maxAttempts: 8 });
  return rows.map((r) => (written.has(r.id) ? r.id : null));
}

export interface NotificationView {
  id: string;
  channel: NotificationChannel | null;
  templateKey: string;
  recipientKind: RecipientKind;
  recipientId: string;
  status: NotificationStatus;
  notBefore: string;
  sentAt: string | null;
  error: string | null;
  category: 'info' | 'ad';
  fallbackFrom: string | null;
  provider: string | null;
  attempts: number;
  source: string;
  createdAt: string;
}

const ERROR_KEYS = new Set([
  'notification.noAdOptIn',
  'notification.optedOut',
  'notification.noContact',
  'notification.unreachable',
]);

/** An error as stored: a message key of ours (suppression reasons) or a provider's text. */
export function errorKeyOrText(error: string | null): { key: string } | { text: string } | null {
  if (!error) return null;
  return ERROR_KEYS.has(error) ? { key: error } : { text: error };
}

/** GET /notifications: messages of the actor's centres, newest first. */
export async function listNotifications(
  ctx: RequestContext,
  opts: { recipientId?: string; status?: NotificationStatus; limit?: number; beforeId?: string },
): Promise<NotificationView[]> {
  let q = ctx.db.selectFrom('notifications').selectAll();
  if (ctx.actor.centreScope !== null)
    q = q.where('centre_id', 'in', ctx.actor.centreScope.length ? [...ctx.actor.centreScope] : [uuidv7()]);
  if (opts.recipientId) q = q.where('recipient_id', '=', opts.recipientId);
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(Math.min(opts.limit ?? 50, 200))
    .execute();
  return rows.map(present);
}

function present(r: {
  id: string;
  channel: NotificationChannel | null;
  template_key: string;
  recipient_kind: RecipientKind;
  recipient_id: string;
  status: NotificationStatus;
  not_before: Date;
  sent_at: Date | null;
  error: string | null;
  category: 'info' | 'ad';
  fallback_from: string | null;
  provider: string | null;
  attempts: number;
  source: string;
  created_at: Date;
}): NotificationView {
  return {
    id: r.id,
    channel: r.channel,
    templateKey: r.template_key,
    recipientKind: r.recipient_kind,
    recipientId: r.recipient_id,
    status: r.status,
    notBefore: r.not_before.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    error: r.error,
    category: r.category,
    fallbackFrom: r.fallback_from,
    provider: r.provider,
    attempts: r.attempts,
    source: r.source,
    createdAt: r.created_at.toISOString(),
  };
}

/** Counts per status of the actor's centres (the outbox page). */
export async function notificationCounts(ctx: RequestContext) {
  let q = ctx.db
    .selectFrom('notifications')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status');
  if (ctx.actor.centreScope !== null)
    q = q.where('centre_id', 'in', ctx.actor.centreScope.length ? [...ctx.actor.centreScope] : [uuidv7()]);
  const rows = await q.execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<NotificationStatus, number>>;
}

/** What a seeker was sent (their /me page): the texts as sent, decrypted for them alone. */
/**
 * Whom /me speaks for: a seeker account's seeker, or a company account's employer (the company's
 * messages and choices are shared by its accounts); 403 for anyone else.
 */
export function ownRecipient(ctx: RequestContext): { kind: 'seeker' | 'employer'; id: string } {
  const a = ctx.actor;
  if (a.role === 'seeker' && a.seekerId) return { kind: 'seeker', id: a.seekerId };
  if (a.role === 'employer' && a.employerId && !a.partner) return { kind: 'employer', id: a.employerId };
  throw new DomainError('forbidden', 'error.forbidden');
}

/** /me/notifications: what the signed-in seeker or company was sent, newest first. */
export async function ownNotifications(ctx: RequestContext, key: Buffer, limit = 50) {
  const own = ownRecipient(ctx);
  const rows = await ctx.db
    .selectFrom('notifications')
    .selectAll()
    .where('recipient_kind', '=', own.kind)
    .where('recipient_id', '=', own.id)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...present(r),
    subject: decryptField(key, r.subject_enc),
    text: decryptField(key, r.body_enc),
  }));
}

/** True when the notification's centre is in the actor's scope (the outbox page's detail). */
export function notificationInScope(ctx: RequestContext, centreId: string) {
  return inScope(ctx.actor, centreId);
}
