import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { PartnerScope } from '../../platform/http/actor.ts';
import { uuidv7 } from '../../platform/ids.ts';

export async function insertPartner(
  db: Db,
  p: {
    id: string;
    centreId: string;
    userId: string;
    name: string;
    purpose: string;
    scopes: PartnerScope[];
    ratePerMinute: number;
    createdBy: string;
  },
) {
  return db
    .insertInto('partners')
    .values({
      id: p.id,
      centre_id: p.centreId,
      user_id: p.userId,
      name: p.name,
      purpose: p.purpose,
      scopes: p.scopes,
      rate_per_minute: p.ratePerMinute,
      created_by: p.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertKey(
  db: Db,
  k: { partnerId: string; centreId: string; shortToken: string; hash: string; createdBy: string },
) {
  return db
    .insertInto('partner_keys')
    .values({
      id: uuidv7(),
      partner_id: k.partnerId,
      centre_id: k.centreId,
      short_token: k.shortToken,
      key_hash: k.hash,
      created_by: k.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Partners of the given centres (null: all), newest first, with their keys. */
export async function findPage(
  db: Db,
  centres: readonly string[] | null,
  o: { offset: number; limit: number },
) {
  let q = db.selectFrom('partners');
  if (centres !== null)
    q = centres.length ? q.where('centre_id', 'in', centres) : q.where(sql<boolean>`false`);
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(o.offset)
      .limit(o.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const keys = rows.length
    ? await db
        .selectFrom('partner_keys')
        .select(['id', 'partner_id', 'short_token', 'created_at', 'last_used_at', 'revoked_at'])
        .where(
          'partner_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('created_at', 'desc')
        .execute()
    : [];
  return { rows, keys, total: Number(total.n) };
}

export async function keysOf(db: Db, partnerId: string) {
  return db
    .selectFrom('partner_keys')
    .select(['id', 'partner_id', 'short_token', 'created_at', 'last_used_at', 'revoked_at'])
    .where('partner_id', '=', partnerId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findById(db: Db, id: string, lock = false) {
  let q = db.selectFrom('partners').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Revokes a partner and every key of it; answers the partner, or undefined when not active. */
export async function revoke(db: Db, id: string, by: string) {
  const row = await db
    .updateTable('partners')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (row)
    await db
      .updateTable('partner_keys')
      .set({ revoked_at: new Date() })
      .where('partner_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  return row;
}

/**
 * Counts one use of a key in its one-minute window and stamps its last use, in one statement
 * on the key row (every process shares the count); answers the partner and the count, or
 * undefined when the key is unknown or revoked.
 */
export async function useKey(db: Db, shortToken: string, hash: string) {
  const r = await sql<{
    key_id: string;
    partner_id: string;
    user_id: string;
    name: string;
    purpose: string;
    scopes: PartnerScope[];
    rate_per_minute: number;
    window_count: number;
    seconds_left: number;
  }>`
    UPDATE partner_keys k SET
      last_used_at = now(),
      window_count = CASE WHEN k.window_start = date_trunc('minute', now()) THEN k.window_count + 1 ELSE 1 END,
      window_start = date_trunc('minute', now())
    FROM partners p
    WHERE k.short_token = ${shortToken} AND k.key_hash = ${hash} AND k.revoked_at IS NULL
      AND p.id = k.partner_id AND p.revoked_at IS NULL
    RETURNING k.id AS key_id, p.id AS partner_id, p.user_id, p.name, p.purpose, p.scopes,
      p.rate_per_minute, k.window_count,
      ceil(extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now()))::int AS seconds_left`.execute(
    db,
  );
  return r.rows[0];
}

/** Of these ids, the partners that exist and are not revoked. */
export async function activeIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('partners')
    .select('id')
    .where('id', 'in', [...ids])
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Names of partners by id (consents and the ledger show them). */
export async function names(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('partners')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ProvisionRow {
  partnerId: string;
  keyId: string | null;
  centreId: string;
  seekerId: string;
  recipient: string;
  purpose: string;
  items: string[];
  action: 'view' | 'list';
}

export async function insertProvisions(db: Db, rows: ProvisionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('partner_provisions')
    .values(
      rows.map((r) => ({
        id: uuidv7(),
        partner_id: r.partnerId,
        key_id: r.keyId,
        centre_id: r.centreId,
        seeker_id: r.seekerId,
        recipient: r.recipient,
        purpose: r.purpose,
        items: r.items,
        action: r.action,
      })),
    )
    .execute();
}

/** Ledger rows of seekers of the given centres (null: all), newest first. */
export async function provisionPage(
  db: Db,
  centres: readonly string[] | null,
  o: { partnerId?: string; seekerId?: string; offset: number; limit: number },
) {
  let q = db.selectFrom('partner_provisions');
  if (centres !== null)
    q = centres.length ? q.where('centre_id', 'in', centres) : q.where(sql<boolean>`false`);
  if (o.partnerId) q = q.where('partner_id', '=', o.partnerId);
  if (o.seekerId) q = q.where('seeker_id', '=', o.seekerId);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').offset(o.offset).limit(o.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
