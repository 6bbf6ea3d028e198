import type { ColumnType } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';
import type { DifficultyCategory, RequestCategory, RequestStatus, VisitStatus } from './outreach.codes.ts';

/** What a visit's survey records (API: report.survey). */
export interface VisitSurvey {
  employees?: number | null;
  workEnvironment?: string | null;
  workIntensity?: string | null;
  hiringPlan?: string | null;
  notes?: string | null;
}

export interface OutreachVisitTable {
  id: string;
  centre_id: string;
  employer_id: string;
  planned_at: Timestamp;
  team_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  purpose: string | null;
  status: ColumnType<VisitStatus, VisitStatus | undefined, VisitStatus>;
  held_at: Timestamp | null;
  survey: ColumnType<VisitSurvey | null, string | null | undefined, string | null>;
  reported_by: string | null;
  reported_at: Timestamp | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface OutreachDifficultyTable {
  id: string;
  visit_id: string;
  position: number;
  centre_id: string;
  employer_id: string;
  category: DifficultyCategory;
  description: string;
  created_at: DefaultTimestamp;
}

export interface OutreachJobTable {
  id: string;
  visit_id: string;
  position: number;
  centre_id: string;
  employer_id: string;
  title: string;
  occupation_code: string;
  headcount: number;
  employment_type: string | null;
  wage_type: 'D' | 'H' | 'M' | 'Y' | null;
  wage_min: number | null;
  posting_id: string;
  created_at: DefaultTimestamp;
}

export interface HiringAgreementTable {
  id: string;
  centre_id: string;
  employer_id: string;
  signed_on: string;
  valid_from: string;
  valid_to: string;
  pledged: number;
  occupations: ColumnType<string[], string[] | undefined, string[]>;
  /** The region whose residents fill the pledge: the centre's region when signed. */
  resident_region: string;
  note: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface DepartmentTable {
  id: string;
  centre_id: string;
  name: string;
  phone: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface AdminRequestTable {
  id: string;
  centre_id: string;
  employer_id: string;
  visit_id: string | null;
  category: RequestCategory;
  description: string;
  department_id: string;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  received_at: Timestamp;
  due_at: Timestamp;
  answer: string | null;
  answered_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface AdminRequestEventTable {
  id: string;
  request_id: string;
  centre_id: string;
  at: DefaultTimestamp;
  actor_id: string | null;
  status: RequestStatus;
  department_id: string | null;
  note: string;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    outreach_visits: OutreachVisitTable;
    outreach_difficulties: OutreachDifficultyTable;
    outreach_jobs: OutreachJobTable;
    hiring_agreements: HiringAgreementTable;
    departments: DepartmentTable;
    admin_requests: AdminRequestTable;
    admin_request_events: AdminRequestEventTable;
  }
}
