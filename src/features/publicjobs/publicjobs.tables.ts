import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';
import type {
  ApplicationChannel,
  PlacementOutcome,
  ProgrammeKind,
  SelectionMethod,
} from './publicjobs.codes.ts';

type Json<T> = ColumnType<T, string, string>;

export interface PublicJobProgrammeTable {
  id: string;
  centre_id: string;
  name: string;
  kind: ProgrammeKind;
  year: number;
  quota: number;
  starts_on: string;
  ends_on: string;
  hours_per_week: number;
  hourly_wage: number;
  selection: SelectionMethod;
  apply_from: string;
  apply_to: string;
  description: string | null;
  /** The count that hands out application numbers (updated with RETURNING, one per application). */
  applications: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface PublicJobRuleSetTable {
  id: string;
  centre_id: string;
  programme_id: string;
  version: number;
  rules: Json<unknown>;
  source: string | null;
  adopted_at: DefaultTimestamp;
  created_by: string | null;
}

export interface PublicJobApplicationTable {
  id: string;
  programme_id: string;
  centre_id: string;
  application_no: number;
  seeker_id: string;
  channel: ApplicationChannel;
  household_size: number;
  monthly_income: number;
  property: number;
  flags: ColumnType<string[], string[], string[]>;
  age: number;
  repeat_participation: boolean;
  eligible: boolean;
  score: number;
  reasons: Json<unknown>;
  rule_set_id: string;
  rule_version: number;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface PublicJobAnnouncementTable {
  id: string;
  centre_id: string;
  programme_id: string;
  seq: number;
  candidates: ColumnType<string[], string[], string[]>;
  candidate_nos: ColumnType<number[], number[], number[]>;
  candidate_scores: ColumnType<number[], number[], number[]>;
  input_sha256: string;
  seed_source: string;
  seeds_available_at: Timestamp;
  announced_at: DefaultTimestamp;
  created_by: string | null;
}

export interface PublicJobDrawTable {
  id: string;
  centre_id: string;
  programme_id: string;
  announcement_id: string;
  run_no: number;
  method: SelectionMethod;
  seed_sources: Json<number[][] | null> | null;
  key_string: string | null;
  lottery_order: ColumnType<number[] | null, number[] | null, number[] | null>;
  ranked: ColumnType<string[], string[], string[]>;
  quota: number;
  drawn_at: DefaultTimestamp;
  created_by: string | null;
}

export interface PublicJobPublicationTable {
  programme_id: string;
  centre_id: string;
  draw_id: string;
  published_at: DefaultTimestamp;
  published_by: string | null;
}

export interface PublicJobPlacementTable {
  id: string;
  programme_id: string;
  centre_id: string;
  application_id: string;
  seeker_id: string;
  worksite: string;
  starts_on: string;
  ends_on: string | null;
  outcome: PlacementOutcome | null;
  private_employer: string | null;
  employment_id: string | null;
  /** The employment of the private job a placement ended in (migration 20261210_0601). */
  private_employment_id: Generated<string | null>;
  counsellor_id: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  ended_at: Timestamp | null;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    public_job_programmes: PublicJobProgrammeTable;
    public_job_rule_sets: PublicJobRuleSetTable;
    public_job_applications: PublicJobApplicationTable;
    public_job_announcements: PublicJobAnnouncementTable;
    public_job_draws: PublicJobDrawTable;
    public_job_publications: PublicJobPublicationTable;
    public_job_placements: PublicJobPlacementTable;
  }
}
