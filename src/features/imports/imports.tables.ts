import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export type ImportStatus = 'running' | 'done' | 'rejected' | 'failed' | 'interrupted';

export interface ImportTable {
  id: string;
  centre_id: string | null;
  kind: string;
  file_name: string | null;
  partial: Generated<boolean>;
  rows: Generated<number>;
  imported: Generated<number>;
  rejected: Generated<number>;
  status: Generated<ImportStatus>;
  /** The body's size when the client sent one (progress bar); null = unknown. */
  bytes_total: number | null;
  bytes_read: Generated<number>;
  backend_pid: number | null;
  backend_start: Timestamp | null;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  actor_id: string | null;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    imports: ImportTable;
  }
}
