import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { outboxInsertFrom, outboxWakeAfter } from '../../platform/outbox/outbox.ts';
import type { NotificationStatus, RecipientKind } from './notifications.tables.ts';

// The writing side of notify: what it reads before deciding, and the rows it writes with their
// outbox messages, one statement each whatever the number of messages (the caller's transaction
// adds only its BEGIN and COMMIT). The sender's statements are in send-batch.ts.

export interface TemplateForNotify {
  key: string;
  category: 'info' | 'ad';
  urgent: boolean;
  recipientKind: RecipientKind;
  variables: string[];
}

/** The recorded choices that decide whether and when a message goes (absent: the defaults). */
export interface ChoicesForNotify {
  sms: boolean;
  alimtalk: boolean;
  email: boolean;
  adOptIn: boolean;
  adNightOptIn: boolean;
}

/**
 * The templates of these keys and the recorded choices of these recipients, in one statement.
 * Choices are keyed `kind:id`; a recipient without a recorded choice is absent.
 */
export async function findTemplatesAndChoices(
  db: Db,
  templateKeys: readonly string[],
  recipients: readonly { kind: RecipientKind; id: string }[],
): Promise<{ templates: Map<string, TemplateForNotify>; choices: Map<string, ChoicesForNotify> }> {
  const kinds = [...new Set(recipients.map((r) => r.kind))];
  const ids = [...new Set(recipients.map((r) => r.id))];
  const r = await sql<{
    templates: TemplateForNotify[];
    choices: (ChoicesForNotify & { kind: RecipientKind; id: string })[];
  }>`
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'key', key, 'category', category, 'urgent', urgent,
                'recipientKind', recipient_kind, 'variables', variables)), '[]'::jsonb)
         FROM notification_templates WHERE key = ANY(${[...templateKeys]}::text[])) AS templates,
      (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'kind', recipient_kind, 'id', recipient_id, 'sms', sms, 'alimtalk', alimtalk,
                'email', email, 'adOptIn', ad_opt_in, 'adNightOptIn', ad_night_opt_in)), '[]'::jsonb)
         FROM notification_preferences
        WHERE recipient_kind = ANY(${kinds}::text[]) AND recipient_id = ANY(${ids}::uuid[])) AS choices`.execute(
    db,
  );
  const row = r.rows[0]!;
  return {
    templates: new Map(row.templates.map((t) => [t.key, t])),
    choices: new Map(
      row.choices.map(({ kind, id, ...c }) => [`${kind}:${id}`, c satisfies ChoicesForNotify]),
    ),
  };
}

export interface NotificationToWrite {
  id: string;
  centreId: string;
  recipientKind: RecipientKind;
  recipientId: string;
  templateKey: string;
  category: 'info' | 'ad';
  urgent: boolean;
  status: NotificationStatus;
  notBefore: Date;
  /** A suppression reason (message key), or null. */
  error: string | null;
  variables: Record<string, string>;
  source: string;
  dedupeKey: string | null;
  /** Its outbox message (id, idempotency key, payload of ids), or null when none is sent. */
  message: { id: string; idempotencyKey: string; payload: Record<string, unknown> } | null;
}

/**
 * Writes notifications and the outbox messages of those that go, in one statement: a repeated
 * `dedupeKey` writes neither (ON CONFLICT DO NOTHING, as the outbox's idempotency key), and one
 * NOTIFY wakes the workers at commit when a message was written. Returns the ids written.
 */
export async function insertNotifications(
  db: Db,
  rows: readonly NotificationToWrite[],
  outbox: { kind: string; maxAttempts: number },
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const col = <T>(f: (r: NotificationToWrite) => T) => rows.map(f);
  const messages = outboxInsertFrom(sql`
    SELECT i.message_id AS id, ${outbox.kind}::text AS kind, i.message_key AS idempotency_key,
           i.message_payload AS payload, n.centre_id, n.not_before,
           ${outbox.maxAttempts}::int AS max_attempts
      FROM n JOIN input i ON i.id = n.id
     WHERE i.message_id IS NOT NULL`);
  const r = await sql<{ id: string }>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col((x) => x.id)}::uuid[], ${col((x) => x.centreId)}::uuid[],
        ${col((x) => x.recipientKind)}::text[], ${col((x) => x.recipientId)}::uuid[],
        ${col((x) => x.templateKey)}::text[], ${col((x) => x.category)}::text[],
        ${col((x) => x.urgent)}::boolean[], ${col((x) => x.status)}::text[],
        ${col((x) => x.notBefore.toISOString())}::timestamptz[], ${col((x) => x.error)}::text[],
        ${col((x) => JSON.stringify(x.variables))}::jsonb[], ${col((x) => x.source)}::text[],
        ${col((x) => x.dedupeKey)}::text[], ${col((x) => x.message?.id ?? null)}::uuid[],
        ${col((x) => x.message?.idempotencyKey ?? null)}::text[],
        ${col((x) => (x.message ? JSON.stringify(x.message.payload) : null))}::jsonb[]
      ) WITH ORDINALITY AS x (id, centre_id, recipient_kind, recipient_id, template_key, category,
                              urgent, status, not_before, error, variables, source, dedupe_key,
                              message_id, message_key, message_payload, ord)
    ),
    n AS (
      INSERT INTO notifications (id, centre_id, recipient_kind, recipient_id, template_key, category,
                                 urgent, status, not_before, error, variables, source, dedupe_key)
      SELECT id, centre_id, recipient_kind, recipient_id, template_key, category, urgent, status,
             not_before, error, variables, source, dedupe_key
        FROM input ORDER BY ord
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, centre_id, not_before
    ),
    o AS (${messages})
    SELECT n.id, ${outboxWakeAfter('o')} AS woke FROM n`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}
