import type { ColumnType } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../db/tables.ts';

export type OutboxStatus = 'pending' | 'done' | 'failed' | 'cancelled';

/** The shared outbox (migration 20261208_0200); only platform/outbox names it in SQL. */
export interface OutboxTable {
  id: string;
  kind: string;
  idempotency_key: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  centre_id: string | null;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  not_before: DefaultTimestamp;
  next_attempt_at: DefaultTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  claim_token: string | null;
  claimed_at: Timestamp | null;
  last_error: string | null;
  created_at: DefaultTimestamp;
  done_at: Timestamp | null;
}

declare module '../db/tables.ts' {
  interface Tables {
    outbox: OutboxTable;
  }
}
