import { type RawBuilder, type Selectable, sql } from 'kysely';
import { blindIndex, phoneTailIndex } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { SeekerFind } from './seekers.find.ts';
import type { SeekerTable } from './seekers.tables.ts';

export type SeekerRow = Selectable<SeekerTable>;

/**
 * Centres whose seekers the actor sees in full: staff see their centre subtree (admins all).
 * Partner clients and seekers get nothing in full; partners see consented seekers only.
 */
export function fullScope(actor: Actor): readonly string[] | null {
  if (actor.role === 'partner' || actor.role === 'seeker' || actor.role === 'employer') return [];
  return actor.centreScope;
}

/** SQL: the row of `seekers` lies in the actor's full scope. */
export function inFullScope(actor: Actor): RawBuilder<boolean> {
  const scope = fullScope(actor);
  if (scope === null) return retained;
  if (scope.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(seekers.centre_id = ANY(ARRAY[${sql.join(scope)}]::uuid[]) AND ${retained})`;
}

/**
 * SQL: the record is within its retention period (SECURITY.md 14). The daily retention job
 * stamps `retain_until` on closed records and destroys them after it; until the job has run,
 * this keeps an expired record out of every answer.
 */
const retained = sql<boolean>`(seekers.retain_until IS NULL OR seekers.retain_until >= (now() AT TIME ZONE 'Asia/Seoul')::date)`;

/** What a purpose of access asks of the seeker's records (decided in access.service.ts). */
export interface AccessRule {
  /** A seeker's own account may use it on its own record. */
  self: boolean;
  /** Items a share consent must name for another centre's staff or a partner; null = never shared. */
  shared: readonly string[] | null;
}

/**
 * SQL over a consent `c` and the row of `seekers`: the consent's recipients include the actor
 * (PIPA 17: a third party reaches a record only when the consent names it). Staff of another
 * centre, and partner accounts signed in without a key, are covered by a consent naming the
 * ilteo network (`recipient_network`, every consent before migration 20261208_0300). A partner
 * key is covered by a consent naming that partner, or naming the network when the seeker is
 * of the partner's centre subtree (a partner acts within its centre's network).
 */
function recipientNamed(actor: Actor): RawBuilder<boolean> {
  const p = actor.partner;
  if (!p) return sql<boolean>`c.recipient_network`;
  const scope = actor.centreScope;
  const network =
    scope === null
      ? sql<boolean>`c.recipient_network`
      : scope.length
        ? sql<boolean>`(c.recipient_network AND seekers.centre_id = ANY(ARRAY[${sql.join(scope)}]::uuid[]))`
        : sql<boolean>`false`;
  return sql<boolean>`(${p.partnerId}::uuid = ANY(c.recipient_partner_ids) OR ${network})`;
}

/** SQL over a consent `c`: an active share consent whose recipients include the actor. */
function activeShareFor(actor: Actor, today: string): RawBuilder<boolean> {
  return sql<boolean>`(c.kind = 'share_network' AND c.withdrawn_at IS NULL
    AND (c.valid_until IS NULL OR c.valid_until >= ${today}::date) AND ${recipientNamed(actor)})`;
}

/**
 * SQL: an active share consent of the seeker names the actor among its recipients and every
 * item in `items`, and the seeker is neither suspended nor past retention (SECURITY.md 12, 13,
 * 14, 24). Reads the consent records themselves (period, withdrawal), never the
 * `consent_share` flag, which an expired period does not clear.
 *
 * `OFFSET 0` keeps the consent check a probe per seeker that needs it (an index lookup, only
 * for rows outside the actor's centres), instead of the hashed set of every active share
 * consent that PostgreSQL otherwise builds on each statement: a list page read 200 index
 * entries but hashed 12,000 consents first (5.9 ms → 0.6 ms per page in the centre demo).
 */
function sharedByConsent(actor: Actor, today: string, items: readonly string[]): RawBuilder<boolean> {
  const named = items.length
    ? sql<boolean>`c.items @> ARRAY[${sql.join(items)}]::text[]`
    : sql<boolean>`true`;
  return sql<boolean>`(NOT seekers.suspended AND ${retained} AND EXISTS (
    SELECT 1 FROM consents c WHERE c.seeker_id = seekers.id AND ${activeShareFor(actor, today)} AND ${named}
      OFFSET 0))`;
}

const STAFF_OR_PARTNER = new Set(['admin', 'manager', 'counsellor', 'outreach', 'partner']);

/**
 * SQL over the row of `seekers` (unaliased): the actor may use the seeker under `rule`. The one
 * place the access rule is written; every path reaches it through access.service.ts.
 */
export function accessible(actor: Actor, rule: AccessRule, today: string): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [inFullScope(actor)];
  if (rule.self && actor.role === 'seeker' && actor.seekerId)
    parts.push(sql<boolean>`(seekers.id = ${actor.seekerId} AND ${retained})`);
  if (rule.shared !== null && STAFF_OR_PARTNER.has(actor.role))
    parts.push(sharedByConsent(actor, today, rule.shared));
  return sql<boolean>`(${sql.join(parts, sql` OR `)})`;
}

/**
 * SQL: the seeker matches a find of the search box (seekers.find.ts) — through the blind
 * indexes for a phone number or its tail, never by decrypting rows. A phone search finds a
 * seeker seen through a share consent only when that consent names the phone: `phoneSeen`
 * is the access rule's `findByPhone` (access.service.ts).
 */
export function matchesFind(
  key: Buffer,
  phoneSeen: RawBuilder<boolean>,
  find: Exclude<SeekerFind, { kind: 'text' }>,
): RawBuilder<boolean> {
  switch (find.kind) {
    case 'phone':
      return sql<boolean>`(seekers.phone_bi = ${blindIndex(key, find.phone)} AND ${phoneSeen})`;
    case 'phoneTail':
      return sql<boolean>`(seekers.phone_tail_bi = ${phoneTailIndex(key, find.digits)} AND ${phoneSeen})`;
    case 'registrationNo':
      return sql<boolean>`seekers.registration_no = ${find.registrationNo}`;
    case 'birthDate':
      return sql<boolean>`seekers.birth_date = ANY(ARRAY[${sql.join(find.dates)}]::date[])`;
  }
}

/** Name, birth date and 구직번호 of those of `ids` the rule `visible` lets through. */
export async function findLabels(db: Db, visible: RawBuilder<boolean>, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('seekers')
    .select(['id', 'centre_id', 'name', 'birth_date', 'registration_no'])
    .where('id', 'in', ids)
    .where(visible)
    .execute();
}

/** Up to `limit` seekers written before migration 9900 whose phone has no tail index yet. */
export async function missingPhoneTails(db: Db, limit: number) {
  return db
    .selectFrom('seekers')
    .select(['id', 'phone_enc'])
    .where('phone_tail_bi', 'is', null)
    .limit(limit)
    .execute();
}

/** Stores tail indexes computed by the caller (one statement for the batch). */
export async function setPhoneTails(db: Db, rows: { id: string; tail: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`UPDATE seekers SET phone_tail_bi = t.tail
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.tail)}::text[]) AS t(id, tail)
    WHERE seekers.id = t.id AND seekers.phone_tail_bi IS NULL`.execute(db);
}

/**
 * One seeker the actor may use under `rule`, with `full` (in the actor's centre subtree) and
 * the items its active share consents name; undefined otherwise. `lock` locks the row.
 */
export async function findAccessible(
  db: Db,
  actor: Actor,
  id: string,
  rule: AccessRule,
  today: string,
  lock = false,
) {
  let q = db
    .selectFrom('seekers')
    .selectAll()
    .select(inFullScope(actor).as('full'))
    .select(
      sql<string[] | null>`(SELECT array_agg(DISTINCT i) FROM consents c, unnest(c.items) i
        WHERE c.seeker_id = seekers.id AND ${activeShareFor(actor, today)})`.as('shared_items'),
    )
    .where('id', '=', id)
    .where(accessible(actor, rule, today));
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Of these seekers, those the actor may use under `rule`, with their centre and `full`. */
export async function accessibleAmong(
  db: Db,
  actor: Actor,
  ids: readonly string[],
  rule: AccessRule,
  today: string,
) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('seekers')
    .select(['id', 'centre_id'])
    .select(inFullScope(actor).as('full'))
    .where('id', '=', sql<string>`ANY(${[...new Set(ids)]}::uuid[])`)
    .where(accessible(actor, rule, today))
    .execute();
}

/** Items named by the active share consents of these seekers whose recipients include the actor. */
export async function sharedItems(
  db: Db,
  actor: Actor,
  seekerIds: string[],
  today: string,
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (seekerIds.length === 0) return out;
  const rows = await sql<{ seeker_id: string; items: string[] }>`
    SELECT c.seeker_id, c.items FROM "consents" c JOIN seekers ON seekers.id = c.seeker_id
    WHERE c.seeker_id = ANY(${seekerIds}::uuid[]) AND ${activeShareFor(actor, today)}`.execute(db);
  for (const r of rows.rows) {
    const set = out.get(r.seeker_id) ?? new Set<string>();
    for (const i of r.items) set.add(i);
    out.set(r.seeker_id, set);
  }
  return out;
}

/** Takes the next registration number of a centre and year inside the caller's transaction. */
export async function nextRegistrationNo(db: Db, centreId: string, year: number): Promise<string> {
  const r = await sql<{ last: number }>`
    INSERT INTO registration_counters (centre_id, year, last) VALUES (${centreId}, ${year}, 1)
    ON CONFLICT (centre_id, year) DO UPDATE SET last = registration_counters.last + 1
    RETURNING last`.execute(db);
  return `${year}-${String(r.rows[0]!.last).padStart(6, '0')}`;
}

/*
 * Lock key space of the duplicate rule (one person, one visible record):
 * - `seeker:<name>|<birth>|<phone_bi>` exclusive: one registration or identity change of that
 *   person at a time (held by single writes only, never by an import: one per row would
 *   exhaust the lock table, issue 23).
 * - `seekers:centre:<id>`: an import of seekers into a centre holds it exclusively for its whole
 *   transaction (one lock); a registration into that centre holds it shared, so it waits for
 *   the import (it would wait on the registration counter anyway) and never races it.
 * - `seekers:identities`: shared by every registration and identity change until commit;
 *   taken exclusively by an import only for its final set-based re-check just before commit,
 *   so a registration in another centre (seen through a subtree or a share consent) either
 *   committed before the re-check (and is found) or waits until the import has committed
 *   (and finds its rows). Order everywhere: centre, identities, person, counter.
 */
const IDENTITIES = 'seekers:identities';

/** Serialises registrations of the same person (name + birth date + phone) across processes. */
export async function lockIdentity(db: Db, name: string, birthDate: string, phoneBi: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(hashtextextended(${IDENTITIES}, 0))`.execute(db);
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`seeker:${name}|${birthDate}|${phoneBi}`}, 0))`.execute(
    db,
  );
}

/** A single registration into the centre: waits while an import of seekers into it runs. */
export async function lockCentreShared(db: Db, centreId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(hashtextextended(${`seekers:centre:${centreId}`}, 0))`.execute(
    db,
  );
}

/** An import into the centre: false at once when another import or a registration holds it. */
export async function tryLockCentre(db: Db, centreId: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${`seekers:centre:${centreId}`}, 0)) AS ok`.execute(db);
  return r.rows[0]!.ok;
}

/** The import's final re-check: no registration or identity change anywhere runs meanwhile. */
export async function lockIdentitiesExclusive(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${IDENTITIES}, 0))`.execute(db);
}

export interface IdentityKey {
  name: string;
  birthDate: string;
  phoneBi: string;
  /** The record itself (a re-check after insert), never its own duplicate. */
  exceptId?: string | null;
}

/**
 * Set-based `findDuplicate`: for each key, the oldest record of the same person among
 * `visible` ones, or undefined. One statement for the whole list.
 */
export async function findDuplicates(db: Db, visible: RawBuilder<boolean>, keys: IdentityKey[]) {
  const out: ({ id: string; registration_no: string } | undefined)[] = keys.map(() => undefined);
  if (keys.length === 0) return out;
  const r = await sql<{ i: number; id: string; registration_no: string }>`
    SELECT k.i::int AS i, d.id, d.registration_no
    FROM unnest(${keys.map((k) => k.name)}::text[], ${keys.map((k) => k.birthDate)}::date[],
                ${keys.map((k) => k.phoneBi)}::text[], ${keys.map((k) => k.exceptId ?? null)}::uuid[])
      WITH ORDINALITY AS k(name, birth_date, phone_bi, except_id, i)
    JOIN LATERAL (
      SELECT seekers.id, seekers.registration_no FROM seekers
      WHERE seekers.birth_date = k.birth_date AND seekers.phone_bi = k.phone_bi AND seekers.name = k.name
        AND (k.except_id IS NULL OR seekers.id <> k.except_id) AND ${visible}
      ORDER BY seekers.created_at LIMIT 1) d ON true`.execute(db);
  for (const row of r.rows) out[row.i - 1] = { id: row.id, registration_no: row.registration_no };
  return out;
}

/** The external ids among `ids` already used by a seeker of the centre. */
export async function externalIdsTaken(db: Db, centreId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('seekers')
    .select('external_id')
    .where('centre_id', '=', centreId)
    .where('external_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.external_id!));
}

/** A seeker's id and centre, whoever asks (imports run as the system: no actor). */
export async function seekerCentreById(
  db: Db,
  id: string,
): Promise<{ id: string; centre_id: string; registration_no: string } | undefined> {
  return db
    .selectFrom('seekers')
    .select(['id', 'centre_id', 'registration_no'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** External id → seeker id of every seeker of the centre that has one (one statement per import). */
export async function externalIdMap(db: Db, centreId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('seekers')
    .select(['id', 'external_id'])
    .where('centre_id', '=', centreId)
    .where('external_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.external_id!, r.id]));
}

/** Takes `count` registration numbers of a centre and year at once; answers the first. */
export async function reserveRegistrationNos(db: Db, centreId: string, year: number, count: number) {
  const r = await sql<{ last: number }>`
    INSERT INTO registration_counters (centre_id, year, last) VALUES (${centreId}, ${year}, ${count})
    ON CONFLICT (centre_id, year) DO UPDATE SET last = registration_counters.last + ${count}
    RETURNING last`.execute(db);
  return r.rows[0]!.last - count + 1;
}

/** Inserts many seekers in one statement: the rows travel as one JSON parameter. */
export async function insertMany(db: Db, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const list = sql.join(cols.map((c) => sql.ref(c)));
  const picked = sql.join(cols.map((c) => sql.ref(`r.${c}`)));
  await sql`INSERT INTO seekers (${list})
    SELECT ${picked} FROM json_populate_recordset(NULL::seekers, ${JSON.stringify(rows)}::json) r`.execute(
    db,
  );
}

/** An existing record of the same person among `visible` ones (duplicate detection). */
export async function findDuplicate(
  db: Db,
  visible: RawBuilder<boolean>,
  k: { name: string; birthDate: string; phoneBi: string; exceptId?: string },
) {
  let q = db
    .selectFrom('seekers')
    .select(['id', 'registration_no', 'centre_id'])
    .where('birth_date', '=', k.birthDate)
    .where('phone_bi', '=', k.phoneBi)
    .where('name', '=', k.name)
    .where(visible);
  if (k.exceptId) q = q.where('id', '<>', k.exceptId);
  return q.orderBy('created_at').executeTakeFirst();
}
