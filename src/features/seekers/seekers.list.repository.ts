import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { createCountCache } from '../../platform/db/count-cache.ts';
import type { Db } from '../../platform/db/pool.ts';
import type { Tables } from '../../platform/db/tables.ts';
import type { SeekerRow } from './seekers.repository.ts';

// The staff seeker list's reads: which columns a seeker is shown with, one page of matches and
// their total.

/**
 * The columns a seeker is shown with (`presentSeeker`): not the search tokens (a third of a row's
 * bytes, many small strings to parse), the blind indexes or the retention date.
 */
export const presentedColumns = [
  'id',
  'centre_id',
  'registration_no',
  'external_id',
  'name',
  'birth_date',
  'phone_enc',
  'email_enc',
  'address_enc',
  'region_code',
  'education_level',
  'target_groups',
  'desired_occupations',
  'desired_occupation_edition',
  'desired_regions',
  'desired_employment_types',
  'desired_wage_type',
  'desired_wage_min',
  'desired_wage_monthly',
  'desired_work_days',
  'desired_work_hours',
  'available_from',
  'careers',
  'career_months',
  'certificates',
  'keywords',
  'consent_share',
  'consent_sensitive',
  'status',
  'status_reason',
  'status_changed_at',
  'care',
  'care_since',
  'suspended',
  'counsellor_id',
  'channel',
  'desk_session_id',
  'registered_at',
  'created_at',
  'updated_at',
] as const;
export type PresentedRow = Pick<SeekerRow, (typeof presentedColumns)[number]>;

/** The seekers a list matches: `seekers` filtered, nothing selected yet. */
export type SeekerMatches = SelectQueryBuilder<Tables, 'seekers', object>;

/**
 * Totals of seeker lists that match 1,000 rows or more, kept 10 s per exact query (scope and
 * filters), then answered for up to a minute while a fresh count runs in the background: the
 * count visits every match, the page only its own rows (issue 23 item 8).
 */
const listTotals = createCountCache({ ttlMs: 10_000, staleMs: 60_000, minTotal: 1000 });

/**
 * One page of a seeker list and the number of matches (issue 23 item 8): the matches are read
 * narrow — id, sort keys and the full-view flag, never the wide row — sorted and cut to the
 * page, and only the page's rows are read whole. The total comes from the page itself when it
 * is the last one, otherwise from a count of the narrow matches that long lists keep a few
 * seconds (`listTotals`): a counsellor paging through 15,000 seekers no longer counts them all
 * on every page. Order: `rank` (best first) when given, then newest registration, then id.
 */
export async function findPage(
  db: Db,
  matches: SeekerMatches,
  o: { full: RawBuilder<boolean>; rank?: RawBuilder<number>; offset: number; limit: number },
): Promise<{ rows: (PresentedRow & { full: boolean })[]; total: number }> {
  const narrow = matches.select([
    'seekers.id',
    'seekers.registered_at',
    o.full.as('full'),
    (o.rank ?? sql<number>`0`).as('rank'),
  ]);
  const columns = sql.join(presentedColumns.map((c) => sql.ref(`s.${c}`)));
  const r = await sql<PresentedRow & { full: boolean }>`
    SELECT ${columns}, p.full FROM (
      SELECT m.id, m.full, m.rank, m.registered_at FROM (${narrow}) m
      ORDER BY m.rank DESC, m.registered_at DESC, m.id DESC OFFSET ${o.offset} LIMIT ${o.limit}
    ) p JOIN seekers s ON s.id = p.id
    ORDER BY p.rank DESC, p.registered_at DESC, p.id DESC`.execute(db);
  const rows = r.rows;
  // A short page that has rows is the last one: it tells the total by itself.
  if (rows.length > 0 && rows.length < o.limit) return { rows, total: o.offset + rows.length };
  const count = matches.select((eb) => eb.fn.countAll<number>().as('n'));
  const q = count.compile();
  const total = await listTotals.get(JSON.stringify([q.sql, q.parameters]), async () =>
    Number((await count.executeTakeFirstOrThrow()).n),
  );
  return { rows, total };
}
