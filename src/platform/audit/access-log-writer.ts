import { sql } from 'kysely';
import type { Db } from '../db/pool.ts';

/** One access_log row as written (the trigger of migration 9701 adds chain, prev_hash, hash). */
export interface AccessLogRow {
  id: string;
  actor_id: string | null;
  actor_login: string | null;
  ip: string | null;
  action: 'view' | 'create' | 'update' | 'delete' | 'print' | 'download';
  subject_type: string;
  subject_id: string;
  centre_id: string | null;
  reason: string | null;
}

/**
 * Rows of one statement, in centre order: each centre's rows go on that centre's hash chain,
 * whose head the statement locks until commit (migration 9701). Two writers that log several
 * centres lock the heads in the same order and cannot deadlock; within a centre the order of
 * arrival is kept (the sort is stable), so each chain stays in time order.
 *
 * One statement of the same text for any number of rows: each column goes as one array and
 * `unnest … WITH ORDINALITY … ORDER BY` gives the rows back in this order. Nine parameters, so
 * the statement is prepared once per connection (db/prepared.ts), where a VALUES list of 1,000
 * rows had 9,000 parameters to bind and a new text to parse for every batch size.
 */
export async function insertAccessRows(db: Db, rows: AccessLogRow[]): Promise<void> {
  if (rows.length === 0) return;
  const o = [...rows].sort((a, b) => (a.centre_id ?? '').localeCompare(b.centre_id ?? ''));
  const col = <K extends keyof AccessLogRow>(k: K) => o.map((r) => r[k]);
  await sql`
    INSERT INTO access_log (id, actor_id, actor_login, ip, action, subject_type, subject_id, centre_id, reason)
    SELECT id, actor_id, actor_login, ip, action, subject_type, subject_id, centre_id, reason
    FROM unnest(${col('id')}::uuid[], ${col('actor_id')}::uuid[], ${col('actor_login')}::text[],
                ${col('ip')}::text[], ${col('action')}::text[], ${col('subject_type')}::text[],
                ${col('subject_id')}::text[], ${col('centre_id')}::uuid[], ${col('reason')}::text[])
      WITH ORDINALITY AS u(id, actor_id, actor_login, ip, action, subject_type, subject_id, centre_id, reason, n)
    ORDER BY n`.execute(db);
}

interface Waiting {
  rows: AccessLogRow[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Rows per statement at most: a bound on one statement's time and memory, and on how long the
 * chain heads it locks stay locked.
 */
const MAX_ROWS = 5000;

/**
 * Group commit of the access log for reads outside a transaction (a list, a page, a download).
 *
 * Every statement that writes access_log locks its centre's chain head until it commits, WAL
 * flush included, so with one statement per request the views of one centre queue behind each
 * other (the load bench saw 50 concurrent seeker lists waiting on `Lock:tuple` and
 * `IO:WALSync` of that insert). Here the rows of the requests that arrive while a statement is
 * running are written together by the next one: one lock and one flush for all of them. A
 * request still answers only after its rows have committed, as before; with nothing running
 * its rows are written at once, so a quiet server waits no longer than it did.
 *
 * If the shared statement fails, each request's rows are written again on their own, so one
 * request's bad row (or a deadlock with another writer) fails that request only.
 */
class AccessLogWriter {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  write(rows: AccessLogRow[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.take();
        try {
          await insertAccessRows(
            this.db,
            batch.flatMap((w) => w.rows),
          );
          for (const w of batch) w.resolve();
        } catch {
          for (const w of batch) {
            try {
              await insertAccessRows(this.db, w.rows);
              w.resolve();
            } catch (err) {
              w.reject(err);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** The requests waiting, up to MAX_ROWS rows (a request's rows are never split). */
  private take(): Waiting[] {
    let n = 0;
    let i = 0;
    while (i < this.waiting.length && (i === 0 || n + this.waiting[i]!.rows.length <= MAX_ROWS)) {
      n += this.waiting[i]!.rows.length;
      i++;
    }
    return this.waiting.splice(0, i);
  }
}

const writers = new WeakMap<Db, AccessLogWriter>();

/**
 * Writes access-log rows: inside the caller's transaction when `db` is one (the record and its
 * log commit together), else through the pool's group-commit writer.
 */
export async function writeAccessRows(db: Db, rows: AccessLogRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (db.isTransaction) return insertAccessRows(db, rows);
  let w = writers.get(db);
  if (!w) {
    w = new AccessLogWriter(db);
    writers.set(db, w);
  }
  return w.write(rows);
}
