import { sql } from 'kysely';
import { recordAccesses } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import { uuidv7 } from '../../platform/ids.ts';
import {
  type CsvEncoding,
  CsvFileError,
  csvRows,
  decodeStream,
  encodingOf,
} from '../../platform/imports/csv.ts';
import { type NumberedValue, writeBatch } from './batch-writer.ts';
import './imports.messages.ts';
import { getImporter, type ImportContext } from '../../platform/imports/registry.ts';
import type { ImportStatus } from './imports.tables.ts';

export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Rejected rows kept for the answer; `rejectedCount` always has the full number. */
const MAX_REJECTED_LISTED = 1000;

export interface RejectedRow {
  row: number;
  errors: FieldProblem[];
}

export interface ImportResult {
  id: string;
  kind: string;
  status: ImportStatus;
  encoding: CsvEncoding | null;
  rows: number;
  imported: number;
  rejectedCount: number;
  rejected: RejectedRow[];
}

export interface RunImportOptions {
  db: Db;
  dataKey: Buffer;
  actor: Actor | null;
  kind: string;
  /** The CSV bytes (a request stream, a file stream, or chunks). */
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  /** Import the valid rows and list the rejected ones; default: all or nothing. */
  partial?: boolean;
  fileName?: string | null;
  /** Centre for the new records; defaults to the actor's centre. */
  centreId?: string | null;
  ip?: string | null;
  maxRows?: number;
  maxBytes?: number;
  /** The body's size when known (Content-Length): the import record shows progress against it. */
  bytesTotal?: number | null;
  /** An encoding the client declared (`?encoding=`, a charset); detected otherwise. */
  encoding?: string | null;
  /**
   * statement_timeout for the import's transaction (SET LOCAL): its statements are larger
   * than a request's. Default: the connection's own.
   */
  statementTimeoutMs?: number;
  onBytes?: (bytes: number) => void;
  /** Awaited: a caller may look at the database while the import waits. */
  onRows?: (rows: number) => unknown;
}

/** How often the running import's record is brought up to date (rows and bytes done). */
const PROGRESS_MS = 500;
/** Access-log rows written per statement at the end of an import. */
const ACCESS_CHUNK = 5000;

/**
 * Imports one CSV file of `kind` in ONE transaction (SECURITY.md 17: a crash or kill -9 leaves
 * nothing of it). Rows are validated and inserted in batches as the file streams in. Without
 * `partial`, one rejected row rolls everything back and the result has status 'rejected' and
 * imported 0. A batch the database refuses is written again row by row (`writeBatch`), so the
 * refused rows are listed like invalid ones: with `partial` the others are kept.
 * Each run is also recorded in `imports` (committed on its own, so an interrupted
 * run stays visible); its final 'done' status commits together with the data.
 * Throws 404 for a kind without importer, 400 for a broken file (encoding, CSV syntax, header).
 */
export async function runImport(opts: RunImportOptions): Promise<ImportResult> {
  const importer = getImporter(opts.kind);
  if (!importer) throw new DomainError('not_found', 'import.unknownKind', { kind: opts.kind });
  const { db } = opts;
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  const declared = opts.encoding ? encodingOf(opts.encoding) : null;
  if (opts.encoding && !declared) {
    throw new DomainError(
      'validation',
      'import.encodingUnsupported',
      { encoding: opts.encoding.slice(0, 40) },
      [
        {
          field: 'encoding',
          key: 'import.encodingUnsupported',
          params: { encoding: opts.encoding.slice(0, 40) },
        },
      ],
      { code: 'import.encodingUnsupported' },
    );
  }
  const centreId = opts.centreId !== undefined ? opts.centreId : (opts.actor?.centreId ?? null);
  const id = uuidv7();
  await db
    .insertInto('imports')
    .values({
      id,
      centre_id: centreId,
      kind: opts.kind,
      file_name: opts.fileName?.slice(0, 300) ?? null,
      partial: opts.partial ?? false,
      actor_id: opts.actor?.userId ?? null,
      bytes_total: opts.bytesTotal ?? null,
    })
    .execute();

  const result: ImportResult = {
    id,
    kind: opts.kind,
    status: 'running',
    encoding: null,
    rows: 0,
    imported: 0,
    rejectedCount: 0,
    rejected: [],
  };
  const finishRow = (status: ImportStatus) =>
    db
      .updateTable('imports')
      .set({
        status,
        rows: result.rows,
        imported: status === 'done' ? result.imported : 0,
        rejected: result.rejectedCount,
        bytes_read: bytesRead,
        finished_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
  let bytesRead = 0;
  // The first thousand rows always show (a fast machine reads them in well under PROGRESS_MS,
  // and the page would show 0 rows until then), later ones every PROGRESS_MS.
  let progressAt = Number.NEGATIVE_INFINITY;
  // Progress goes to the record on its own connection (committed at once, outside the
  // import's transaction, which touches the record only at its end): GET /imports/{id} polls it.
  const progress = async () => {
    if (performance.now() - progressAt < PROGRESS_MS) return;
    progressAt = performance.now();
    await db
      .updateTable('imports')
      .set({
        rows: result.rows,
        imported: result.imported,
        rejected: result.rejectedCount,
        bytes_read: bytesRead,
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  };
  const deferred = new Map<
    string,
    { action: 'create' | 'update'; subjectType: string; centreId: string | null; ids: string[] }
  >();

  // Thrown inside the transaction to roll it back after a whole-file rejection.
  const rollback = new Error('rollback');
  try {
    await db.transaction().execute(async (tx) => {
      if (opts.statementTimeoutMs !== undefined) {
        await sql`SELECT set_config('statement_timeout', ${String(opts.statementTimeoutMs)}, true)`.execute(
          tx,
        );
      }
      const pid = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx);
      // Which backend holds the data: when it is gone and the row still says running, the
      // import was interrupted (see markInterruptedImports). Committed at once, outside tx.
      await sql`UPDATE imports SET backend_pid = ${pid.rows[0]!.pid},
          backend_start = (SELECT backend_start FROM pg_stat_activity WHERE pid = ${pid.rows[0]!.pid})
        WHERE id = ${id}`.execute(db);
      const ctx: ImportContext = {
        db: tx,
        dataKey: opts.dataKey,
        actor: opts.actor,
        centreId,
        ip: opts.ip ?? null,
        importId: id,
        state: new Map(),
        deferAccess(e) {
          const k = `${e.action}|${e.subjectType}|${e.centreId ?? ''}`;
          const d = deferred.get(k) ?? {
            action: e.action,
            subjectType: e.subjectType,
            centreId: e.centreId,
            ids: [],
          };
          for (const x of e.subjectIds) d.ids.push(x);
          deferred.set(k, d);
        },
      };
      await importer.begin?.(tx, ctx);
      const batchSize = importer.batchSize ?? 1000;
      const reject = (row: number, errors: FieldProblem[]) => {
        result.rejectedCount++;
        if (result.rejected.length < MAX_REJECTED_LISTED) {
          result.rejected.push({
            row,
            errors: errors.length ? errors : [{ field: 'row', key: 'field.invalid' }],
          });
        }
      };
      let batch: NumberedValue<unknown>[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        let items = batch;
        batch = [];
        if (importer.checkBatch) {
          const found = await importer.checkBatch(tx, items, ctx);
          items = items.filter((item, i) => {
            const problems = found[i];
            if (problems?.length) reject(item.row, problems);
            return !problems?.length;
          });
        }
        // After a rejection in whole-file mode nothing will be kept: skip the writes.
        if (items.length && (opts.partial || result.rejectedCount === 0)) {
          const refused = await writeBatch(tx, importer, opts.actor, items, ctx);
          for (const r of refused) reject(r.row, r.errors);
          result.imported += items.length - refused.length;
        }
      };
      const text = decodeStream(opts.source, {
        declared,
        onBytes: (n) => {
          bytesRead = n;
          opts.onBytes?.(n);
        },
        maxBytes: opts.maxBytes ?? MAX_IMPORT_BYTES,
        onEncoding: (e) => {
          result.encoding = e;
        },
      });
      for await (const r of csvRows(text, (h) => checkHeader(h, importer.columns))) {
        if (r.row > maxRows) throw new CsvFileError('import.tooManyRows', { limit: maxRows });
        result.rows = r.row;
        let errors: FieldProblem[];
        let value: unknown;
        if (r.cellCount !== r.header.length) {
          errors = [
            {
              field: 'row',
              key: 'import.cellCount',
              params: { count: r.cellCount, expected: r.header.length },
            },
          ];
        } else {
          const v = await importer.validateRow(r.values, ctx, r.row);
          errors = v.errors;
          value = v.value;
        }
        if (errors.length > 0 || value === undefined) {
          reject(r.row, errors);
        } else {
          batch.push({ row: r.row, value });
          if (batch.length >= batchSize) await flush();
        }
        if (r.row % 1000 === 0) {
          await opts.onRows?.(r.row);
          await progress();
        }
      }
      await flush();
      // Rows refused at a batch's check or write come after the rows rejected while reading.
      result.rejected.sort((a, b) => a.row - b.row);
      await opts.onRows?.(result.rows);
      if (!opts.partial && result.rejectedCount > 0) throw rollback;
      await importer.finish?.(tx, ctx);
      for (const d of deferred.values()) {
        for (let o = 0; o < d.ids.length; o += ACCESS_CHUNK) {
          await recordAccesses(
            tx,
            d.ids.slice(o, o + ACCESS_CHUNK).map((subjectId) => ({
              actor: opts.actor,
              ip: opts.ip ?? null,
              action: d.action,
              subjectType: d.subjectType,
              subjectId,
              centreId: d.centreId,
            })),
          );
        }
      }
      // The final status commits with the data: 'done' is never recorded for data that is not there.
      await tx
        .updateTable('imports')
        .set({
          status: 'done',
          rows: result.rows,
          imported: result.imported,
          rejected: result.rejectedCount,
          bytes_read: bytesRead,
          finished_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
    });
    result.status = 'done';
    return result;
  } catch (err) {
    if (err === rollback) {
      result.status = 'rejected';
      result.imported = 0;
      await finishRow('rejected');
      return result;
    }
    result.status = 'failed';
    result.imported = 0;
    await finishRow('failed').catch(() => undefined);
    if (err instanceof CsvFileError) {
      // A file-level refusal names its code (import.encoding, import.nul …) and, for a cell, where.
      const field = err.key === 'import.nul' ? `rows[${err.params.row}].${err.params.column}` : 'file';
      throw new DomainError(
        'validation',
        err.key,
        err.params,
        [{ field, key: err.key, params: err.params }],
        {
          code: err.key,
        },
      );
    }
    if (err instanceof DomainError) throw err;
    if ((err as { code?: string }).code === '23505') throw new DomainError('conflict', 'import.conflict');
    throw err;
  }
}

function checkHeader(header: string[], allowed: readonly string[] | undefined) {
  if (!allowed) return;
  const set = new Set(allowed);
  const unknown = header.filter((h) => !set.has(h));
  if (unknown.length) {
    throw new DomainError(
      'validation',
      'error.validation',
      {},
      unknown.map((c) => ({ field: c, key: 'import.unknownColumn' })),
    );
  }
}

/** Presents rejected rows with messages in the language. */
export function presentRejected(rows: RejectedRow[], lang: Lang) {
  return rows.map((r) => ({
    row: r.row,
    errors: r.errors.map((e) => ({ field: e.field, message: t(lang, e.key, e.params) })),
  }));
}

/**
 * Marks imports whose transaction's backend no longer exists as interrupted: the process was
 * killed (or lost its connection) and PostgreSQL rolled its data back. Safe to run from any
 * number of processes at start-up, since a live import's backend is still listed.
 */
export async function markInterruptedImports(db: Db): Promise<number> {
  const r = await sql`
    UPDATE imports i SET status = 'interrupted', finished_at = now()
    WHERE i.status = 'running'
      AND (
        (i.backend_pid IS NULL AND i.started_at < now() - interval '10 minutes')
        OR (i.backend_pid IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM pg_stat_activity a
          WHERE a.pid = i.backend_pid AND a.backend_start IS NOT DISTINCT FROM i.backend_start))
      )`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export { getImport, listImports } from './imports.history.ts';
