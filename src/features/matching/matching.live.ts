import { sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { BULK_TABLE, CHANGE_CHANNEL } from '../../platform/db/changes.ts';
import type { Db } from '../../platform/db/pool.ts';
import { POSTINGS_FOR_MATCHING } from '../postings/postings.relations.service.ts';
import {
  openReferralCounts,
  openReferralCountsSql,
  postingsOfReferrals,
} from '../referrals/referral-counts.service.ts';
import { SEEKERS_FOR_MATCHING } from '../seekers/seekers.relations.service.ts';
import { OPEN_REFERRAL_STATUSES } from './matching.constants.ts';
import { MatchingIndex } from './matching.index.ts';
import {
  POSTING_COLUMNS,
  type PostingRecord,
  parsePostingLine,
  parseSeekerLine,
  SEEKER_COLUMNS,
  type SeekerRecord,
} from './matching.rows.ts';

/** Streams `COPY (query) TO STDOUT` line by line through a dedicated client. */
async function copyLines(client: pg.Client, query: string, onLine: (line: string) => void): Promise<void> {
  const stream = client.query(copyStreams.to(`COPY (${query}) TO STDOUT`));
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf: Buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let i = buf.indexOf(10, start); i >= 0; i = buf.indexOf(10, start)) {
      onLine(buf.toString('utf8', start, i));
      start = i + 1;
    }
    rest = buf.subarray(start);
  }
}

/**
 * Builds the index from PostgreSQL with COPY TO (open postings, active seekers, open referral
 * counts). Rows changed during the build arrive later through LISTEN and are reloaded.
 */
export async function buildIndex(url: string): Promise<MatchingIndex> {
  const index = new MatchingIndex();
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    const counts = await client.query<{ p: number; s: number }>(
      `SELECT (SELECT count(*) FROM ${POSTINGS_FOR_MATCHING} p WHERE status = 'open')::int AS p,
              (SELECT count(*) FROM ${SEEKERS_FOR_MATCHING} s WHERE status = 'active' AND NOT suspended)::int AS s`,
    );
    index.postings.grow((counts.rows[0]?.p ?? 0) + 2);
    index.seekers.grow((counts.rows[0]?.s ?? 0) + 2);
    await copyLines(
      client,
      `SELECT ${POSTING_COLUMNS} FROM ${POSTINGS_FOR_MATCHING} p WHERE status = 'open'`,
      (l) => {
        index.upsertPosting(parsePostingLine(l));
      },
    );
    await copyLines(
      client,
      `SELECT ${SEEKER_COLUMNS} FROM ${SEEKERS_FOR_MATCHING} s WHERE status = 'active' AND NOT suspended`,
      (l) => {
        index.upsertSeeker(parseSeekerLine(l));
      },
    );
    await copyLines(client, openReferralCountsSql(OPEN_REFERRAL_STATUSES), (l) => {
      const [id, n] = l.split('\t');
      index.setOpenReferrals(id as string, Number(n));
    });
  } finally {
    await client.end();
  }
  index.renumber();
  return index;
}

/** The posting as the index sees it, or null when it is gone. */
export async function loadPosting(db: Db, id: string): Promise<PostingRecord | null> {
  const r = await sql<{ line: string }>`
    SELECT concat_ws(E'\t', ${sql.raw(POSTING_COLUMNS.replace(/\n/g, ' '))}) AS line FROM ${sql.raw(POSTINGS_FOR_MATCHING)} p WHERE id = ${id}`.execute(
    db,
  );
  const line = r.rows[0]?.line;
  return line === undefined ? null : parsePostingLine(line);
}

// concat_ws skips NULLs, which would shift the columns: render them as COPY does (\N).
function nullSafe(cols: string): string {
  return cols
    .replace('desired_wage_monthly,', "coalesce(desired_wage_monthly::text, '\\N'),")
    .replace(/\n/g, ' ');
}

/** Most ids reloaded by one query while catching up on notifications. */
export const REFRESH_BATCH = 5_000;

/** The postings among `ids` as the index sees them (missing ids are gone). */
async function loadPostings(db: Db, ids: readonly string[]): Promise<PostingRecord[]> {
  const r = await sql<{ line: string }>`
    SELECT concat_ws(E'\t', ${sql.raw(POSTING_COLUMNS.replace(/\n/g, ' '))}) AS line
    FROM ${sql.raw(POSTINGS_FOR_MATCHING)} p WHERE id = ANY(${ids}::uuid[])`.execute(db);
  return r.rows.map((x) => parsePostingLine(x.line));
}

async function loadSeekers(db: Db, ids: readonly string[]): Promise<SeekerRecord[]> {
  const r = await sql<{ line: string }>`
    SELECT concat_ws(E'\t', ${sql.raw(nullSafe(SEEKER_COLUMNS))}) AS line
    FROM ${sql.raw(SEEKERS_FOR_MATCHING)} s WHERE id = ANY(${ids}::uuid[])`.execute(db);
  return r.rows.map((x) => parseSeekerLine(x.line));
}

/** Sets the open-referral count of every posting in `ids` (0 when it has none). */
async function refreshReferralCounts(index: MatchingIndex, db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const counts = await openReferralCounts(db, ids, OPEN_REFERRAL_STATUSES);
  for (const id of ids) index.setOpenReferrals(id, counts.get(id) ?? 0);
}

/** Ids changed since the last catch-up, by table (a Set coalesces repeated changes). */
interface Pending {
  postings: Set<string>;
  seekers: Set<string>;
  referrals: Set<string>;
}

function take(set: Set<string>, n: number): string[] {
  const out: string[] = [];
  for (const id of set) {
    if (out.length === n) break;
    out.push(id);
  }
  for (const id of out) set.delete(id);
  return out;
}

/**
 * Re-reads the pending rows into the index, up to REFRESH_BATCH per query, until nothing is
 * pending (rows changed meanwhile are picked up by the same loop). Each row is read in its
 * current state, so coalescing and order do not matter; a row that is gone is removed.
 */
async function catchUp(index: MatchingIndex, db: Db, pending: Pending): Promise<void> {
  for (;;) {
    if (pending.postings.size > 0) {
      const ids = take(pending.postings, REFRESH_BATCH);
      const found = await loadPostings(db, ids);
      const open: string[] = [];
      for (const p of found) if (index.upsertPosting(p) > 0) open.push(p.id);
      const seen = new Set(found.map((p) => p.id));
      for (const id of ids) if (!seen.has(id)) index.remove('posting', id);
      await refreshReferralCounts(index, db, open);
    } else if (pending.seekers.size > 0) {
      const ids = take(pending.seekers, REFRESH_BATCH);
      const found = await loadSeekers(db, ids);
      for (const s of found) index.upsertSeeker(s);
      const seen = new Set(found.map((s) => s.id));
      for (const id of ids) if (!seen.has(id)) index.remove('seeker', id);
    } else if (pending.referrals.size > 0) {
      const ids = take(pending.referrals, REFRESH_BATCH);
      await refreshReferralCounts(index, db, await postingsOfReferrals(db, ids));
    } else {
      index.sortBuckets(false);
      return;
    }
  }
}

/** A running LISTEN ilteo_change subscription. */
export interface Listener {
  /** Resolves once every notification received so far has been applied. */
  settled(): Promise<void>;
  /** The index answers come from (replaced by a rebuild). */
  current(): Promise<MatchingIndex>;
  stop(): Promise<void>;
}

/** What {@link listen} needs. */
export interface ListenOptions {
  /** the index being built at start; notifications that arrive meanwhile wait for it */
  ready: Promise<MatchingIndex>;
  db: Db;
  url: string;
  onError?: (e: unknown) => void;
  /** builds a whole new index (after a lost connection, or on a bulk notice) */
  rebuild?: () => Promise<MatchingIndex>;
  /** told of each index a rebuild puts in place */
  onIndex?: (index: MatchingIndex) => void;
}

const emptyPending = (): Pending => ({ postings: new Set(), seekers: new Set(), referrals: new Set() });

/**
 * Keeps the index fresh: a dedicated client LISTENs on ilteo_change; notifications only record
 * the changed ids, and one catch-up loop reloads them in batches (`WHERE id = ANY($1)`), so a
 * bulk change of 56,000 rows costs a dozen queries instead of 56,000. A bulk notice (table `*`,
 * platform/db/changes.ts: seed-demo, restore) and a lost LISTEN connection (changes made while
 * disconnected were never notified) both rebuild the whole index: the old one keeps answering
 * while the new one is read, the ids notified since the rebuild began are re-read into the new
 * one, and then it takes over. Rebuild requests that arrive during a rebuild make one more.
 */
export async function listen(opts: ListenOptions): Promise<Listener> {
  const { db, url, onError, rebuild, onIndex } = opts;
  // Notifications that arrive while the index is still being built wait for it.
  let index = opts.ready;
  let chain: Promise<unknown> = index.catch(() => undefined);
  let stopped = false;
  let scheduled = false;
  let client: pg.Client | null = null;
  const pending = emptyPending();
  /** While a rebuild runs: the ids notified since it began (its snapshot may predate them). */
  let since: Pending | null = null;
  let building: Promise<void> | null = null;
  let again = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    chain = chain.then(async () => {
      scheduled = false;
      try {
        await catchUp(await index, db, pending);
      } catch (e) {
        onError?.(e);
      }
    });
  };
  const rebuildAll = () => {
    if (!rebuild || stopped) return;
    if (building) {
      again = true;
      return;
    }
    const noted = emptyPending();
    since = noted;
    building = (async () => {
      // Not before the start-up build is done: the two would race to be the index.
      await index.catch(() => undefined);
      const fresh = await rebuild();
      if (since === noted) since = null;
      if (stopped) return;
      for (const k of Object.keys(noted) as (keyof Pending)[]) for (const id of noted[k]) pending[k].add(id);
      index = Promise.resolve(fresh);
      onIndex?.(fresh);
      schedule();
    })()
      .catch((e) => {
        if (since === noted) since = null;
        if (!stopped) onError?.(e);
      })
      .finally(() => {
        building = null;
        if (again) {
          again = false;
          rebuildAll();
        }
      });
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'ilteo-matching-listen' });
    c.on('error', (e) => {
      if (!stopped) onError?.(e);
    });
    c.on('end', () => {
      if (stopped || client !== c) return;
      client = null;
      setTimeout(reconnect, 1000).unref();
    });
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      let m: { table: string; op: string; id: string };
      try {
        m = JSON.parse(msg.payload);
      } catch {
        return;
      }
      if (m.table === BULK_TABLE) {
        rebuildAll();
        return;
      }
      const set = pending[m.table as keyof Pending];
      if (!set || typeof m.id !== 'string') return;
      set.add(m.id);
      since?.[m.table as keyof Pending].add(m.id);
      schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (e) {
      await c.end().catch(() => undefined);
      throw e;
    }
    client = c;
  };
  const reconnect = () => {
    if (stopped) return;
    connect().then(
      () => {
        // Changes made while disconnected were never notified: rebuild; whatever is notified
        // since LISTEN resumed is re-read into the new index.
        rebuildAll();
      },
      (e) => {
        onError?.(e);
        if (!stopped) setTimeout(reconnect, 1000).unref();
      },
    );
  };
  await connect();
  return {
    settled: async () => {
      // A catch-up scheduled while we waited is awaited too.
      for (;;) {
        const c = chain;
        await c;
        if (c === chain) return;
      }
    },
    current: () => index,
    async stop() {
      stopped = true;
      // A rebuild under way is not waited for (a national one takes ~12 s, past the 10 s a
      // SIGTERM allows): it ends on its own, its index unused.
      await chain.catch(() => undefined);
      await client?.end().catch(() => undefined);
    },
  };
}
