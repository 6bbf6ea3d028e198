import type { DefaultTimestamp } from '../../platform/db/tables.ts';

export type PostingHistoryAction =
  | 'create'
  | 'update'
  | 'approve'
  | 'reject'
  | 'return'
  | 'resubmit'
  | 'status'
  | 'import'
  | 'expire';

export interface PostingHistoryTable {
  id: string;
  posting_id: string;
  centre_id: string;
  actor_id: string | null;
  action: PostingHistoryAction;
  changes: Record<string, unknown>;
  at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    posting_history: PostingHistoryTable;
  }
}
