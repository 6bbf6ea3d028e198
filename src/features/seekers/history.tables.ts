import type { DefaultTimestamp } from '../../platform/db/tables.ts';

export interface SeekerStatusHistoryTable {
  id: string;
  seeker_id: string;
  centre_id: string;
  from_status: string | null;
  to_status: 'active' | 'employed' | 'on_hold' | 'closed';
  reason: string | null;
  changed_by: string | null;
  changed_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    seeker_status_history: SeekerStatusHistoryTable;
  }
}
