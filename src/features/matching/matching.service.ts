import { sql } from 'kysely';
import { inScope } from '../../platform/access/policy.ts';
import { recordAccess, recordAccesses } from '../../platform/audit/access-log.ts';
import type { AppContext, RequestContext } from '../../platform/context.ts';
import { type Db, databaseUrlOf } from '../../platform/db/pool.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { postingState } from '../postings/posting-lookups.service.ts';
import { POSTINGS_FOR_MATCHING } from '../postings/postings.relations.service.ts';
import { SEEKERS_FOR_MATCHING } from '../seekers/seekers.relations.service.ts';
import { requireSeeker, type SeekerAccess, visibleSeekerIds } from '../seekers/seekers.service.ts';
import { MatchingIndex, type Ranked } from './matching.index.ts';
import { buildIndex, type Listener, listen } from './matching.live.ts';
import { explain, type Reason } from './matching.reasons.ts';
import {
  POSTING_COLUMNS,
  parsePostingLine,
  parseSeekerLine,
  SEEKER_COLUMNS,
  seekerRecordOf,
} from './matching.rows.ts';

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
  }>`SELECT concat_ws(E'\t', ${cols(POSTING_COLUMNS)}) AS l FROM ${sql.raw(POSTINGS_FOR_MATCHING)} p WHERE status = 'open'`.execute(
    db,
  );
  for (const r of p.rows) index.upsertPosting(parsePostingLine(r.l));
  const s = await sql<{
    l: string;
  }>`SELECT concat_ws(E'\t', ${cols(SEEKER_COLUMNS)}) AS l FROM ${sql.raw(SEEKERS_FOR_MATCHING)} s WHERE status = 'active' AND NOT suspended`.execute(
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
  now?: number;
}

/**
 * GET /seekers/{id}/recommendations: open postings best first, each with its reasons. The
 * seeker must be reachable for matching (access.service.ts); a seeker not active or suspended
 * gets none.
 */
export async function recommendPostings(
  ctx: RequestContext,
  opts: QueryOpts & { seekerId: string },
): Promise<{ items: PostingItem[] }> {
  const access = await requireSeeker(ctx, opts.seekerId, 'match', {
    notFound: 'matching.seekerNotFound',
  });
  await recordAccess(ctx.db, {
    actor: ctx.actor,
    ip: ctx.ip,
    action: 'view',
    subjectType: 'seeker',
    subjectId: access.seeker.id,
    centreId: access.seeker.centre_id,
  });
  return rankPostingsFor(ctx, access, opts);
}

/**
 * Open postings for a seeker already reached through `requireSeeker` for `match` (the caller
 * logs the view): no statement of its own, the index answers from memory.
 */
export async function rankPostingsFor(
  ctx: RequestContext,
  access: SeekerAccess,
  opts: QueryOpts,
): Promise<{ items: PostingItem[] }> {
  const s = access.seeker;
  if (s.status !== 'active' || s.suspended) return { items: [] };
  const index = await current(ctx.db);
  const ranked = index.recommend(seekerRecordOf(s), opts.limit, opts.now);
  return {
    items: ranked.map((r) => ({
      postingId: r.id,
      score: r.score,
      reasons: explain(index, r.row, 0, ctx.lang, opts.now),
    })),
  };
}

/** Rounds of asking the index again after candidates the access rule refused were hidden. */
const CANDIDATE_ROUNDS = 4;

/**
 * GET /postings/{id}/candidates: seekers the actor may reach for matching, best first; one log
 * row each. The index narrows by centre and its consent flag; every candidate is then checked
 * against the access rule itself (consent period, withdrawal, items, suspension, retention),
 * and refused ones are hidden from the index for this query and the search runs again, so the
 * list is never short of visible seekers because of them (up to CANDIDATE_ROUNDS rounds).
 */
export async function recommendSeekers(
  ctx: RequestContext,
  opts: QueryOpts & { postingId: string },
): Promise<{ items: SeekerItem[] }> {
  const { db, actor } = ctx;
  if (actor.role === 'seeker') throw new DomainError('forbidden', 'error.forbidden');
  const p = await postingState(db, opts.postingId);
  // Open postings are public; drafts and pending ones only inside the owning centres.
  if (!p || (p.status !== 'open' && !inScope(actor, p.centre_id))) throw notFound('matching.postingNotFound');
  const index = await current(db);
  const hidden: number[] = [];
  let ranked: Ranked[] = [];
  let visible = new Map<string, { centreId: string; full: boolean }>();
  for (let round = 0; round < CANDIDATE_ROUNDS; round++) {
    ranked = index.candidates(opts.postingId, opts.limit, actor.centreScope, opts.now, hidden);
    visible = await visibleSeekerIds(
      ctx,
      ranked.map((r) => r.id),
      'match',
    );
    const refused = ranked.filter((r) => !visible.has(r.id));
    if (refused.length === 0) break;
    for (const r of refused) hidden.push(r.row);
  }
  const shown = ranked.filter((r) => visible.has(r.id));
  const pi = index.postingRow(opts.postingId);
  const items = shown.map((r) => ({
    seekerId: r.id,
    score: r.score,
    reasons: explain(index, pi, r.row, ctx.lang, opts.now),
  }));
  await recordAccesses(
    db,
    shown.map((r) => ({
      actor,
      ip: ctx.ip,
      action: 'view' as const,
      subjectType: 'seeker',
      subjectId: r.id,
      centreId: visible.get(r.id)?.centreId ?? null,
    })),
  );
  return { items };
}
