import { type Selectable, sql } from 'kysely';
import { coalesce, coalesceByKey } from '../../platform/db/coalesce.ts';
import type { Db } from '../../platform/db/pool.ts';
import { centreNames } from '../accounts/centres.service.ts';
import { employerContacts } from '../employers/contact.service.ts';
import { seekerContacts } from '../seekers/contact.service.ts';
import type {
  NotificationChannel,
  NotificationTable,
  NotificationTemplateTable,
  RecipientKind,
} from './notifications.tables.ts';
import { DEFAULT_PREFERENCES, type Preferences, readPreferencesMany } from './preferences.ts';

// The sender's reads and its "sent" write, grouped across the messages the outbox worker runs
// side by side (platform/db/coalesce.ts): a claimed batch of 32 messages reads its notifications,
// templates, preferences and contacts in one statement each, and records its sends in one, where
// it took six statements a message before. Nothing is cached: each batch reads afresh, so an
// opt-out committed a moment before a send is seen.

export interface Contact {
  name: string;
  phone: string | null;
  email: string | null;
  reachable: boolean;
}

export interface SentRecord {
  id: string;
  attempts: number;
  channel: NotificationChannel;
  fallbackFrom: 'alimtalk' | null;
  error: string | null;
  provider: string;
  providerMessageId: string | null;
  subjectEnc: string | null;
  bodyEnc: string | null;
}

function makeBatch(db: Db, key: Buffer) {
  const contactsOf = (kind: RecipientKind) =>
    coalesceByKey<string, Contact | null>(async (ids) => {
      if (kind === 'seeker') return seekerContacts(db, key, ids);
      if (kind === 'employer') return employerContacts(db, key, ids);
      // Staff accounts hold no phone or e-mail yet: their notices are recorded, not sent.
      return new Map(ids.map((id) => [id, { name: '', phone: null, email: null, reachable: true }]));
    }, null);
  const contacts = {
    seeker: contactsOf('seeker'),
    employer: contactsOf('employer'),
    user: contactsOf('user'),
  };
  return {
    notification: coalesceByKey<string, Selectable<NotificationTable> | null>(async (ids) => {
      const rows = await db.selectFrom('notifications').selectAll().where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r]));
    }, null),
    template: coalesceByKey<string, Selectable<NotificationTemplateTable> | null>(async (keys) => {
      const rows = await db
        .selectFrom('notification_templates')
        .selectAll()
        .where('key', 'in', keys)
        .execute();
      return new Map(rows.map((r) => [r.key, r]));
    }, null),
    preferences: coalesceByKey<string, Preferences>(async (who) => {
      const list = who.map((w) => {
        const [kind, id] = w.split(':') as [RecipientKind, string];
        return { kind, id };
      });
      return readPreferencesMany(db, list);
    }, DEFAULT_PREFERENCES),
    contact: (kind: RecipientKind, id: string) => contacts[kind](id),
    centreName: coalesceByKey<string, string>((ids) => centreNames(db, ids), ''),
    /** Records sends (status queued/deferred → sent); a message settled meanwhile is left alone. */
    sent: coalesce(async (rows: SentRecord[]) => {
      const data = JSON.stringify(rows);
      await sql`
        UPDATE notifications n
           SET status = 'sent', sent_at = now(), updated_at = now(), attempts = x.attempts,
               channel = x.channel, fallback_from = x."fallbackFrom", error = x.error,
               provider = x.provider, provider_message_id = x."providerMessageId",
               subject_enc = x."subjectEnc", body_enc = x."bodyEnc"
          FROM jsonb_to_recordset(${data}::jsonb) AS x (
                 id uuid, attempts int, channel text, "fallbackFrom" text, error text, provider text,
                 "providerMessageId" text, "subjectEnc" text, "bodyEnc" text)
         WHERE n.id = x.id AND n.status IN ('queued', 'deferred')`.execute(db);
      return rows.map(() => undefined);
    }),
  };
}

export type SenderBatch = ReturnType<typeof makeBatch>;

const batches = new WeakMap<Db, { key: Buffer; batch: SenderBatch }>();

/** The grouped reads and writes of the sender on this database (one set per pool and key). */
export function senderBatch(db: Db, key: Buffer): SenderBatch {
  const b = batches.get(db);
  if (b?.key.equals(key)) return b.batch;
  const batch = makeBatch(db, key);
  batches.set(db, { key, batch });
  return batch;
}
