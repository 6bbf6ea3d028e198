import type { DefaultTimestamp, Timestamp } from '../../platform/db/tables.ts';

export const APPOINTMENT_CHANNELS = ['visit', 'phone', 'online', 'mobile_desk'] as const;
export type AppointmentChannel = (typeof APPOINTMENT_CHANNELS)[number];

/** A counsellor's appointment with a seeker (migration 20261208_0400). */
export interface AppointmentTable {
  id: string;
  /** the seeker's centre */
  centre_id: string;
  seeker_id: string;
  counsellor_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  channel: AppointmentChannel;
  place: string | null;
  note: string | null;
  status: 'scheduled' | 'cancelled';
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  /** The counselling record whose "next contact" this appointment was made from. */
  counselling_id: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** The secret of a counsellor's calendar feed (ICS), kept as its SHA-256. */
export interface AppointmentFeedTable {
  user_id: string;
  centre_id: string;
  token_hash: string;
  created_at: DefaultTimestamp;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    appointments: AppointmentTable;
    appointment_feeds: AppointmentFeedTable;
  }
}
