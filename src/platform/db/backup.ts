import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { progress } from '../progress.ts';
import { notifyBulkChangeOn } from './changes.ts';

// File format (gzip): a JSON header line, then for each table a line `-- TABLE name rows`
// followed by its rows in COPY text format and the `\.` terminator line. COPY text escapes
// backslashes and newlines inside values, so `\.` alone on a line can only be a terminator.
const MAGIC = 'ilteo-backup';

async function tables(client: pg.PoolClient): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return r.rows.map((x) => x.name);
}

async function counts(client: pg.PoolClient, names: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of names) out[n] = Number((await client.query(`SELECT count(*) AS c FROM ${n}`)).rows[0].c);
  return out;
}

export class BackupError extends Error {}

/** Writes a consistent snapshot of every public table (REPEATABLE READ) to `file`. */
export async function writeBackup(pool: pg.Pool, file: string): Promise<{ tables: number; rows: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const names = await tables(client);
    const rows = await counts(client, names);
    const migrations = (await client.query('SELECT name FROM schema_migration ORDER BY name')).rows.map(
      (r) => r.name,
    );
    const gz = createGzip();
    const done = pipeline(gz, fs.createWriteStream(`${file}.partial`));
    gz.write(
      `${JSON.stringify({ format: MAGIC, version: 1, createdAt: new Date().toISOString(), migrations, rows })}\n`,
    );
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    const bar = progress('백업 / backup', total);
    let written = 0;
    for (const name of names) {
      gz.write(`-- TABLE ${name} ${rows[name]}\n`);
      for await (const chunk of client.query(copyTo(`COPY ${name} TO STDOUT`))) {
        if (!gz.write(chunk)) await new Promise((r) => gz.once('drain', r));
      }
      gz.write('\\.\n');
      written += rows[name] ?? 0;
      bar.tick(written);
    }
    gz.end();
    await done;
    await client.query('COMMIT');
    fs.renameSync(`${file}.partial`, file);
    bar.done(written);
    return { tables: names.length, rows: total };
  } finally {
    client.release();
  }
}

/** Replaces all data with the backup's in one transaction; the schema version must match. */
export async function restoreBackup(pool: pg.Pool, file: string): Promise<{ rows: number }> {
  const client = await pool.connect();
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  try {
    const it = lines[Symbol.asyncIterator]();
    const first = await it.next();
    let header: { format?: string; migrations?: string[]; rows?: Record<string, number> } = {};
    try {
      header = JSON.parse(String(first.value ?? '{}'));
    } catch {
      // falls through to the format check
    }
    if (header.format !== MAGIC) throw new BackupError('ilteo 백업 파일이 아닙니다 / not an ilteo backup');
    const current = (await client.query('SELECT name FROM schema_migration ORDER BY name')).rows.map(
      (r) => r.name,
    );
    if (JSON.stringify(current) !== JSON.stringify(header.migrations)) {
      throw new BackupError(
        '백업과 현재 스키마 버전이 다릅니다 / the backup was made with another schema version',
      );
    }
    await client.query('BEGIN');
    // Triggers (append-only access log, FK checks) are bypassed while the data is put back as it was.
    await client.query('SET LOCAL session_replication_role = replica');
    const names = (await tables(client)).filter((n) => n !== 'schema_migration');
    if (names.length) await client.query(`TRUNCATE ${names.join(', ')} CASCADE`);
    const total = Object.values(header.rows ?? {}).reduce((a, b) => a + b, 0);
    const bar = progress('복원 / restore', total);
    let done = 0;
    let next = await it.next();
    while (!next.done) {
      const m = /^-- TABLE (\S+) (\d+)$/.exec(String(next.value));
      if (!m || !names.concat('schema_migration').includes(m[1]!)) {
        throw new BackupError('백업 파일이 손상되었습니다 / corrupt backup');
      }
      const [, name, n] = m;
      const sink = name === 'schema_migration' ? null : client.query(copyFrom(`COPY ${name} FROM STDIN`));
      const finished = sink ? new Promise((res, rej) => sink.on('finish', res).on('error', rej)) : null;
      for (next = await it.next(); !next.done && next.value !== '\\.'; next = await it.next()) {
        if (sink && !sink.write(`${next.value}\n`)) await new Promise((r) => sink.once('drain', r));
      }
      sink?.end();
      await finished;
      done += Number(n);
      bar.tick(done);
      next = await it.next();
    }
    // Every running server reloads its in-memory indexes at commit (no row was notified).
    await notifyBulkChangeOn(client, 'restore');
    await client.query('COMMIT');
    bar.done(done);
    return { rows: done };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    lines.close();
    client.release();
  }
}
