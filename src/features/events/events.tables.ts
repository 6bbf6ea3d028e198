import type { ColumnType } from 'kysely';
import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';
import type {
  EventEmployerStatus,
  EventKind,
  HallRequestStatus,
  InterviewBookingStatus,
  InterviewResult,
  InvitationResponse,
  RegistrationStatus,
} from './events.codes.ts';

export interface HiringEventTable {
  id: string;
  centre_id: string;
  /** The events a weekly recurrence created share it. */
  series_id: string | null;
  title: string;
  kind: EventKind;
  starts_at: Timestamp;
  ends_at: Timestamp;
  venue: string | null;
  online_url: string | null;
  capacity: number | null;
  description: string | null;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  published_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  /** A cancelled event stays readable, marked, with its reason (migration 20261212_0200). */
  cancelled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
  cancelled_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EventEmployerTable {
  event_id: string;
  employer_id: string;
  centre_id: string;
  posting_ids: ColumnType<string[], string[] | undefined, string[]>;
  booth: string | null;
  status: EventEmployerStatus;
  approved_by: string | null;
  approved_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EventSlotTable {
  id: string;
  event_id: string;
  employer_id: string;
  centre_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  meeting_url: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface InterviewBookingTable {
  id: string;
  /** NULL only for a cancelled booking whose slot was removed since. */
  slot_id: string | null;
  event_id: string;
  employer_id: string;
  centre_id: string;
  seeker_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: InterviewBookingStatus;
  result: InterviewResult | null;
  result_note: string | null;
  result_at: Timestamp | null;
  employment_id: string | null;
  cancelled_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface EventRegistrationTable {
  id: string;
  event_id: string;
  centre_id: string;
  seeker_id: string;
  status: RegistrationStatus;
  checked_in_at: Timestamp | null;
  promoted_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

/** A seeker invited to an event after pre-event matching for one of its postings. */
export interface EventInvitationTable {
  id: string;
  event_id: string;
  centre_id: string;
  seeker_id: string;
  posting_id: string | null;
  employer_id: string | null;
  score: number | null;
  notification_id: string | null;
  invited_by: string | null;
  response: InvitationResponse | null;
  responded_at: Timestamp | null;
  created_at: DefaultTimestamp;
}

/** A company's request for a recruitment at the permanent hiring hall (상설채용관). */
export interface HiringHallRequestTable {
  id: string;
  centre_id: string;
  employer_id: string;
  posting_id: string;
  preferred_dates: string[];
  headcount: number | null;
  note: string | null;
  status: HallRequestStatus;
  event_id: string | null;
  room_booking_ids: ColumnType<string[], string[] | undefined, string[]>;
  scheduled_by: string | null;
  scheduled_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    hiring_events: HiringEventTable;
    event_employers: EventEmployerTable;
    event_slots: EventSlotTable;
    interview_bookings: InterviewBookingTable;
    event_registrations: EventRegistrationTable;
    event_invitations: EventInvitationTable;
    hiring_hall_requests: HiringHallRequestTable;
  }
}
