import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export interface EmploymentTable {
  id: string;
  seeker_id: string;
  centre_id: string;
  employer_id: string | null;
  employer_name: string;
  posting_id: string | null;
  referral_id: string | null;
  start_date: string;
  route: 'referral' | 'self' | 'event' | 'public_job';
  employment_type: string | null;
  wage_type: 'D' | 'H' | 'M' | 'Y' | null;
  wage: number | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  /** The kept record this one repeats (same seeker, start date and employer); null = kept. Migration 5002. */
  duplicate_of: string | null;
}

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
  /** the day a seeker who left the job left it (migration 9901) */
  left_on: string | null;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    employments: EmploymentTable;
    retention_followups: RetentionFollowupTable;
  }
}
