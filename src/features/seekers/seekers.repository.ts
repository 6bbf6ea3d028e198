import { type RawBuilder, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import type { Tables } from '../../platform/db/tables.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
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

/**
 * SQL: the seeker has an active consent to share with the partner network and is not
 * suspended (SECURITY.md 12, 13). Checks the consent records themselves, so an expired
 * period stops sharing even before anyone touches the flag.
 */
export function sharedByConsent(today: string): RawBuilder<boolean> {
  return sql<boolean>`(seekers.consent_share AND NOT seekers.suspended AND ${retained} AND EXISTS (
    SELECT 1 FROM consents c WHERE c.seeker_id = seekers.id AND c.kind = 'share_network'
      AND c.withdrawn_at IS NULL AND (c.valid_until IS NULL OR c.valid_until >= ${today}::date)))`;
}

/** SQL: visible to the actor at all (full or shared). */
export function visibleTo(actor: Actor, today: string): RawBuilder<boolean> {
  return sql<boolean>`(${inFullScope(actor)} OR ${sharedByConsent(today)})`;
}

/** One seeker with a flag telling whether the actor sees it in full; undefined when invisible. */
export async function findVisible(db: Db, actor: Actor, id: string, today: string) {
  return db
    .selectFrom('seekers')
    .selectAll()
    .select(inFullScope(actor).as('full'))
    .where('id', '=', id)
    .where(visibleTo(actor, today))
    .executeTakeFirst();
}

/** The seekers a list matches: `seekers` filtered, nothing selected yet. */
export type SeekerMatches = SelectQueryBuilder<Tables, 'seekers', object>;

/**
 * One page of a seeker list and the number of matches, in one statement (issue 23 item 8): the
 * matches are read narrow — id, sort keys and the full-view flag, never the wide row — counted
 * by a window over that narrow set and cut to the page, and only the page's rows are read whole.
 * Counting and paging by two statements read every match twice, and sorted whole rows.
 * Order: `rank` (best first) when given, then newest registration, then id.
 */
export async function findPage(
  db: Db,
  matches: SeekerMatches,
  o: { full: RawBuilder<boolean>; rank?: RawBuilder<number>; offset: number; limit: number },
): Promise<{ rows: (SeekerRow & { full: boolean })[]; total: number }> {
  const narrow = matches.select([
    'seekers.id',
    'seekers.registered_at',
    o.full.as('full'),
    (o.rank ?? sql<number>`0`).as('rank'),
  ]);
  const r = await sql<SeekerRow & { full: boolean; total: number }>`
    SELECT s.*, p.full, p.total FROM (
      SELECT m.id, m.full, m.rank, m.registered_at, count(*) OVER () AS total FROM (${narrow}) m
      ORDER BY m.rank DESC, m.registered_at DESC, m.id DESC OFFSET ${o.offset} LIMIT ${o.limit}
    ) p JOIN seekers s ON s.id = p.id
    ORDER BY p.rank DESC, p.registered_at DESC, p.id DESC`.execute(db);
  const first = r.rows[0];
  if (first) {
    const rows = r.rows.map(({ total: _t, ...row }) => row);
    return { rows, total: Number(first.total) };
  }
  // A page past the end has no row to carry the total: count on its own (rare).
  const c = await matches.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows: [], total: Number(c.n) };
}

/** Items named by the active share consents of these seekers (what a partner may see). */
export async function sharedItems(
  db: Db,
  seekerIds: string[],
  today: string,
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (seekerIds.length === 0) return out;
  const rows = await db
    .selectFrom('consents')
    .select(['seeker_id', 'items'])
    .where('seeker_id', 'in', seekerIds)
    .where('kind', '=', 'share_network')
    .where('withdrawn_at', 'is', null)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', today)]))
    .execute();
  for (const r of rows) {
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

/** Serialises registrations of the same person (name + birth date + phone) across processes. */
export async function lockIdentity(db: Db, name: string, birthDate: string, phoneBi: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`seeker:${name}|${birthDate}|${phoneBi}`}, 0))`.execute(
    db,
  );
}

/** An existing record of the same person that the actor can see (duplicate detection). */
export async function findDuplicate(
  db: Db,
  actor: Actor,
  k: { name: string; birthDate: string; phoneBi: string; exceptId?: string },
  today: string,
) {
  let q = db
    .selectFrom('seekers')
    .select(['id', 'registration_no', 'centre_id'])
    .where('birth_date', '=', k.birthDate)
    .where('phone_bi', '=', k.phoneBi)
    .where('name', '=', k.name)
    .where(visibleTo(actor, today));
  if (k.exceptId) q = q.where('id', '<>', k.exceptId);
  return q.orderBy('created_at').executeTakeFirst();
}

/** Titles of the seeker's counselling records (indexed for search). */
export async function counsellingTitles(db: Db, seekerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('counselling')
    .select('title')
    .where('seeker_id', '=', seekerId)
    .where('title', 'is not', null)
    .execute();
  return rows.map((r) => r.title ?? '');
}

/**
 * The seeker when the actor sees it in full (staff of its centre subtree); 404 otherwise,
 * also for a seeker seen only through a share consent: that view is read-only.
 * `lock` takes a row lock for a change in the caller's transaction.
 */
export async function requireFull(db: Db, actor: Actor, id: string, lock = false): Promise<SeekerRow> {
  let q = db.selectFrom('seekers').selectAll().where('id', '=', id).where(inFullScope(actor));
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new DomainError('not_found', 'seeker.notFound');
  return row;
}
