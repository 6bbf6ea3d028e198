import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export type PrivacyKind = 'access' | 'correction' | 'deletion' | 'suspension';
export type PrivacyStatus = 'open' | 'done' | 'rejected';

export interface PrivacyRequestTable {
  id: string;
  centre_id: string;
  seeker_id: string | null;
  /** The seeker's registration number, kept after a deletion as the request's reference. */
  seeker_ref: string;
  kind: PrivacyKind;
  status: Generated<PrivacyStatus>;
  channel: Generated<'staff' | 'self'>;
  received_at: DefaultTimestamp;
  due_at: Timestamp;
  completed_at: Timestamp | null;
  handled_by: string | null;
  note: string | null;
  result: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    privacy_requests: PrivacyRequestTable;
  }
}
