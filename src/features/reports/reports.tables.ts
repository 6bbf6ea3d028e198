import type { DefaultTimestamp } from '../../platform/db/tables.ts';

export interface CentreTargetTable {
  centre_id: string;
  year: number;
  kpi: string;
  target: number;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

/** (centre, day) pairs whose summary rows must be recomputed; appended by triggers. */
export interface ReportDirtyTable {
  centre_id: string;
  day: string;
}

/** Daily summary of seeker-side figures; see src/migrations/20261122_4000_reports.ts. */
export interface ReportDailyTable {
  centre_id: string;
  tg_mask: number;
  occ: string;
  region: string;
  day: string;
  seekers_registered: number;
  employed_seekers: number;
  consultations: number;
  c_visit: number;
  c_phone: number;
  c_online: number;
  c_mobile_desk: number;
  c_group: number;
  referrals: number;
  referrals_interviewed: number;
  referrals_hired: number;
  hires: number;
  hires_by_referral: number;
}

/** Daily summary of postings (employer side). */
export interface ReportDailyPostingsTable {
  centre_id: string;
  occ: string;
  region: string;
  day: string;
  postings: number;
  headcount: number;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    centre_targets: CentreTargetTable;
    report_dirty: ReportDirtyTable;
    report_daily: ReportDailyTable;
    report_daily_postings: ReportDailyPostingsTable;
  }
}
