import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export type WorknetPullStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface PullRejection {
  page: number;
  row: number;
  errors: { field: string; message: string }[];
}

/** One run of the scheduled 고용24 pull (worknet.pull.ts). */
export interface WorknetPullTable {
  id: string;
  /** The list API's address, never its key. */
  source_url: string;
  status: Generated<WorknetPullStatus>;
  pages: Generated<number>;
  added: Generated<number>;
  /** rows whose content or status changed ours */
  updated: Generated<number>;
  /** rows equal to ours: nothing written, no webhook event (migration 20261211_0500) */
  unchanged: Generated<number>;
  /** rows of postings under a counsellor's review, left as they are (migration 20261211_0500) */
  held: Generated<number>;
  failed: Generated<number>;
  /** The first rows refused: [{page, row, errors: [{field, message}]}] (JSON text on write). */
  rejections: ColumnType<PullRejection[], string | undefined, string>;
  error: string | null;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    worknet_pulls: WorknetPullTable;
  }
}
