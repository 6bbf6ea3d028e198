import type { ColumnType } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';
import type {
  AttendanceStatus,
  EnrolmentChannel,
  EnrolmentStatus,
  InstitutionKind,
  ProgrammeFormat,
  ProgrammeKind,
  RequestStatus,
} from './programmes.codes.ts';

export interface ProgrammeTable {
  id: string;
  centre_id: string;
  title: string;
  kind: ProgrammeKind;
  cohort: string | null;
  format: ProgrammeFormat;
  venue: string | null;
  online_url: string | null;
  capacity: number;
  /** Registered enrolments; CHECK (taken BETWEEN 0 AND capacity). */
  taken: ColumnType<number, number | undefined, number>;
  waitlist: ColumnType<boolean, boolean | undefined, boolean>;
  /** Hours a place offered from the waiting list is held for its person (0: confirmed at once). */
  hold_hours: ColumnType<number, number | undefined, number>;
  completion_min_pct: ColumnType<number, number | undefined, number>;
  target_groups: ColumnType<string[], string[] | undefined, string[]>;
  description: string | null;
  first_starts_at: Timestamp;
  last_ends_at: Timestamp;
  institution_request_id: string | null;
  /** Participants of an institution's programme who are not registered seekers (counted only). */
  external_participants: number | null;
  external_completed: number | null;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  published_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface ProgrammeSessionTable {
  id: string;
  programme_id: string;
  centre_id: string;
  seq: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  external_attended: number | null;
}

export interface ProgrammeEnrolmentTable {
  id: string;
  programme_id: string;
  centre_id: string;
  seeker_id: string;
  status: EnrolmentStatus;
  channel: EnrolmentChannel;
  promoted_at: Timestamp | null;
  /** Set while `offered`: the place is held for this person until then. */
  hold_until: Timestamp | null;
  cancel_reason: 'cancelled' | 'hold_expired' | 'offer_declined' | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface ProgrammeAttendanceTable {
  session_id: string;
  enrolment_id: string;
  programme_id: string;
  centre_id: string;
  status: AttendanceStatus;
  marked_by: string | null;
  marked_at: DefaultTimestamp;
}

export interface ProgrammeSurveyTable {
  enrolment_id: string;
  programme_id: string;
  centre_id: string;
  seeker_id: string;
  score: number;
  comment: string | null;
  created_at: DefaultTimestamp;
}

export interface InstitutionRequestTable {
  id: string;
  reference_no: string;
  centre_id: string;
  institution_name: string;
  institution_kind: InstitutionKind;
  contact_name: string;
  contact_phone_enc: string;
  contact_email_enc: string | null;
  topic: string;
  preferred_dates: ColumnType<string[], string[], string[]>;
  headcount: number;
  message: string | null;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decline_reason: string | null;
  copied_from: string | null;
  /** SHA-256 of the submitting address (rate limit of the public form); never the address. */
  source_hash: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    programmes: ProgrammeTable;
    programme_sessions: ProgrammeSessionTable;
    programme_enrolments: ProgrammeEnrolmentTable;
    programme_attendance: ProgrammeAttendanceTable;
    programme_surveys: ProgrammeSurveyTable;
    institution_requests: InstitutionRequestTable;
  }
}
