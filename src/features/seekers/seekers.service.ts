import { sql } from 'kysely';
import { recordAccess, recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { RequestContext } from '../../platform/context.ts';
import { decryptField, phoneTailIndex } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';
import { pageOf } from '../../platform/http/schemas.ts';
import { matchTokens, rankTokens } from '../../platform/search/sql.ts';
import { recordProvisions } from '../partners/partners.service.ts';
import { requireSeeker, seekerAccessSql } from './access.service.ts';
import './seekers.messages.ts';
import { classifyFind } from './seekers.find.ts';
import { findPage } from './seekers.list.repository.ts';
import { desiredOccupationFilter } from './seekers.occupations.ts';
import { presentSeeker } from './seekers.presenter.ts';
import {
  findLabels,
  inFullScope,
  matchesFind,
  missingPhoneTails,
  setPhoneTails,
  sharedItems,
} from './seekers.repository.ts';
import type { SeekerListQuery } from './seekers.schema.ts';
import { type ProfileValues, seoulToday } from './seekers.validate.ts';
import { searchTokens } from './seekers.write.ts';

// Registration: register.service.ts; profile changes: profile.service.ts; who may reach a
// seeker for what: access.service.ts (re-exported here for other features).
export {
  requireSeeker,
  type SeekerAccess,
  type SeekerPurpose,
  visibleSeekerIds,
} from './access.service.ts';

import { counsellingTitlesOf } from '../counselling/counselling.for-seekers.service.ts';

/** One seeker: in full for staff of its centre subtree, reduced when shared by consent. */
export async function getSeeker(ctx: RequestContext, opts: { id: string; dataKey: Buffer }) {
  const { seeker: r, full, sharedItems } = await requireSeeker(ctx, opts.id, 'view');
  await recordAccess(ctx.db, {
    actor: ctx.actor,
    ip: ctx.ip,
    action: 'view',
    subjectType: 'seeker',
    subjectId: r.id,
    centreId: r.centre_id,
  });
  if (full) return presentSeeker(opts.dataKey, r);
  // A partner's read is a provision to a third party (SECURITY.md 24): the ledger names it.
  await recordProvisions(
    ctx.db,
    ctx.actor,
    [{ seekerId: r.id, centreId: r.centre_id, items: sharedItems }],
    'view',
  );
  return presentSeeker(opts.dataKey, r, { mode: 'shared', items: sharedItems });
}

/** Seekers the actor may see, filtered and searched; one access-log row per seeker shown. */
export async function listSeekers(ctx: RequestContext, opts: { query: SeekerListQuery; dataKey: Buffer }) {
  const { db, actor, ip } = ctx;
  const q = opts.query;
  const key = opts.dataKey;
  const { page, pageSize, offset } = pageOf(q);
  const today = seoulToday();
  let base = db.selectFrom('seekers').where(seekerAccessSql(actor, 'view'));
  // One box: a phone number, its last four digits, a 구직번호, a birth date, or words.
  const find = q.q?.trim() ? classifyFind(q.q, today) : undefined;
  const text = find?.kind === 'text' ? find.text : undefined;
  if (text) {
    // Words the index cannot use (punctuation only, an over-long word) find no one: an empty
    // filter would list everyone the reader may see and log a view of each.
    base = base.where(matchTokens('seekers.search_tokens', text) ?? sql<boolean>`false`);
  } else if (find && find.kind !== 'text')
    base = base.where(matchesFind(key, seekerAccessSql(actor, 'findByPhone'), find));
  if (q.status) base = base.where('status', '=', q.status);
  if (q.care) base = base.where('care', '=', q.care);
  if (q.targetGroup)
    base = base.where(sql<boolean>`${q.targetGroup} = ANY(seekers.target_groups)`).where(inFullScope(actor));
  if (q.occupation) base = base.where(desiredOccupationFilter(q.occupation, q.occupationEdition ?? '2018'));
  if (q.regionCode) base = base.where('region_code', 'like', `${q.regionCode.replace(/[%_\\]/g, '')}%`);
  if (q.counsellorId) base = base.where('counsellor_id', '=', q.counsellorId);
  if (q.registeredFrom) base = base.where('registered_at', '>=', q.registeredFrom);
  if (q.registeredTo) base = base.where('registered_at', '<=', q.registeredTo);
  // Words rank by relevance; a number found in several centres shows the own centre's first.
  const rank = text
    ? rankTokens('seekers.search_tokens', text)
    : find
      ? sql<number>`CASE WHEN ${inFullScope(actor)} THEN 1 ELSE 0 END`
      : undefined;
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
    actor,
    rows.filter((r) => !r.full).map((r) => r.id),
    today,
  );
  await recordSeekerViews(
    db,
    { actor, ip },
    rows.map((r) => ({ id: r.id, centreId: r.centre_id })),
  );
  await recordProvisions(
    db,
    actor,
    rows
      .filter((r) => !r.full)
      .map((r) => ({ seekerId: r.id, centreId: r.centre_id, items: shared.get(r.id) ?? [] })),
    'list',
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
  const tokens = searchTokens({ ...r, careers }, await counsellingTitlesOf(db, seekerId));
  await db.updateTable('seekers').set({ search_tokens: tokens }).where('id', '=', seekerId).execute();
}

/**
 * Gives seekers written before migration 9900 the blind index of their phone's last four
 * digits: each such phone is decrypted once, here, so that no search ever decrypts. Runs at
 * start (Feature.onStart) in batches; rows written since carry the index already.
 */
export async function backfillPhoneTails(db: Db, key: Buffer, batch = 1000): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await missingPhoneTails(db, batch);
    if (rows.length === 0) return done;
    await setPhoneTails(
      db,
      rows.map((r) => ({ id: r.id, tail: phoneTailIndex(key, decryptField(key, r.phone_enc) ?? '') })),
    );
    done += rows.length;
  }
}

/**
 * Who these seekers are (name, birth date, 구직번호), for another feature's list of work about
 * them (follow-ups): only those the actor may see, one access-log row each.
 */
export async function seekerLabels(ctx: RequestContext, o: { ids: string[] }) {
  const { db, actor, ip } = ctx;
  const rows = await findLabels(db, seekerAccessSql(actor, 'view'), [...new Set(o.ids)]);
  await recordSeekerViews(
    db,
    { actor, ip },
    rows.map((r) => ({ id: r.id, centreId: r.centre_id })),
  );
  return new Map(
    rows.map((r) => [r.id, { name: r.name, birthDate: r.birth_date, registrationNo: r.registration_no }]),
  );
}

/**
 * Of the seekers `ids` (e.g. an event's registrations), those one search-box entry finds —
 * a phone number or its last four digits, a 구직번호, a birth date, or name words — under the
 * same rules as the seeker list (a shared seeker's phone counts only when its consent names
 * the phone). Answers ids only; whoever shows them reads them through `seekerLabels`, which
 * records the views.
 */
export async function findSeekersAmong(
  ctx: RequestContext,
  o: { ids: readonly string[]; q: string; dataKey: Buffer },
): Promise<string[]> {
  const ids = [...new Set(o.ids)];
  const text = o.q.trim();
  if (ids.length === 0 || !text) return [];
  const find = classifyFind(text, seoulToday());
  let base = ctx.db
    .selectFrom('seekers')
    .select('id')
    .where('id', 'in', ids)
    .where(seekerAccessSql(ctx.actor, 'view'));
  if (find.kind === 'text') {
    const match = matchTokens('seekers.search_tokens', find.text);
    if (!match) return [];
    base = base.where(match);
  } else base = base.where(matchesFind(o.dataKey, seekerAccessSql(ctx.actor, 'findByPhone'), find));
  return (await base.execute()).map((r) => r.id);
}
