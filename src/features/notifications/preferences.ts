import { type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { NotificationPreferenceTable, PreferenceSource, RecipientKind } from './notifications.tables.ts';

export interface Preferences {
  sms: boolean;
  alimtalk: boolean;
  email: boolean;
  /** 광고성 정보 수신 동의 */
  adOptIn: boolean;
  /** 야간(21:00–08:00) 광고성 정보 수신 동의: only with adOptIn */
  adNightOptIn: boolean;
  adOptInAt: string | null;
  source: PreferenceSource | null;
  updatedAt: string | null;
}

/** Without a recorded choice: informational messages on every channel, no advertising. */
export const DEFAULT_PREFERENCES: Preferences = {
  sms: true,
  alimtalk: true,
  email: true,
  adOptIn: false,
  adNightOptIn: false,
  adOptInAt: null,
  source: null,
  updatedAt: null,
};

export async function readPreferences(db: Db, kind: RecipientKind, id: string): Promise<Preferences> {
  const r = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('recipient_kind', '=', kind)
    .where('recipient_id', '=', id)
    .executeTakeFirst();
  return r ? present(r) : DEFAULT_PREFERENCES;
}

/** The recorded choices of many recipients, keyed `kind:id` (those without one are absent). */
export async function readPreferencesMany(
  db: Db,
  who: readonly { kind: RecipientKind; id: string }[],
): Promise<Map<string, Preferences>> {
  const ids = [...new Set(who.map((w) => w.id))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('recipient_kind', 'in', [...new Set(who.map((w) => w.kind))])
    .where('recipient_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [`${r.recipient_kind}:${r.recipient_id}`, present(r)]));
}

function present(r: Selectable<NotificationPreferenceTable>): Preferences {
  return {
    sms: r.sms,
    alimtalk: r.alimtalk,
    email: r.email,
    adOptIn: r.ad_opt_in,
    adNightOptIn: r.ad_night_opt_in,
    adOptInAt: r.ad_opt_in_at?.toISOString() ?? null,
    source: r.source,
    updatedAt: r.updated_at.toISOString(),
  };
}

export interface PreferenceChange {
  sms?: boolean;
  alimtalk?: boolean;
  email?: boolean;
  adOptIn?: boolean;
  adNightOptIn?: boolean;
}

/**
 * Records a recipient's choice with its time and source (one log row per change); the row is
 * locked so two changes at once apply one after the other. A withdrawn advertising opt-in also
 * withdraws the night opt-in.
 */
export async function writePreferences(
  tx: Db,
  who: { kind: RecipientKind; id: string; centreId: string },
  change: PreferenceChange,
  source: PreferenceSource,
  actorId: string | null,
): Promise<Preferences> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`notify-pref:${who.id}`}, 0))`.execute(tx);
  const before = await readPreferences(tx, who.kind, who.id);
  const adOptIn = change.adOptIn ?? before.adOptIn;
  const next = {
    sms: change.sms ?? before.sms,
    alimtalk: change.alimtalk ?? before.alimtalk,
    email: change.email ?? before.email,
    adOptIn,
    adNightOptIn: adOptIn ? (change.adNightOptIn ?? before.adNightOptIn) : false,
  };
  const optInAt = adOptIn
    ? before.adOptIn && before.adOptInAt
      ? before.adOptInAt
      : new Date().toISOString()
    : null;
  const values = {
    sms: next.sms,
    alimtalk: next.alimtalk,
    email: next.email,
    ad_opt_in: next.adOptIn,
    ad_night_opt_in: next.adNightOptIn,
    ad_opt_in_at: optInAt,
    source,
    updated_by: actorId,
    updated_at: sql<Date>`now()`,
    centre_id: who.centreId,
  };
  await tx
    .insertInto('notification_preferences')
    .values({ recipient_kind: who.kind, recipient_id: who.id, ...values })
    .onConflict((oc) => oc.columns(['recipient_kind', 'recipient_id']).doUpdateSet(values))
    .execute();
  await tx
    .insertInto('notification_preference_log')
    .values({
      id: uuidv7(),
      recipient_kind: who.kind,
      recipient_id: who.id,
      centre_id: who.centreId,
      preferences: JSON.stringify(next),
      source,
      actor_id: actorId,
    })
    .execute();
  return readPreferences(tx, who.kind, who.id);
}
