import { sql } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import { recordAccess, recordAccesses } from '../../platform/audit/access-log.ts';
import type { AppContext } from '../../platform/context.ts';
import { type Db, databaseUrlOf } from '../../platform/db/pool.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { MatchingIndex } from './matching.index.ts';
import { buildIndex, type Listener, listen, loadSeekerForView } from './matching.live.ts';
import { explain, type Reason } from './matching.reasons.ts';
import { POSTING_COLUMNS, parsePostingLine, parseSeekerLine, SEEKER_COLUMNS } from './matching.rows.ts';

interface Running {
  db: Db;
  index: MatchingIndex;
  listener: Listener | null;
}

const running = new Map<Db, Running>();
let latest: Running | null = null;

/** The process's matching index (the most recently started), or null before start. */
export function getMatchingIndex(): MatchingIndex | null {
  return latest?.index ?? null;
}

/** Without a URL (a Db made elsewhere) the index is read through the pool instead of COPY. */
async function buildThroughPool(db: Db): Promise<MatchingIndex> {
  const index = new MatchingIndex();
  const cols = (c: string) =>
    sql.raw(
      c.replace(/\n/g, ' ').replace('desired_wage_monthly,', "coalesce(desired_wage_monthly::text, '\\N'),"),
    );
  const p = await sql<{
    l: string;
  }>`SELECT concat_ws(E'\t', ${cols(POSTING_COLUMNS)}) AS l FROM postings WHERE status = 'open'`.execute(db);
  for (const r of p.rows) index.upsertPosting(parsePostingLine(r.l));
  const s = await sql<{
    l: string;
  }>`SELECT concat_ws(E'\t', ${cols(SEEKER_COLUMNS)}) AS l FROM seekers WHERE status = 'active' AND NOT suspended`.execute(
    db,
  );
  for (const r of s.rows) index.upsertSeeker(parseSeekerLine(r.l));
  return index;
}

/**
 * Builds the index for this app's database and subscribes to ilteo_change (Feature.onStart).
 * Subscribing first means no change made during the build is lost.
 */
export async function startMatching(ctx: AppContext, log?: (e: unknown) => void): Promise<MatchingIndex> {
  const url = databaseUrlOf(ctx.db);
  const r: Running = { db: ctx.db, index: new MatchingIndex(), listener: null };
  if (url) {
    let resolve!: (i: MatchingIndex) => void;
    let reject!: (e: unknown) => void;
    const ready = new Promise<MatchingIndex>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A lost LISTEN connection or a bulk notice rebuilds the index; the listener swaps it in.
    r.listener = await listen({
      ready,
      db: ctx.db,
      url,
      onError: log,
      rebuild: () => buildIndex(url),
      onIndex: (i) => {
        r.index = i;
      },
    });
    try {
      r.index = await buildIndex(url);
      resolve(r.index);
    } catch (e) {
      reject(e);
      await r.listener.stop();
      throw e;
    }
  } else {
    r.index = await buildThroughPool(ctx.db);
  }
  running.set(ctx.db, r);
  latest = r;
  return r.index;
}

/** Stops the LISTEN client of this app's index (app close). */
export async function stopMatching(db: Db): Promise<void> {
  const r = running.get(db);
  running.delete(db);
  if (latest === r) latest = null;
  await r?.listener?.stop();
}

async function current(db: Db): Promise<MatchingIndex> {
  const r = running.get(db);
  if (!r) throw new DomainError('unavailable', 'error.unavailable');
  if (!r.listener) return r.index;
  // Apply every notification already received: a change shows in the very next answer.
  await r.listener.settled();
  return r.listener.current();
}

/** A recommended posting. */
export interface PostingItem {
  postingId: string;
  score: number;
  reasons: Reason[];
}

/** A candidate seeker. */
export interface SeekerItem {
  seekerId: string;
  score: number;
  reasons: Reason[];
}

interface QueryOpts {
  limit: number;
  lang: Lang;
  ip: string | null;
  now?: number;
}

/** GET /seekers/{id}/recommendations: open postings best first, each with its reasons. */
export async function recommendPostings(
  db: Db,
  actor: Actor,
  seekerId: string,
  opts: QueryOpts,
): Promise<{ items: PostingItem[] }> {
  const s = await loadSeekerForView(db, seekerId);
  const mayView =
    s &&
    (actor.role === 'seeker'
      ? actor.seekerId === seekerId
      : inScope(actor, s.centreId) || (s.consentShare && !s.suspended));
  if (!s || !mayView) throw notFound('matching.seekerNotFound');
  await recordAccess(db, {
    actor,
    ip: opts.ip,
    action: 'view',
    subjectType: 'seeker',
    subjectId: seekerId,
    centreId: s.centreId,
  });
  if (s.status !== 'active' || s.suspended) return { items: [] };
  const index = await current(db);
  const rec = s.record;
  const ranked = index.recommend(rec, opts.limit, opts.now);
  return {
    items: ranked.map((r) => ({
      postingId: r.id,
      score: r.score,
      reasons: explain(index, r.row, 0, opts.lang, opts.now),
    })),
  };
}

/** GET /postings/{id}/candidates: seekers the actor may see, best first; one log row each. */
export async function recommendSeekers(
  db: Db,
  actor: Actor,
  postingId: string,
  opts: QueryOpts,
): Promise<{ items: SeekerItem[] }> {
  if (actor.role === 'seeker') throw new DomainError('forbidden', 'error.forbidden');
  const p = await db
    .selectFrom('postings')
    .select(['id', 'centre_id', 'status'])
    .where('id', '=', postingId)
    .executeTakeFirst();
  // Open postings are public; drafts and pending ones only inside the owning centres.
  if (!p || (p.status !== 'open' && !inScope(actor, p.centre_id))) throw notFound('matching.postingNotFound');
  const index = await current(db);
  const ranked = index.candidates(postingId, opts.limit, actor.centreScope, opts.now);
  const pi = index.postingRow(postingId);
  const items = ranked.map((r) => ({
    seekerId: r.id,
    score: r.score,
    reasons: explain(index, pi, r.row, opts.lang, opts.now),
  }));
  await recordAccesses(
    db,
    ranked.map((r) => ({
      actor,
      ip: opts.ip,
      action: 'view' as const,
      subjectType: 'seeker',
      subjectId: r.id,
      centreId: index.centres.names[index.seekers.cols.centre[r.row] as number] ?? null,
    })),
  );
  return { items };
}
