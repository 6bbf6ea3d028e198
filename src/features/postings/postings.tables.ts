import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export type PostingStatus =
  | 'draft'
  | 'pending'
  | 'open'
  | 'closed'
  | 'filled'
  | 'expired'
  | 'rejected'
  | 'returned';
export type ReviewDecision = 'rejected' | 'returned';

export interface PostingTable {
  id: string;
  employer_id: string;
  centre_id: string;
  title: string;
  occupation_code: string;
  /** KECO edition of occupation_code (migration 20261208_0100); '2018' for older rows */
  occupation_edition: Generated<'2018' | '2025'>;
  duties: string;
  headcount: number;
  employment_type: string;
  wage_type: 'D' | 'H' | 'M' | 'Y';
  wage_min: number;
  wage_max: number | null;
  wage_monthly_min: number;
  work_days: string | null;
  work_hours: string | null;
  region_code: string;
  address: string | null;
  education_min: string;
  career_type: 'N' | 'E' | 'Z';
  career_min_months: Generated<number>;
  certificates: Generated<string[]>;
  preferences: Generated<string[]>;
  keywords: Generated<string[]>;
  closes_at: string;
  status: PostingStatus;
  source: Generated<string>;
  worknet_auth_no: string | null;
  created_by: string | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  /** a counsellor's refusal (status draft): rejected for good, or returned for changes (migration 20261208_0700) */
  review_decision: ReviewDecision | null;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  /** when the employer last sent a returned posting back for approval */
  resubmitted_at: Timestamp | null;
  search_tokens: Generated<string[]>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    postings: PostingTable;
  }
}
