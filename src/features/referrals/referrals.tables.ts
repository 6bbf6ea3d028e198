import type { ColumnType } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export type ReferralStatus =
  | 'referred'
  | 'screening'
  | 'interview'
  | 'hired'
  | 'rejected'
  | 'no_show'
  | 'withdrawn';

export interface ReferralTable {
  id: string;
  seeker_id: string;
  posting_id: string;
  centre_id: string;
  status: ReferralStatus;
  note: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  closed_at: Timestamp | null;
  /** The interview's time and place, recorded with the move to 'interview' (migration 0401). */
  interview_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  interview_place: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ReferralEventTable {
  id: string;
  referral_id: string;
  /** the referral's centre */
  centre_id: string;
  status: string;
  at: DefaultTimestamp;
  actor_id: string | null;
  actor_kind: 'user' | 'employer_link' | 'system';
  note: string | null;
}

export interface ReferralLinkTable {
  id: string;
  referral_id: string;
  /** the referral's centre */
  centre_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    referrals: ReferralTable;
    referral_events: ReferralEventTable;
    referral_links: ReferralLinkTable;
  }
}
