/**
 * The `ilteo_change` channel: row triggers (migration 0003 `notify_change`) send
 * `{"table", "op", "id"}` for each changed seeker or posting, and every process refreshes its
 * in-memory indexes from them. A load that bypasses the triggers (COPY as
 * `session_replication_role = replica`: seed-demo, restore) or changes too many rows to name
 * them one by one sends one bulk notice instead: each listener reloads everything.
 * @module
 */
import { sql } from 'kysely';
import type pg from 'pg';
import type { Db } from './pool.ts';

/** The channel row triggers and bulk notices use. */
export const CHANGE_CHANNEL = 'ilteo_change';

/** `table` of a bulk notice: any table may have changed in any way. */
export const BULK_TABLE = '*';

const payload = (reason: string) => JSON.stringify({ table: BULK_TABLE, op: 'bulk', reason });

/** Tells every listening process that many rows changed (delivered when the caller commits). */
export async function notifyBulkChange(db: Db, reason: string): Promise<void> {
  await sql`SELECT pg_notify(${CHANGE_CHANNEL}, ${payload(reason)})`.execute(db);
}

/** {@link notifyBulkChange} on a plain pg client (inside its transaction: sent at commit). */
export async function notifyBulkChangeOn(client: pg.ClientBase, reason: string): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload(reason)]);
}
