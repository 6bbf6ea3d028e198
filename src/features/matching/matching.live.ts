import { sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Db } from '../../platform/db/pool.ts';
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

const OPEN_LIST = OPEN_REFERRAL_STATUSES.map((s) => `'${s}'`).join(',');

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
      `SELECT (SELECT count(*) FROM postings WHERE status = 'open')::int AS p,
              (SELECT count(*) FROM seekers WHERE status = 'active' AND NOT suspended)::int AS s`,
    );
    index.postings.grow((counts.rows[0]?.p ?? 0) + 2);
    index.seekers.grow((counts.rows[0]?.s ?? 0) + 2);
    await copyLines(client, `SELECT ${POSTING_COLUMNS} FROM postings WHERE status = 'open'`, (l) => {
      index.upsertPosting(parsePostingLine(l));
    });
    await copyLines(
      client,
      `SELECT ${SEEKER_COLUMNS} FROM seekers WHERE status = 'active' AND NOT suspended`,
      (l) => {
        index.upsertSeeker(parseSeekerLine(l));
      },
    );
    await copyLines(
      client,
      `SELECT posting_id, count(*) FROM referrals WHERE status IN (${OPEN_LIST}) GROUP BY posting_id`,
      (l) => {
        const [id, n] = l.split('\t');
        index.setOpenReferrals(id as string, Number(n));
      },
    );
  } finally {
    await client.end();
  }
  return index;
}

/** The posting as the index sees it, or null when it is gone. */
export async function loadPosting(db: Db, id: string): Promise<PostingRecord | null> {
  const r = await sql<{ line: string }>`
    SELECT concat_ws(E'\t', ${sql.raw(POSTING_COLUMNS.replace(/\n/g, ' '))}) AS line FROM postings WHERE id = ${id}`.execute(
    db,
  );
  const line = r.rows[0]?.line;
  return line === undefined ? null : parsePostingLine(line);
}

/** The seeker as the index sees it, or null. */
export async function loadSeeker(db: Db, id: string): Promise<SeekerRecord | null> {
  const r = await sql<{ line: string }>`
    SELECT concat_ws(E'\t', ${sql.raw(nullSafe(SEEKER_COLUMNS))}) AS line FROM seekers WHERE id = ${id}`.execute(
    db,
  );
  const line = r.rows[0]?.line;
  return line === undefined ? null : parseSeekerLine(line);
}

// concat_ws skips NULLs, which would shift the columns: render them as COPY does (\N).
function nullSafe(cols: string): string {
  return cols
    .replace('desired_wage_monthly,', "coalesce(desired_wage_monthly::text, '\\N'),")
    .replace(/\n/g, ' ');
}

/** Re-reads one changed row into the index (called for every ilteo_change notification). */
export async function refresh(
  index: MatchingIndex,
  db: Db,
  table: string,
  op: string,
  id: string,
): Promise<void> {
  if (table === 'postings') {
    const p = op === 'DELETE' ? null : await loadPosting(db, id);
    if (p) index.upsertPosting(p);
    else index.remove('posting', id);
    if (p) await refreshReferralCount(index, db, id);
  } else if (table === 'seekers') {
    const s = op === 'DELETE' ? null : await loadSeeker(db, id);
    if (s) index.upsertSeeker(s);
    else index.remove('seeker', id);
  } else if (table === 'referrals') {
    const r = await db.selectFrom('referrals').select('posting_id').where('id', '=', id).executeTakeFirst();
    if (r) await refreshReferralCount(index, db, r.posting_id);
  }
}

async function refreshReferralCount(index: MatchingIndex, db: Db, postingId: string): Promise<void> {
  const r = await db
    .selectFrom('referrals')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('posting_id', '=', postingId)
    .where('status', 'in', [...OPEN_REFERRAL_STATUSES])
    .executeTakeFirstOrThrow();
  index.setOpenReferrals(postingId, Number(r.n));
}

/** A running LISTEN ilteo_change subscription. */
export interface Listener {
  /** Resolves once every notification received so far has been applied. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps the index fresh: a dedicated client LISTENs on ilteo_change and each notification
 * reloads its row, one at a time in arrival order. A lost connection reconnects and rebuilds
 * nothing: the caller may schedule a rebuild (changes made while disconnected are missed).
 */
export async function listen(
  ready: Promise<MatchingIndex>,
  db: Db,
  url: string,
  onError?: (e: unknown) => void,
): Promise<Listener> {
  // Notifications that arrive while the index is still being built wait for it.
  let chain: Promise<unknown> = ready.catch(() => undefined);
  let stopped = false;
  let client: pg.Client | null = null;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'ilteo-matching-listen' });
    c.on('error', (e) => {
      if (!stopped) onError?.(e);
    });
    c.on('end', () => {
      if (!stopped) setTimeout(() => void connect().catch(onError), 1000).unref();
    });
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      let m: { table: string; op: string; id: string };
      try {
        m = JSON.parse(msg.payload);
      } catch {
        return;
      }
      chain = chain.then(async () => {
        try {
          await refresh(await ready, db, m.table, m.op, m.id);
        } catch (e) {
          onError?.(e);
        }
      });
    });
    await c.connect();
    await c.query('LISTEN ilteo_change');
    client = c;
  };
  await connect();
  return {
    settled: async () => {
      await chain;
    },
    async stop() {
      stopped = true;
      await chain.catch(() => undefined);
      await client?.end().catch(() => undefined);
    },
  };
}
