import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../platform/db/pool.ts';
import { employerContacts } from '../employers/contact.service.ts';
import { seekerCentre, seekersByPhone } from '../seekers/contact.service.ts';
import type { RecipientKind } from './notifications.tables.ts';
import { type Preferences, writePreferences } from './preferences.ts';

// Opting out without signing in (정보통신망법 제50조④: an advertising message carries a free
// means to refuse): a signed one-click link in the message (/u/{token}) and a reply to the
// sender or a call to the 080 number, which the provider reports to POST
// /api/v1/notifications/inbound. Both are recorded as a preference change with its source
// ('link' or 'reply') and time, in the preference log.

const KINDS: Record<string, RecipientKind> = { s: 'seeker', e: 'employer' };

function sign(key: Buffer, payload: string) {
  return createHmac('sha256', key).update(`optout:${payload}`).digest().subarray(0, 16).toString('base64url');
}

/** The link token of a recipient: kind and id (22 characters) and a signature (22). */
export function optOutToken(key: Buffer, kind: RecipientKind, id: string): string | null {
  const k = Object.entries(KINDS).find(([, v]) => v === kind)?.[0];
  if (!k) return null;
  const payload = k + Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

/** Who a token names, or null when it is not one of ours. */
export function readOptOutToken(key: Buffer, token: string): { kind: RecipientKind; id: string } | null {
  const m = /^([se])([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const payload = m[1]! + m[2]!;
  const want = Buffer.from(sign(key, payload));
  const got = Buffer.from(m[3]!);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  const hex = Buffer.from(m[2]!, 'base64url').toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { kind: KINDS[m[1]!]!, id };
}

async function centreOf(db: Db, key: Buffer, kind: RecipientKind, id: string) {
  if (kind === 'seeker') return seekerCentre(db, id);
  return (await employerContacts(db, key, [id])).get(id)?.centreId ?? null;
}

/**
 * POST /u/{token}: withdraws the advertising consent (and the night consent with it); with
 * `everything`, informational messages on every channel stop too. Null when the token names
 * nobody (any more).
 */
export async function optOutByLink(
  db: Db,
  key: Buffer,
  token: string,
  everything: boolean,
): Promise<Preferences | null> {
  const who = readOptOutToken(key, token);
  if (!who) return null;
  return db.transaction().execute(async (tx) => {
    const centreId = await centreOf(tx, key, who.kind, who.id);
    if (!centreId) return null;
    const change = everything
      ? { adOptIn: false, sms: false, alimtalk: false, email: false }
      : { adOptIn: false };
    return writePreferences(tx, { ...who, centreId }, change, 'link', null);
  });
}

/** Words of a reply that refuse (수신거부, 거부, 중지, STOP); a call to the 080 number always does. */
const REFUSAL = /수신\s*거부|거부|중지|그만|\bstop\b|unsubscribe/i;

/**
 * An inbound message the provider reports: a reply to a sent message or an 080 opt-out call,
 * from `from`. A refusal withdraws the advertising consent of every seeker with that phone
 * number (source 'reply'). Employers' numbers are stored without an index, so their opt-out
 * is the link. Returns how many recipients were opted out.
 */
export async function optOutByReply(
  db: Db,
  key: Buffer,
  inbound: { from: string; text?: string; via?: 'reply' | '080' },
): Promise<{ refusal: boolean; optedOut: number }> {
  const refusal = inbound.via === '080' || REFUSAL.test(inbound.text ?? '');
  if (!refusal) return { refusal, optedOut: 0 };
  return db.transaction().execute(async (tx) => {
    const seekers = await seekersByPhone(tx, key, inbound.from);
    for (const s of seekers)
      await writePreferences(
        tx,
        { kind: 'seeker', id: s.id, centreId: s.centreId },
        { adOptIn: false },
        'reply',
        null,
      );
    return { refusal, optedOut: seekers.length };
  });
}
