import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export interface RetentionFollowupTable {
  id: string;
  employment_id: string;
  seeker_id: string;
  centre_id: string;
  months: 1 | 3 | 6;
  due_date: string;
  done_at: Timestamp | null;
  done_by: string | null;
  result: 'employed' | 'left' | 'unknown' | null;
  note: string | null;
}

export interface ReferralLinkTable {
  id: string;
  referral_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    retention_followups: RetentionFollowupTable;
    referral_links: ReferralLinkTable;
  }
}
