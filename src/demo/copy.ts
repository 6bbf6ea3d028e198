import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { progress } from '../platform/progress.ts';
import type { ChunkRenderer, ChunkTask } from './chunks.ts';

// Streaming demo rows into PostgreSQL: one COPY per table in one transaction, chunks rendered
// ahead (on worker threads when there are any) and written in order.

/** COPY of pre-rendered text, for the small tables. */
export async function copyText(
  pool: pg.Pool,
  table: string,
  columns: string,
  parts: Buffer[],
  superuser: boolean,
): Promise<number> {
  return copyChunks(
    pool,
    table,
    columns,
    parts.length,
    1,
    { threads: 0, render: async (t) => parts[t.from] as Buffer, close: async () => {} },
    (from, to) => ({ from, to }) as ChunkTask,
    superuser,
    null,
  );
}

/**
 * One table: rows [0, total) in chunks, rendered ahead (two per worker) and written in order to
 * one COPY in one transaction. Large loads drop the table's plain indexes first and rebuild them
 * after the COPY in the same transaction — a build is far faster than row-by-row GIN inserts,
 * and a failure rolls the drop back. Constraint indexes (primary and unique keys) stay.
 */
export async function copyChunks(
  pool: pg.Pool,
  table: string,
  columns: string,
  total: number,
  chunk: number,
  renderer: ChunkRenderer,
  task: (from: number, to: number) => ChunkTask,
  superuser: boolean,
  label: string | null,
): Promise<number> {
  const client = await pool.connect();
  const bar = label ? progress(label, total) : null;
  try {
    await client.query('BEGIN');
    // As replica, triggers (pg_notify per row, FK checks) do not fire: the rows are generated
    // consistent and every process reloads after a seed anyway. Only a superuser may do this.
    if (superuser) await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const indexes = total >= 50_000 ? await dropPlainIndexes(client, table) : [];
    const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
    const depth = Math.max(2, renderer.threads * 2);
    async function* chunks() {
      const queue: { to: number; bytes: Promise<Buffer> }[] = [];
      let next = 0;
      const fill = () => {
        while (queue.length < depth && next < total) {
          const to = Math.min(total, next + chunk);
          const bytes = renderer.render(task(next, to));
          bytes.catch(() => {}); // awaited below; avoids an unhandled rejection while queued
          queue.push({ to, bytes });
          next = to;
        }
      };
      fill();
      while (queue.length > 0) {
        const head = queue.shift() as { to: number; bytes: Promise<Buffer> };
        const bytes = await head.bytes;
        fill();
        if (bytes.length > 0) yield bytes;
        bar?.tick(head.to);
      }
    }
    await pipeline(chunks, stream);
    for (const sql of indexes) await client.query(sql);
    await client.query('COMMIT');
    bar?.done(total);
    return stream.rowCount;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Drops the indexes of a table that back no constraint; returns the statements to rebuild them. */
async function dropPlainIndexes(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [table],
  );
  for (const r of rows) await client.query(`DROP INDEX ${JSON.stringify(r.name)}`);
  return rows.map((r) => r.def);
}
