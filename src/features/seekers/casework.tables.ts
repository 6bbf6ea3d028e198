import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export interface CounsellingTable {
  id: string;
  seeker_id: string;
  centre_id: string;
  at: Timestamp;
  channel: 'visit' | 'phone' | 'online' | 'mobile_desk' | 'group';
  type: 'intake' | 'guidance' | 'referral' | 'follow_up' | 'intensive';
  title: string | null;
  notes: string;
  next_contact_at: Timestamp | null;
  counsellor_id: string | null;
  created_at: DefaultTimestamp;
}

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
}

export interface ReferralEventTable {
  id: string;
  referral_id: string;
  status: string;
  at: DefaultTimestamp;
  actor_id: string | null;
  actor_kind: 'user' | 'employer_link' | 'system';
  note: string | null;
}

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
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    counselling: CounsellingTable;
    referrals: ReferralTable;
    referral_events: ReferralEventTable;
    employments: EmploymentTable;
  }
}
