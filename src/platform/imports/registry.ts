import type { Db } from '../db/pool.ts';
import type { FieldProblem } from '../errors.ts';
import type { Actor } from '../http/actor.ts';
import type { ColumnType } from './csv.ts';

/** The kinds `POST /api/v1/imports/{kind}` and `ilteo import` accept (API.md "imports"). */
export const IMPORT_KINDS = ['seekers', 'employers', 'postings', 'employments', 'counselling'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What an importer sees while a file is imported. */
export interface ImportContext {
  /** The import's own transaction: lookups see the rows inserted by earlier batches. */
  db: Db;
  dataKey: Buffer;
  actor: Actor | null;
  /** The centre new records belong to: the actor's centre (or the CLI's --centre); null = none. */
  centreId: string | null;
  /** Client address for the access log (null from the command line). */
  ip: string | null;
  /** Id of the `imports` row, e.g. to tag created records. */
  importId: string;
  /** Scratch space for one import (ids already seen in this file, lookup caches). */
  state: Map<string, unknown>;
  /**
   * Access-log rows for records the import created or changed, written by the framework after
   * `finish`, just before commit: the log's chain head (one row every writer of the log
   * locks) is then held for moments, not for the whole file. Call it after the writes succeeded.
   */
  deferAccess(e: {
    action: 'create' | 'update';
    subjectType: string;
    centreId: string | null;
    subjectIds: readonly string[];
  }): void;
}

/** A map kept in the import's scratch space (`ctx.state`) under `key`, created on first use. */
export function importState<V>(ctx: Pick<ImportContext, 'state'>, key: string): Map<string, V> {
  let m = ctx.state.get(key) as Map<string, V> | undefined;
  if (!m) {
    m = new Map();
    ctx.state.set(key, m);
  }
  return m;
}

export interface RowResult<T> {
  value?: T;
  errors: FieldProblem[];
}

/**
 * One importable kind. `validateRow` turns a CSV row (column → text, see `unflatten`) into a
 * value or field problems named like the API's fields; `insertBatch` writes up to `batchSize`
 * (default 1,000) validated values inside the import's transaction and must write the access-log
 * rows for the personal data it creates (recordAccesses). When the database refuses a batch,
 * the framework rolls it back to a savepoint and calls `insertBatch` again with one value at a
 * time, so it must not assume its values arrive in one call.
 */
export interface Importer<T = unknown> {
  /** Allowed header columns; a header naming another column rejects the file. Omit to allow any. */
  columns?: readonly string[];
  /** Column types for `unflatten` (dotted column name → type); default string. */
  types?: Record<string, ColumnType>;
  batchSize?: number;
  /**
   * Runs first in the import's transaction, before any row is read (e.g. the one lock the
   * import takes for its whole file; never a lock per row).
   */
  begin?(tx: Db, ctx: ImportContext): Promise<void>;
  /** `rowNo` counts data lines: 1 is the first line after the header. */
  validateRow(
    row: Record<string, string>,
    ctx: ImportContext,
    rowNo: number,
  ): Promise<RowResult<T>> | RowResult<T>;
  /**
   * Checks a batch of valid values against the database in one go before it is written (e.g.
   * records that already exist), also when nothing will be written because the file is already
   * refused, so every error is listed. Answers problems per value, by position (none = fine).
   */
  checkBatch?(
    tx: Db,
    values: readonly { row: number; value: T }[],
    ctx: ImportContext,
  ): Promise<(FieldProblem[] | undefined)[]>;
  insertBatch(tx: Db, actor: Actor | null, values: T[], ctx: ImportContext): Promise<void>;
  /**
   * Explains a database refusal of one row's insert in the importer's own words (the
   * transaction is usable again: the row was rolled back to its savepoint); undefined leaves
   * it to the framework's general messages.
   */
  rowError?(
    tx: Db,
    err: unknown,
    value: { row: number; value: T },
    ctx: ImportContext,
  ): Promise<FieldProblem[] | undefined>;
  /** Runs once after the last batch, in the same transaction (e.g. status or index refreshes). */
  finish?(tx: Db, ctx: ImportContext): Promise<void>;
}

const registry = new Map<string, Importer<unknown>>();

/**
 * Registers the importer of a kind (call at module load, from the feature that owns the table).
 * Registering a kind twice is a programming error.
 */
export function registerImporter<T>(kind: string, importer: Importer<T>): void {
  if (registry.has(kind)) throw new Error(`importer ${kind} registered twice`);
  registry.set(kind, importer as Importer<unknown>);
}

/** The importer of a kind, or null when no feature has registered one yet. */
export function getImporter(kind: string): Importer<unknown> | null {
  return registry.get(kind) ?? null;
}

/** Kinds with a registered importer. */
export function registeredKinds(): string[] {
  return [...registry.keys()].sort();
}
