import { sql } from 'kysely';
import { recordAccess, recordAccesses } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { pageOf } from '../../platform/http/schemas.ts';
import { matchTokens, rankTokens } from '../../platform/search/sql.ts';
import './seekers.messages.ts';
import { presentSeeker } from './seekers.presenter.ts';
import {
  counsellingTitles,
  findPage,
  findVisible,
  inFullScope,
  sharedItems,
  visibleTo,
} from './seekers.repository.ts';
import type { SeekerListQuery } from './seekers.schema.ts';
import { type ProfileValues, seoulToday } from './seekers.validate.ts';
import { searchTokens } from './seekers.write.ts';

// Registration: register.service.ts; profile changes: profile.service.ts.

/** One seeker: in full for staff of its centre subtree, reduced when shared by consent. */
export async function getSeeker(db: Db, key: Buffer, actor: Actor, id: string, ip: string | null) {
  return db.transaction().execute(async (tx) => {
    const today = seoulToday();
    const row = await findVisible(tx, actor, id, today);
    if (!row) throw new DomainError('not_found', 'seeker.notFound');
    const { full, ...r } = row;
    await recordAccess(tx, {
      actor,
      ip,
      action: 'view',
      subjectType: 'seeker',
      subjectId: r.id,
      centreId: r.centre_id,
    });
    if (full) return presentSeeker(key, r);
    const items = (await sharedItems(tx, [r.id], today)).get(r.id) ?? new Set<string>();
    return presentSeeker(key, r, { mode: 'shared', items });
  });
}

/** Seekers the actor may see, filtered and searched; one access-log row per seeker shown. */
export async function listSeekers(db: Db, key: Buffer, actor: Actor, q: SeekerListQuery, ip: string | null) {
  const { page, pageSize, offset } = pageOf(q);
  const today = seoulToday();
  let base = db.selectFrom('seekers').where(visibleTo(actor, today));
  const match = q.q ? matchTokens('seekers.search_tokens', q.q) : undefined;
  if (match) base = base.where(match);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.care) base = base.where('care', '=', q.care);
  if (q.targetGroup)
    base = base.where(sql<boolean>`${q.targetGroup} = ANY(seekers.target_groups)`).where(inFullScope(actor));
  if (q.occupation) {
    base = base.where(
      sql<boolean>`EXISTS (SELECT 1 FROM unnest(seekers.desired_occupations) o WHERE o LIKE ${`${q.occupation.replace(/[%_\\]/g, '')}%`})`,
    );
  }
  if (q.regionCode) base = base.where('region_code', 'like', `${q.regionCode.replace(/[%_\\]/g, '')}%`);
  if (q.counsellorId) base = base.where('counsellor_id', '=', q.counsellorId);
  if (q.registeredFrom) base = base.where('registered_at', '>=', q.registeredFrom);
  if (q.registeredTo) base = base.where('registered_at', '<=', q.registeredTo);
  const rank = q.q ? rankTokens('seekers.search_tokens', q.q) : undefined;
  // Reads first, on the pool; then one INSERT of the access-log rows. No transaction is
  // needed, and holding one while queries ran on other pool connections deadlocked the pool
  // under load (bench/load.ts found it).
  const { rows, total } = await findPage(db, base, {
    full: inFullScope(actor),
    rank,
    offset,
    limit: pageSize,
  });
  const shared = await sharedItems(
    db,
    rows.filter((r) => !r.full).map((r) => r.id),
    today,
  );
  await recordAccesses(
    db,
    rows.map((r) => ({
      actor,
      ip,
      action: 'view' as const,
      subjectType: 'seeker',
      subjectId: r.id,
      centreId: r.centre_id,
    })),
  );
  const items = rows.map(({ full, ...r }) =>
    full
      ? presentSeeker(key, r)
      : presentSeeker(key, r, { mode: 'shared', items: shared.get(r.id) ?? new Set() }),
  );
  return { items, total, page, pageSize };
}

/**
 * Recomputes a seeker's search tokens (name, keywords, certificates, careers, counselling
 * titles). The counselling feature calls it after adding or changing a record, in its
 * transaction.
 */
export async function refreshSeekerSearch(db: Db, seekerId: string): Promise<void> {
  const r = await db
    .selectFrom('seekers')
    .select(['name', 'keywords', 'certificates', 'careers'])
    .where('id', '=', seekerId)
    .executeTakeFirst();
  if (!r) return;
  const careers = (r.careers ?? []) as ProfileValues['careers'];
  const tokens = searchTokens({ ...r, careers }, await counsellingTitles(db, seekerId));
  await db.updateTable('seekers').set({ search_tokens: tokens }).where('id', '=', seekerId).execute();
}
