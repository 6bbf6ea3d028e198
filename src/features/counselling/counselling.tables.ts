import type { ColumnType } from 'kysely';
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
  /** The mobile-desk session it took place at (migration 20261209_0101; channel mobile_desk). */
  desk_session_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
}

/** Individual action plan (IAP): one per seeker, kept in the seeker's centre. */
export interface ActionPlanTable {
  id: string;
  seeker_id: string;
  centre_id: string;
  goal: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ActionPlanStepTable {
  id: string;
  plan_id: string;
  centre_id: string;
  title: string;
  due_date: string | null;
  done_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    counselling: CounsellingTable;
    action_plans: ActionPlanTable;
    action_plan_steps: ActionPlanStepTable;
  }
}
