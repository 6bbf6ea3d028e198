import { blindIndex, decryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { normalisePhone } from '../../platform/domain/validate.ts';

export interface SeekerContact {
  id: string;
  centreId: string;
  name: string;
  phone: string | null;
  email: string | null;
  /** Suspended (privacy) or closed seekers get nothing. */
  reachable: boolean;
}

/**
 * Name, phone and e-mail of seekers for a message the system sends them (notifications):
 * decrypted here, never stored elsewhere. Not a view by a person, so no access-log row; the
 * notification row records what was sent to whom.
 */
export async function seekerContacts(
  db: Db,
  key: Buffer,
  ids: readonly string[],
): Promise<Map<string, SeekerContact>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('seekers')
    .select(['id', 'centre_id', 'name', 'phone_enc', 'email_enc', 'status', 'suspended'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        centreId: r.centre_id,
        name: r.name,
        phone: decryptField(key, r.phone_enc),
        email: decryptField(key, r.email_enc),
        reachable: r.status !== 'closed' && !r.suspended,
      },
    ]),
  );
}

/** The centre of a seeker (null when there is none), for a message about it. */
export async function seekerCentre(db: Db, id: string): Promise<string | null> {
  const r = await db.selectFrom('seekers').select('centre_id').where('id', '=', id).executeTakeFirst();
  return r?.centre_id ?? null;
}

/**
 * The seekers whose phone is this number (by its blind index; a number given in any common
 * form), with their centres: an opt-out by reply names only the number it came from.
 */
export async function seekersByPhone(
  db: Db,
  key: Buffer,
  phone: string,
): Promise<{ id: string; centreId: string }[]> {
  const normal = normalisePhone(phone);
  if (!normal) return [];
  const rows = await db
    .selectFrom('seekers')
    .select(['id', 'centre_id'])
    .where('phone_bi', '=', blindIndex(key, normal))
    .execute();
  return rows.map((r) => ({ id: r.id, centreId: r.centre_id }));
}
