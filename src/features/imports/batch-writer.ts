import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError, type FieldProblem } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import './imports.messages.ts';
import type { ImportContext, Importer } from '../../platform/imports/registry.ts';

export interface NumberedValue<T> {
  row: number;
  value: T;
}

/**
 * A refusal of the data rather than a broken connection or a bug: integrity (23…) and data
 * (22…) errors, a deadlock victim, an exception raised by a trigger, and the 409/400 a feature's
 * insert throws itself (e.g. a 사업자등록번호 registered meanwhile). Only these are retried row by row.
 */
export function isRowRefusal(err: unknown): boolean {
  if (err instanceof DomainError) return err.code === 'conflict' || err.code === 'validation';
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22[0-9A-Z]{3}|23[0-9A-Z]{3}|40P01|P0001)$/.test(code);
}

const camel = (column: string) => column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The API field a database error names, when it names exactly one column. */
function fieldOf(err: { column?: string; detail?: string }): string {
  if (err.column) return camel(err.column);
  // "Key (seeker_id)=(…) is not present …": the column only, never the value.
  const m = /^Key \((\w+)\)=/.exec(err.detail ?? '');
  return m ? camel(m[1]!) : 'row';
}

/** General words for a row the database refused; the row number is part of every message. */
export function refusalProblems(err: unknown, row: number): FieldProblem[] {
  if (err instanceof DomainError) {
    return err.fields.length ? err.fields : [{ field: 'row', key: err.key, params: err.params }];
  }
  const e = err as { code: string; column?: string; detail?: string };
  const key =
    e.code === '23505'
      ? 'import.rowRefusedDuplicate'
      : e.code === '23503'
        ? 'import.rowRefusedReference'
        : e.code === '40P01'
          ? 'import.rowRefusedConcurrent'
          : 'import.rowRefusedValue';
  return [{ field: fieldOf(e), key, params: { row, code: e.code } }];
}

/**
 * Writes one batch inside a savepoint. When the database refuses it (a constraint that
 * validation could not foresee, such as a record another user saved a moment ago), the batch is
 * rolled back to the savepoint and written again one row at a time, each row in its own
 * savepoint: the refused rows are answered with their problems and every other row is written.
 * Any other error (connection lost, a bug) is thrown and fails the import as before.
 */
export async function writeBatch<T>(
  tx: Db,
  importer: Importer<T>,
  actor: Actor | null,
  batch: NumberedValue<T>[],
  ctx: ImportContext,
): Promise<{ row: number; errors: FieldProblem[] }[]> {
  await sql`SAVEPOINT import_batch`.execute(tx);
  try {
    await importer.insertBatch(
      tx,
      actor,
      batch.map((b) => b.value),
      ctx,
    );
    await sql`RELEASE SAVEPOINT import_batch`.execute(tx);
    return [];
  } catch (err) {
    if (!isRowRefusal(err)) throw err;
    await sql`ROLLBACK TO SAVEPOINT import_batch`.execute(tx);
    await sql`RELEASE SAVEPOINT import_batch`.execute(tx);
  }
  const refused: { row: number; errors: FieldProblem[] }[] = [];
  for (const item of batch) {
    await sql`SAVEPOINT import_row`.execute(tx);
    try {
      await importer.insertBatch(tx, actor, [item.value], ctx);
      await sql`RELEASE SAVEPOINT import_row`.execute(tx);
    } catch (err) {
      if (!isRowRefusal(err)) throw err;
      await sql`ROLLBACK TO SAVEPOINT import_row`.execute(tx);
      await sql`RELEASE SAVEPOINT import_row`.execute(tx);
      const own = await importer.rowError?.(tx, err, item, ctx);
      refused.push({ row: item.row, errors: own?.length ? own : refusalProblems(err, item.row) });
    }
  }
  return refused;
}
